import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, Money } from '@loanflow/domain';
import { postTransaction } from '@loanflow/adapters';
import { auditActorOf, Principal } from '@loanflow/identity';
import { LoanRefundEntity } from '@loanflow/persistence';
import { ACCOUNTS, advanceBalance } from './loan-accounts';
import { RefundView } from './repayment.views';

const view = (row: LoanRefundEntity): RefundView => ({
  id: row.id,
  amount: Money.ofMinor(row.amountMinor).toDecimalString(),
  state: row.state,
  reason: row.reason,
  dueAt: row.dueAt.toISOString(),
  payeeAccount: row.payeeAccount,
  txnId: row.txnId,
  paidBy: row.paidBy,
  paidAt: row.paidAt?.toISOString() ?? null,
});

/**
 * Refunds of money a borrower paid beyond what the loan owed: found when the loan settles, paid
 * back from the advance account to an account the borrower names, once (by refund), on record.
 */
@Injectable()
export class Refunds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async list(loanId: string): Promise<RefundView[]> {
    const rows = await this.dataSource
      .getRepository(LoanRefundEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
    return rows.map(view);
  }

  async pay(
    principal: Principal,
    loanId: string,
    refundId: string,
    payeeAccount: string,
  ): Promise<RefundView> {
    const paid = await this.dataSource.transaction(async (manager) => {
      const refund = /^\d{1,18}$/.test(refundId)
        ? await manager.findOne(LoanRefundEntity, {
            where: { id: refundId, loanId },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!refund)
        throw new DomainError('REFUND_NOT_FOUND', `Loan ${loanId} has no refund ${refundId}.`);
      if (refund.state === 'paid') return refund;
      const amount = Money.ofMinor(refund.amountMinor);
      const held = await advanceBalance(manager, loanId);
      if (held.compare(amount) < 0)
        throw new DomainError(
          'REFUND_NOT_HELD',
          `The advance account of loan ${loanId} holds ${held.toDecimalString()}, less than the ${amount.toDecimalString()} to refund.`,
        );
      const txnId = `RFD-${randomUUID()}`;
      await postTransaction(
        manager,
        { txnId, loanId, memo: `refund ${refund.id} of loan ${loanId}` },
        [
          { account: ACCOUNTS.advance(loanId), side: 'debit', amount },
          { account: ACCOUNTS.refundClearing, side: 'credit', amount },
        ],
      );
      const changes = {
        state: 'paid' as const,
        payeeAccount,
        txnId,
        paidBy: principal.username,
        paidAt: new Date(),
      };
      await manager.update(LoanRefundEntity, { id: refund.id }, changes);
      await this.audit.append(manager, {
        actor: auditActorOf(principal),
        action: 'loan.refund',
        outcome: 'ok',
        loanKey: loanId,
        reason: `refund ${refund.id} of ${amount.toDecimalString()} paid to ****${payeeAccount.slice(-4)} (${txnId})`,
      });
      return { ...refund, ...changes };
    });
    return view(paid);
  }
}
