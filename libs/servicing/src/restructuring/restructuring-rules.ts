import {
  assertRestructuringAllowed,
  beijingDate,
  DEFAULT_REFERENCE_RATES,
  DomainError,
  groupProblemsByField,
  LoanProduct,
  loanPosition,
  RepaymentMethod,
  respreadSchedule,
  Respread,
  RestructuringKind,
  ServicingLedger,
  termsProblems,
} from '@loanflow/domain';
import type { LoanEntity } from '@loanflow/persistence';

/** What judging a restructuring reads of the loan besides the loan itself. */
export interface RestructuringReads {
  /** The loan's ledger: its schedule and every amount applied to it. */
  ledger(loanId: string): Promise<ServicingLedger>;
  /** The extensions applied to the loan so far (the total is bounded by the original term). */
  appliedExtensions(loanId: string): Promise<{ id: string; extraMonths: number }[]>;
}

/**
 * Judges a request against the loan as it stands on `date` (the rules, then a dry run of the new
 * schedule) and returns the schedule it would get. Used when the request is made and again when
 * it is applied, since the loan may have fallen behind meanwhile.
 */
export async function judgeRestructuring(
  reads: RestructuringReads,
  loan: LoanEntity,
  request: { kind: RestructuringKind; extraMonths: number; excludeId?: string },
  date: string,
): Promise<Respread> {
  if (loan.status !== 'disbursed' || !loan.annualRate || !loan.disbursedAt || !loan.termMonths)
    throw new DomainError(
      'LOAN_NOT_IN_SERVICING',
      `Loan ${loan.id} is ${loan.status}: only a loan being serviced is extended or restructured.`,
    );
  const ledger = await reads.ledger(loan.id);
  const granted = await reads.appliedExtensions(loan.id);
  const extendedSoFar = granted
    .filter((g) => g.id !== request.excludeId)
    .reduce((sum, g) => sum + g.extraMonths, 0);
  assertRestructuringAllowed({
    kind: request.kind,
    extraMonths: request.extraMonths,
    originalTermMonths: loan.termMonths,
    extendedSoFar,
    daysPastDue: loanPosition({ ...ledger, asOf: date }).daysPastDue,
  });
  // The new terms stay within the product, as a new loan's would: its longest term. The rate is
  // not decided here (the loan keeps the one approved), so only the term is bounded.
  const problems = termsProblems(
    {
      stage: 'restructuring',
      originalTermMonths: loan.termMonths,
      extendedSoFarMonths: extendedSoFar,
      extraMonths: request.extraMonths,
      annualRate: loan.annualRate,
    },
    {
      product: loan.product as LoanProduct,
      grade: 'A',
      referenceRates: DEFAULT_REFERENCE_RATES,
    },
  ).filter((problem) => problem.field === 'extraMonths');
  if (problems.length > 0)
    throw new DomainError(
      'DECISION_OUT_OF_BOUNDS',
      `The ${request.kind} is outside the product's bounds: ${problems.map((p) => p.reason).join('; ')}.`,
      { fieldErrors: groupProblemsByField(problems) },
    );
  return respreadSchedule({
    ...ledger,
    asOf: date,
    disbursementDate: beijingDate(loan.disbursedAt),
    annualRate: loan.annualRate,
    method: loan.repaymentMethod as RepaymentMethod,
    extraMonths: request.extraMonths,
  });
}
