import { buildSchedule, itemAt, LoanProduct, Money, RepaymentMethod } from '@loanflow/domain';
import type { LoanEntity } from '@loanflow/persistence';
import { REFERENCE_ANNUAL_RATES } from '../reference-rates';

/**
 * The new loan's first (under equal principal, the largest) installment at the product's
 * reference rate, before an approver sets the real one: what debt-to-income and a guarantor's
 * capacity are judged on.
 */
export function firstInstallmentOf(
  loan: Pick<LoanEntity, 'product' | 'repaymentMethod'>,
  amount: Money,
  termMonths: number,
  today: string,
): Money {
  const schedule = buildSchedule({
    principal: amount,
    annualRate: REFERENCE_ANNUAL_RATES[loan.product as LoanProduct],
    termMonths,
    method: loan.repaymentMethod as RepaymentMethod,
    startDate: today,
  });
  return itemAt(schedule.installments, 0, 'the schedule').payment;
}
