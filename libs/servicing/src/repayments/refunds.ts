import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, Money } from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import type { LoanRefundEntity } from '@loanflow/persistence';
import { ACCOUNTS } from './loan-accounts';
import { RefundPayment, RefundRecords } from './refund-records';
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
  constructor(private readonly register: RefundRecords) {}

  async list(loanId: string): Promise<RefundView[]> {
    const rows = await this.register.list(loanId);
    return rows.map(view);
  }

  async pay(
    principal: Principal,
    loanId: string,
    refundId: string,
    payeeAccount: string,
  ): Promise<RefundView> {
    const paid = await this.register.transaction(async (tx) => {
      const refund = /^\d{1,18}$/.test(refundId) ? await tx.lockRefund(refundId, loanId) : null;
      if (!refund)
        throw new DomainError('REFUND_NOT_FOUND', `Loan ${loanId} has no refund ${refundId}.`);
      if (refund.state === 'paid') return refund;
      const amount = Money.ofMinor(refund.amountMinor);
      const held = await tx.advanceHeld(loanId);
      if (held.compare(amount) < 0)
        throw new DomainError(
          'REFUND_NOT_HELD',
          `The advance account of loan ${loanId} holds ${held.toDecimalString()}, less than the ${amount.toDecimalString()} to refund.`,
        );
      const txnId = `RFD-${randomUUID()}`;
      await tx.post({ txnId, loanId, memo: `refund ${refund.id} of loan ${loanId}` }, [
        { account: ACCOUNTS.advance(loanId), side: 'debit', amount },
        { account: ACCOUNTS.refundClearing, side: 'credit', amount },
      ]);
      const changes: RefundPayment = {
        state: 'paid',
        payeeAccount,
        txnId,
        paidBy: principal.username,
        paidAt: new Date(),
      };
      await tx.markPaid(refund.id, changes);
      await tx.audit({
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
