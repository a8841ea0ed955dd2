import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { allocateRepayment, defaultPenaltyAnnualRate, Money } from '@loanflow/domain';
import { isDuplicateKeyError, LoanEntity, RepaymentEntity } from '@loanflow/persistence';
import { advanceBalance, postApplication } from './loan-accounts';
import { applyToInstallments, readLedger, StoredAllocationLine } from './loan-ledger';

/** The channel of an application of the advance account to what has fallen due. */
export const ADVANCE_CHANNEL = 'advance';

/**
 * Applies the borrower's advance to what is due by a business date, as a repayment of the day it fell due
 * (channel `advance`): penalty, interest and principal as any payment would, in one balanced
 * transaction from the advance account. Once per loan and date: a re-delivered job applies nothing.
 * Returns the amount applied (zero when there was no advance or nothing was due).
 */
export async function applyAdvance(
  dataSource: DataSource,
  audit: AuditTrail,
  loanId: string,
  date: string,
): Promise<Money> {
  try {
    return await dataSource.transaction(async (manager) => {
      const loan = await manager.findOne(LoanEntity, {
        where: { id: loanId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!loan?.annualRate) return Money.zero();
      const held = await advanceBalance(manager, loanId);
      if (held.isZero() || held.isNegative()) return Money.zero();
      const ledger = await readLedger(manager, loanId);
      // Applied on the day that falls due (no penalty for a day the money was already there), or
      // on the day of a payment already applied after it: payments are applied in date order.
      const dueOn = ledger.installments.filter((i) => i.dueDate <= date).at(-1)?.dueDate ?? date;
      const lastPaid =
        ledger.applied
          .map((line) => line.paidOn)
          .sort()
          .at(-1) ?? dueOn;
      const paidOn = [dueOn, lastPaid].sort().at(-1)!;
      const allocation = allocateRepayment({
        ...ledger,
        amount: held,
        paidOn,
        penaltyAnnualRate: defaultPenaltyAnnualRate(loan.annualRate),
      });
      const applied = allocation.applied;
      if (applied.isZero()) return Money.zero();
      const txnId = `ADV-${randomUUID()}`;
      const lines: StoredAllocationLine[] = allocation.lines.map((line) => ({
        installmentNumber: line.installmentNumber,
        category: line.category,
        amount: line.amount.toDecimalString(),
        paidOn: line.paidOn,
      }));
      await manager.insert(RepaymentEntity, {
        loanId,
        idempotencyKey: `advance:${paidOn}`,
        amountMinor: applied.minorUnits.toString(),
        paidAt: new Date(`${paidOn}T12:00:00+08:00`),
        channel: ADVANCE_CHANNEL,
        allocationJson: JSON.stringify(lines),
        unappliedMinor: '0',
        txnId,
        recordedBy: 'system',
        publishedAt: new Date(),
      });
      await applyToInstallments(manager, loanId, allocation.lines);
      await postApplication(
        manager,
        { txnId, loanId, memo: `advance applied to loan ${loanId} on ${paidOn}` },
        { received: Money.zero(), fromAdvance: applied },
        allocation.lines,
        Money.zero(),
      );
      await audit.append(manager, {
        actor: SYSTEM_ACTOR,
        action: 'loan.advance-applied',
        outcome: 'ok',
        loanKey: loanId,
        reason: `${applied.toDecimalString()} of the borrower's advance applied on ${paidOn}: ${lines
          .map((l) => `${l.category} #${l.installmentNumber} ${l.amount}`)
          .join(', ')}; ${held.minus(applied).toDecimalString()} still held`,
      });
      return applied;
    });
  } catch (error) {
    // Applied on this date already (a re-delivered job, two checks the same day): nothing more.
    if (isDuplicateKeyError(error)) return Money.zero();
    throw error;
  }
}
