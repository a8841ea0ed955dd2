import { Money } from '../money/money';
import type { AppliedAmount, ScheduledAmounts } from './servicing-input';

/** The servicing specs' loan, figures checked by hand: see each spec for what it computes from it. */
export const yuan = (amount: string): Money => Money.parse(amount);
export const text = (money: Money): string => money.toDecimalString();

export const line = (
  installmentNumber: number,
  category: AppliedAmount['category'],
  amount: string,
  paidOn: string,
): AppliedAmount => ({ installmentNumber, category, amount: yuan(amount), paidOn });

// 12,000.00 at 12% a year, equal principal (等额本金), 12 months, disbursed 2026-01-15.
// Principal 12,000 / 12 = 1,000.00 a month; interest = balance × 1%: 120.00 on 12,000, then
// 110.00, 100.00, ... down to 10.00 on the last 1,000.00.
export const DUE_DATES = [
  '2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15', '2026-07-15',
  '2026-08-15', '2026-09-15', '2026-10-15', '2026-11-15', '2026-12-15', '2027-01-15',
]; // prettier-ignore

export const schedule: ScheduledAmounts[] = DUE_DATES.map((dueDate, index) => ({
  number: index + 1,
  dueDate,
  principal: yuan('1000.00'),
  interest: yuan(`${120 - 10 * index}.00`),
}));

/** The first four installments, where the penalty and allocation specs play out. */
export const firstFour: ScheduledAmounts[] = schedule.slice(0, 4);

/** Installment 1 paid in full on its due date. */
export const firstPaid: AppliedAmount[] = [
  line(1, 'interest', '120.00', '2026-02-15'),
  line(1, 'principal', '1000.00', '2026-02-15'),
];
