import Decimal from 'decimal.js';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';

/**
 * Debt-to-income ratio (负债收入比): what the borrower would pay each month, on existing debts and
 * on the new loan's first installment (the largest one under equal principal), over monthly
 * income. A decimal fraction with 4 places, rounded half-up ("0.4215" is 42.15%); null when there
 * is no income, since no ratio then describes the risk.
 */
const Ratio = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export interface DebtToIncomeFacts {
  monthlyIncome: Money;
  existingMonthlyDebtPayments: Money;
  newLoanFirstInstallment: Money;
}

export function debtToIncomeRatio(facts: DebtToIncomeFacts): string | null {
  for (const [field, amount] of Object.entries(facts) as [keyof DebtToIncomeFacts, Money][]) {
    if (amount.isNegative()) {
      throw new DomainError('DEBT_TO_INCOME_INVALID', `${field} may not be negative`, { field });
    }
  }
  if (facts.monthlyIncome.isZero()) return null;
  const debt = facts.existingMonthlyDebtPayments.plus(facts.newLoanFirstInstallment);
  return new Ratio(debt.minorUnits.toString())
    .dividedBy(facts.monthlyIncome.minorUnits.toString())
    .toFixed(4, Decimal.ROUND_HALF_UP);
}
