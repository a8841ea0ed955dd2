import { Money } from '@loanflow/domain';

/** Debt-to-income ratio to four places, from decimal strings; null when there is no income. */
export function debtToIncome(monthlyDebt: string, monthlyIncome: string): string | null {
  const income = Money.parse(monthlyIncome);
  if (income.isZero()) return null;
  const ratio = Number((Money.parse(monthlyDebt).minorUnits * 10000n) / income.minorUnits) / 10000;
  return ratio.toFixed(4);
}
