import { EntityManager } from 'typeorm';
import {
  assertRestructuringAllowed,
  beijingDate,
  DomainError,
  loanPosition,
  RepaymentMethod,
  respreadSchedule,
  Respread,
  RestructuringKind,
} from '@loanflow/domain';
import { LoanEntity, LoanRestructuringEntity } from '@loanflow/persistence';
import { readLedger } from '../repayments/loan-ledger';

/**
 * Judges a request against the loan as it stands on `date` (the rules, then a dry run of the new
 * schedule) and returns the schedule it would get. Used when the request is made and again when
 * it is applied, since the loan may have fallen behind meanwhile.
 */
export async function judgeRestructuring(
  manager: EntityManager,
  loan: LoanEntity,
  request: { kind: RestructuringKind; extraMonths: number; excludeId?: string },
  date: string,
): Promise<Respread> {
  if (loan.status !== 'disbursed' || !loan.annualRate || !loan.disbursedAt || !loan.termMonths)
    throw new DomainError(
      'LOAN_NOT_IN_SERVICING',
      `Loan ${loan.id} is ${loan.status}: only a loan being serviced is extended or restructured.`,
    );
  const ledger = await readLedger(manager, loan.id);
  const granted = await manager.find(LoanRestructuringEntity, {
    where: { loanId: loan.id, kind: 'extension', state: 'applied' },
  });
  assertRestructuringAllowed({
    kind: request.kind,
    extraMonths: request.extraMonths,
    originalTermMonths: loan.termMonths,
    extendedSoFar: granted
      .filter((g) => g.id !== request.excludeId)
      .reduce((sum, g) => sum + g.extraMonths, 0),
    daysPastDue: loanPosition({ ...ledger, asOf: date }).daysPastDue,
  });
  return respreadSchedule({
    ...ledger,
    asOf: date,
    disbursementDate: beijingDate(loan.disbursedAt),
    annualRate: loan.annualRate,
    method: loan.repaymentMethod as RepaymentMethod,
    extraMonths: request.extraMonths,
  });
}
