import {
  addMonthsClamped,
  formatIsoDate,
  fromEpochDay,
  toEpochDay,
} from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { checkedDay, checkLedger, ServicingLedger } from './servicing-input';

/**
 * The repayment record (还款记录) the classification rules read: per installment, the day it fell
 * due and the day it was paid in full, or null while something of it is unpaid. The upgrade and
 * restructuring rules judge whether a borrower kept to the schedule, which needs only these two
 * dates; `repaymentRecord` derives them from the loan's ledger.
 *
 * How an installment stands on `asOf`, as the rules here read it:
 * - on time (按时足额): principal and interest paid in full on or before the due date. One paid on
 *   the due date itself is on time, as loan-position treats a due date as payable until it ends.
 * - late: paid in full, but after the due date; the day it was paid is its cure.
 * - overdue: something unpaid and the due date before `asOf`.
 * - open: due on `asOf` or later and not yet paid in full; it can still be paid on time.
 * Only payments on or before `asOf` count, so the same record answers for any past day.
 */
export interface InstallmentRecord {
  /** 1..n */
  number: number;
  /** YYYY-MM-DD */
  dueDate: string;
  /** YYYY-MM-DD, the day principal and interest were paid in full; null while something is unpaid. */
  paidOn: string | null;
}

export type InstallmentStanding = 'on-time' | 'late' | 'overdue' | 'open';

/** The code of every refusal of facts the classification rules cannot read. */
export const CLASSIFICATION_FACTS_INVALID = 'CLASSIFICATION_FACTS_INVALID';

/** A checked record: in number order, dates as epoch days for comparison. */
export interface CheckedInstallment extends InstallmentRecord {
  dueDay: number;
  paidDay: number | null;
}

export function factsDay(value: string, field: string): number {
  return checkedDay(value, field, CLASSIFICATION_FACTS_INVALID);
}

export function optionalFactsDay(value: string | null | undefined, field: string): number | null {
  return value === null || value === undefined ? null : factsDay(value, field);
}

export function dayText(epochDay: number): string {
  return formatIsoDate(fromEpochDay(epochDay));
}

/** The epoch day `months` calendar months after `epochDay`, clamped to a shorter month's end. */
export function addMonthsToDay(epochDay: number, months: number): number {
  return toEpochDay(addMonthsClamped(fromEpochDay(epochDay), months));
}

/**
 * Refuses a record no rule could read: repeated or non-positive numbers, due dates that do not rise
 * with the number, dates not in YYYY-MM-DD form.
 */
export function checkRecord(
  records: readonly InstallmentRecord[],
  field = 'installments',
): CheckedInstallment[] {
  const refuse = (where: string, message: string): never => {
    throw new DomainError(CLASSIFICATION_FACTS_INVALID, `${where}: ${message}`, { field: where });
  };
  if (!Array.isArray(records)) refuse(field, 'must be a list of installments');
  const checked = [...records]
    .sort((a, b) => a.number - b.number)
    .map((record) => ({
      ...record,
      dueDay: factsDay(record.dueDate, `${field} ${record.number} dueDate`),
      paidDay: optionalFactsDay(record.paidOn, `${field} ${record.number} paidOn`),
    }));
  checked.forEach((record, index) => {
    const where = `${field} ${record.number}`;
    if (!Number.isInteger(record.number) || record.number < 1) {
      refuse(where, 'the number must be a whole number from 1');
    }
    const previous = checked[index - 1];
    if (previous && previous.number === record.number) refuse(where, 'appears twice');
    if (previous && previous.dueDay >= record.dueDay) {
      refuse(where, `falls due on ${record.dueDate}, not after installment ${previous.number}`);
    }
  });
  return checked;
}

/** How the installment stands on `asOfDay`; a payment after `asOfDay` does not count yet. */
export function standing(installment: CheckedInstallment, asOfDay: number): InstallmentStanding {
  const paid = installment.paidDay !== null && installment.paidDay <= asOfDay;
  if (paid) return installment.paidDay! <= installment.dueDay ? 'on-time' : 'late';
  return installment.dueDay < asOfDay ? 'overdue' : 'open';
}

/** "installment 5 (due 2026-06-15)" */
export function describeInstallment(installment: InstallmentRecord): string {
  return `installment ${installment.number} (due ${installment.dueDate})`;
}

/**
 * The record of a ledger: per installment, the day the principal and interest applied to it first
 * reached what it owes (penalty interest aside, as in loan-position). An installment that owes
 * nothing counts as paid on its due date.
 */
export function repaymentRecord(ledger: ServicingLedger): InstallmentRecord[] {
  const checked = checkLedger(ledger);
  return checked.installments.map((installment) => {
    const lines = checked.applied
      .filter((line) => line.installmentNumber === installment.number)
      .sort((a, b) => a.paidDay - b.paidDay);
    const paid = {
      principal: Money.zero(checked.currency),
      interest: Money.zero(checked.currency),
    };
    const full = () =>
      paid.principal.compare(installment.principal) >= 0 &&
      paid.interest.compare(installment.interest) >= 0;
    let paidOn: string | null = full() ? installment.dueDate : null;
    for (const line of lines) {
      if (paidOn !== null) break;
      if (line.category === 'penalty') continue;
      paid[line.category] = paid[line.category].plus(line.amount);
      if (full()) paidOn = line.paidOn;
    }
    return { number: installment.number, dueDate: installment.dueDate, paidOn };
  });
}
