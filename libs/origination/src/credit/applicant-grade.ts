import {
  ageOn,
  debtToIncomeRatio,
  GuaranteeType,
  Money,
  Scorecard,
  scoreApplication,
} from '@loanflow/domain';
import type { LoanEntity } from '@loanflow/persistence';
import { firstInstallmentOf } from './first-installment';

export interface BureauFigures {
  score: number;
  overdueAccounts: number;
  maxDaysOverdue: number;
  inquiriesLast6Months: number;
  monthlyDebtPayments: string;
}

/**
 * The applicant's monthly debts before the new loan: the larger of what they state and what is
 * known, the bureau's debts plus the installments on their loans with this bank (the simulated
 * bureau does not report the bank's own loans). Undeclared debt counts.
 */
export function monthlyDebtsOf(stated: Money, bureau: BureauFigures, loan: LoanEntity): Money {
  const known = Money.parse(bureau.monthlyDebtPayments).plus(bankInstallmentsOf(loan));
  return stated.compare(known) >= 0 ? stated : known;
}

/** The installments on the applicant's loans with the bank, as the automatic checks found them. */
export function bankInstallmentsOf(loan: LoanEntity): Money {
  if (!loan.creditChecksJson) return Money.zero();
  const checks = JSON.parse(loan.creditChecksJson) as {
    exposure?: { monthlyInstallments?: string };
  };
  return Money.parse(checks.exposure?.monthlyInstallments ?? '0.00');
}

/** The scorecard on the bureau's report and the income and debts given (declared or verified). */
export function applicantScorecard(input: {
  loan: LoanEntity;
  birthDate: string;
  bureau: BureauFigures;
  monthlyIncome: Money;
  statedMonthlyDebt: Money;
  today: string;
}): { scorecard: Scorecard; debtToIncome: string | null; monthlyDebts: Money } {
  const { loan, bureau, today } = input;
  const monthlyDebts = monthlyDebtsOf(input.statedMonthlyDebt, bureau, loan);
  const debtToIncome = debtToIncomeRatio({
    monthlyIncome: input.monthlyIncome,
    existingMonthlyDebtPayments: monthlyDebts,
    newLoanFirstInstallment: firstInstallmentOf(
      loan,
      Money.ofMinor(loan.requestedAmountMinor),
      loan.requestedTermMonths,
      today,
    ),
  });
  const scorecard = scoreApplication({
    bureauScore: bureau.score,
    overdueAccounts: bureau.overdueAccounts,
    maxDaysOverdue: bureau.maxDaysOverdue,
    inquiriesLast6Months: bureau.inquiriesLast6Months,
    debtToIncome,
    age: ageOn(input.birthDate, today),
    guaranteeType: loan.guaranteeType as GuaranteeType,
  });
  return { scorecard, debtToIncome, monthlyDebts };
}
