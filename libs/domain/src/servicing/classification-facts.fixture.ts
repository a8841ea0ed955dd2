import { addMonthsClamped, formatIsoDate, parseIsoDate } from '../calendar/calendar-date';
import type { InstallmentRecord } from './repayment-record';

/**
 * The classification specs' repayment records: `count` monthly installments from `first`, each
 * paid on the day `paidOn` says (on its due date unless told otherwise; null for unpaid).
 */
export function monthly(
  first: string,
  count: number,
  paidOn: (number: number, dueDate: string) => string | null = (_number, dueDate) => dueDate,
  firstNumber = 1,
): InstallmentRecord[] {
  const start = parseIsoDate(first);
  if (!start) throw new Error(`not a date: ${first}`);
  return Array.from({ length: count }, (_, index) => {
    const dueDate = formatIsoDate(addMonthsClamped(start, index));
    const number = firstNumber + index;
    return { number, dueDate, paidOn: paidOn(number, dueDate) };
  });
}

/** The same record with the given installments paid on other days (null: unpaid). */
export function paying(
  record: readonly InstallmentRecord[],
  changes: Record<number, string | null>,
): InstallmentRecord[] {
  return record.map((installment) =>
    installment.number in changes
      ? { ...installment, paidOn: changes[installment.number] ?? null }
      : installment,
  );
}
