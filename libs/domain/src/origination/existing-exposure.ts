import { Money } from '../money/money';

/** One loan the applicant already has with the bank, as it stands on the day of the check. */
export interface ExistingLoan {
  loanId: string;
  product: string;
  /** disbursed (being repaid) or written-off (a loss still owed: 账销案存). */
  status: 'disbursed' | 'written-off';
  outstandingPrincipal: Money;
  daysPastDue: number;
  /** The installment falling due this month or next (0.00 once nothing is left to fall due). */
  monthlyInstallment: Money;
}

export interface ExposureSummary {
  /** Loans being repaid or written off. */
  loans: number;
  /** Principal still owed on them, decimal yuan: added to the new amount for the approval level. */
  outstanding: string;
  /** Their monthly installments, decimal yuan: counted in debt-to-income. */
  monthlyInstallments: string;
  /** Housing loans still owed: a new housing loan is then a second home (认贷). */
  housingLoans: number;
  /** Loan ids with something overdue today, or written off. */
  overdueLoans: string[];
}

export interface ExposureRefusal {
  code: 'EXISTING_LOAN_OVERDUE';
  reason: string;
}

/**
 * The applicant's exposure to the bank (统一授信). A borrower who is behind on a loan, or whose
 * loan was written off, is refused: a new loan would repay the old one (借新还旧) and mask its
 * default, which is what the seeds warn of.
 */
export function summariseExposure(existing: readonly ExistingLoan[]): {
  summary: ExposureSummary;
  refusals: ExposureRefusal[];
} {
  let outstanding = Money.zero();
  let installments = Money.zero();
  const overdue: ExistingLoan[] = [];
  for (const loan of existing) {
    outstanding = outstanding.plus(loan.outstandingPrincipal);
    if (loan.status === 'disbursed') installments = installments.plus(loan.monthlyInstallment);
    if (loan.daysPastDue > 0 || loan.status === 'written-off') overdue.push(loan);
  }
  return {
    summary: {
      loans: existing.length,
      outstanding: outstanding.toDecimalString(),
      monthlyInstallments: installments.toDecimalString(),
      housingLoans: existing.filter(
        (loan) => loan.product === 'housing' && loan.status === 'disbursed',
      ).length,
      overdueLoans: overdue.map((loan) => loan.loanId),
    },
    refusals: overdue.map((loan) => ({
      code: 'EXISTING_LOAN_OVERDUE' as const,
      reason:
        loan.status === 'written-off'
          ? `the applicant's loan ${loan.loanId} was written off with ${loan.outstandingPrincipal.toDecimalString()} still owed`
          : `the applicant's loan ${loan.loanId} is ${loan.daysPastDue} days past due; a new loan would repay an overdue one (借新还旧)`,
    })),
  };
}
