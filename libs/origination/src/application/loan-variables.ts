import { Money } from '@loanflow/domain';
import type { LoanEntity, LoanPartyEntity } from '@loanflow/persistence';

/**
 * The `loan` variable every origination instance carries: what a human task shows beside its form
 * and what separation of duties and authority are checked against (see the inbox's LoanSummary).
 */
export function loanSummaryOf(
  loan: LoanEntity,
  applicant: LoanPartyEntity,
  guarantors: LoanPartyEntity[],
) {
  return {
    applicantName: applicant.name,
    applicantIdNumber: applicant.idNumber,
    guarantorIdNumbers: guarantors.map((guarantor) => guarantor.idNumber),
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
