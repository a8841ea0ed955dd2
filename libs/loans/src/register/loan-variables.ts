import { Money } from '@loanflow/domain';
import type { LoanEntity, LoanPartyEntity } from '@loanflow/persistence';

/**
 * The `loan` variable every origination instance carries: the facts the models decide on and the
 * tasks show (product, amount, term, branch, guarantee). Never a person's name, identity number,
 * phone, income or account: the engine, its exporter streams and the monitoring projection hold
 * no personal information (JR/T 0171-2020); workers and the inbox read it from the loan register
 * by loan id. The parties are passed for the number of guarantors only.
 */
export function loanSummaryOf(
  loan: LoanEntity,
  _applicant: LoanPartyEntity,
  guarantors: LoanPartyEntity[],
) {
  return {
    guarantorCount: guarantors.length,
    product: loan.product,
    amount: Money.ofMinor(loan.requestedAmountMinor).toDecimalString(),
    termMonths: loan.requestedTermMonths,
    branchCode: loan.branchCode,
    purpose: loan.purpose,
    guaranteeType: loan.guaranteeType,
    paymentMethod: loan.paymentMethod,
  };
}

/**
 * The `loan` variable of the processes after disbursement (servicing, collection, warnings,
 * restructuring, write-off): the terms as approved and the risk grade, which authority checks use.
 */
export function servicedLoanSummaryOf(
  loan: LoanEntity,
  applicant: LoanPartyEntity,
  guarantors: LoanPartyEntity[],
) {
  return {
    ...loanSummaryOf(loan, applicant, guarantors),
    amount: Money.ofMinor(loan.amountMinor ?? loan.requestedAmountMinor).toDecimalString(),
    termMonths: loan.termMonths ?? loan.requestedTermMonths,
    ...(loan.riskGrade ? { riskGrade: loan.riskGrade } : {}),
    ...(loan.annualRate ? { annualRate: loan.annualRate } : {}),
  };
}
