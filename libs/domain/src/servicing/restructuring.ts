import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { buildSchedule, RepaymentMethod } from '../schedule/repayment-schedule';
import { loanPosition } from './loan-position';
import { ScheduledAmounts, ServicingLedger } from './servicing-input';

/**
 * Extension (展期) and restructuring (重组) of a loan being serviced. Both re-spread the principal
 * not yet due over more months; they differ in who may have them and what they mean for risk:
 *
 * - an extension is for a borrower who is up to date and needs longer: refused while anything is
 *   overdue, and limited by the General Rules on Loans (贷款通则 art. 12) to, in all, the
 *   original term for a short-term loan (up to 1 year), half of it for a medium-term loan (1 to
 *   5 years) and 3 years for a long-term loan;
 * - a restructuring is for a borrower in difficulty, arrears or not: the arrears stay due (and in
 *   collection) and the later installments become bearable.
 *
 * What either does to the loan's classification is restructured-classification.ts: under the 2023
 * risk classification rules both are restructured assets (重组资产), with a floor from the level
 * before (special mention from a performing loan, substandard from a non-performing one) and an
 * observation period (观察期) before the mark is lifted.
 */
export type RestructuringKind = 'extension' | 'restructuring';
export const RESTRUCTURING_KINDS: readonly RestructuringKind[] = ['extension', 'restructuring'];

/** The most months a loan of this original term may be extended by, in all. */
export function extensionLimitMonths(originalTermMonths: number): number {
  if (originalTermMonths <= 12) return originalTermMonths;
  if (originalTermMonths <= 60) return Math.floor(originalTermMonths / 2);
  return 36;
}

export interface RestructuringFacts {
  kind: RestructuringKind;
  extraMonths: number;
  originalTermMonths: number;
  /** Months of extension granted before, in all. */
  extendedSoFar: number;
  daysPastDue: number;
}

/** Refuses (DomainError with a stable code) a request the rules do not allow. */
export function assertRestructuringAllowed(facts: RestructuringFacts): void {
  if (!Number.isInteger(facts.extraMonths) || facts.extraMonths < 1 || facts.extraMonths > 120)
    throw new DomainError(
      'RESTRUCTURING_INVALID',
      'extraMonths must be a whole number from 1 to 120',
      {
        field: 'extraMonths',
      },
    );
  if (facts.kind !== 'extension') return;
  if (facts.daysPastDue > 0)
    throw new DomainError(
      'EXTENSION_WHILE_OVERDUE',
      `the loan is ${facts.daysPastDue} days past due: an overdue loan is restructured, not extended`,
      { daysPastDue: facts.daysPastDue },
    );
  const limit = extensionLimitMonths(facts.originalTermMonths);
  if (facts.extendedSoFar + facts.extraMonths > limit)
    throw new DomainError(
      'EXTENSION_BEYOND_LIMIT',
      `a ${facts.originalTermMonths}-month loan may be extended by ${limit} months in all; ` +
        `${facts.extendedSoFar} granted before, ${facts.extraMonths} asked`,
      { limitMonths: limit, extendedSoFar: facts.extendedSoFar, extraMonths: facts.extraMonths },
    );
}

export interface Respread {
  /** Installments not yet due and untouched, to be replaced. */
  replaced: number[];
  /** The new installments, numbered after every existing one. */
  installments: ScheduledAmounts[];
  principal: Money;
}

/**
 * The principal of the installments not yet due on `asOf`, spread again over their number plus
 * `extraMonths`, monthly from the last due date on or before `asOf` (or the disbursement date).
 * Installments already due stay as they are, paid or not.
 */
export function respreadSchedule(
  request: ServicingLedger & {
    asOf: string;
    disbursementDate: string;
    annualRate: string;
    method: RepaymentMethod;
    extraMonths: number;
  },
): Respread {
  const position = loanPosition(request);
  const notYetDue = position.installments.filter((i) => i.dueDate > request.asOf);
  if (notYetDue.length === 0)
    throw new DomainError(
      'RESTRUCTURING_INVALID',
      'no installment is left to spread: the loan has reached maturity',
    );
  if (notYetDue.some((i) => !i.principalPaid.isZero() || !i.interestPaid.isZero()))
    throw new DomainError(
      'RESTRUCTURING_INVALID',
      'an installment not yet due has been paid in part; settle it before the schedule is changed',
    );
  const due = position.installments.filter((i) => i.dueDate <= request.asOf);
  const startDate = due.at(-1)?.dueDate ?? request.disbursementDate;
  const principal = notYetDue.reduce((sum, i) => sum.plus(i.principalDue), Money.zero());
  const schedule = buildSchedule({
    principal,
    annualRate: request.annualRate,
    termMonths: notYetDue.length + request.extraMonths,
    method: request.method,
    startDate,
  });
  const last = Math.max(...request.installments.map((i) => i.number));
  return {
    replaced: notYetDue.map((i) => i.number),
    installments: schedule.installments.map((i) => ({
      number: last + i.number,
      dueDate: i.dueDate,
      principal: i.principal,
      interest: i.interest,
    })),
    principal,
  };
}
