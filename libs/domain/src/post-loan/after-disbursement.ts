import { LoanProduct } from '../authority/approval-authority';
import {
  addDays,
  addMonthsClamped,
  formatIsoDate,
  parseIsoDate,
  toEpochDay,
} from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import {
  COLLATERAL_KINDS,
  CollateralKind,
  collateralCover,
  CollateralCover,
  DEFAULT_LTV_LIMITS,
  LtvLimits,
} from '../origination/collateral-cover';
import { WarningLevel } from './risk-warning';

/**
 * After disbursement (贷后): the customer manager's follow-up with the borrower (贷后回访), and the
 * periodic revaluation of the collateral (押品价值重估). Periods and why:
 * docs/controls/credit.md, "After disbursement".
 */

/**
 * The follow-up is due this many days after the payout unless the deployment sets FOLLOW_UP_DAYS:
 * half a month is long enough for an entrusted payment to reach the seller or contractor and be
 * seen there (资金用途跟踪), and short enough that money diverted can still be recalled before the
 * first installment falls due.
 */
export const DEFAULT_FOLLOW_UP_DAYS = 15;
export const MAX_FOLLOW_UP_DAYS = 90;

/** What the follow-up found about the use of the money against the purpose stated on the application. */
export const USE_OF_FUNDS_FINDINGS = ['consistent', 'inconsistent', 'not-verifiable'] as const;
export type UseOfFundsFinding = (typeof USE_OF_FUNDS_FINDINGS)[number];

export interface FollowUpFindings {
  useOfFunds: UseOfFundsFinding;
  /** The borrower's phone and address on file still reach them. */
  contactConfirmed: boolean;
}

/** The business date a follow-up is due by: the payout's date plus the configured days. */
export function followUpDueOn(disbursedOn: string, days: number = DEFAULT_FOLLOW_UP_DAYS): string {
  if (!Number.isInteger(days) || days < 1 || days > MAX_FOLLOW_UP_DAYS)
    throw new DomainError(
      'FOLLOW_UP_DAYS_INVALID',
      `a follow-up is due 1 to ${MAX_FOLLOW_UP_DAYS} days after the payout, not ${days}`,
    );
  return formatIsoDate(addDays(dateOf('disbursedOn', disbursedOn), days));
}

/**
 * The warning a follow-up calls for, by the same measure as an inspection's findings
 * (warningFromFindings): money used otherwise than for the stated purpose (挪用贷款) is orange, the
 * remediation plan with a deadline; a use that could not be verified, or a borrower whose phone
 * and address no longer reach them (失联 is an early signal), is yellow; a consistent use with the
 * contact confirmed raises nothing.
 */
export function followUpWarning(findings: FollowUpFindings): WarningLevel | null {
  if (findings.useOfFunds === 'inconsistent') return 'orange';
  if (findings.useOfFunds === 'not-verifiable' || !findings.contactConfirmed) return 'yellow';
  return null;
}

/**
 * How often each kind of collateral is revalued, in months; null: never (the default unless the
 * deployment sets COLLATERAL_REVALUATION_MONTHS). The 押品管理指引 (银监发〔2017〕16号) asks that
 * collateral be revalued at least yearly and more often where its value moves faster:
 * - property: yearly, the regulatory minimum; house prices move slowly;
 * - vehicle: every 6 months, a car loses value fast in its first years;
 * - deposit pledged (存单质押): none, the bank holds the certificate and its value is its face;
 * - securities pledged: quarterly, their price moves daily (a deployment with a market feed may
 *   mark them to market instead);
 * - other: yearly, the minimum.
 */
export type RevaluationMonths = Readonly<Record<CollateralKind, number | null>>;

export const DEFAULT_REVALUATION_MONTHS: RevaluationMonths = {
  property: 12,
  vehicle: 6,
  deposit: null,
  securities: 3,
  other: 12,
};

/** The revaluation task is handed out this many days before the revaluation date. */
export const REVALUATION_LEAD_DAYS = 7;

/**
 * The default schedule with the kinds a deployment sets, written `kind=months,…` (0: never), e.g.
 * `deposit=12,securities=1`. Refuses a kind or period it does not know, so a typo never silently
 * leaves a default in force.
 */
export function parseRevaluationMonths(text: string | undefined | null): RevaluationMonths {
  const table: Record<string, number | null> = { ...DEFAULT_REVALUATION_MONTHS };
  for (const cell of (text ?? '').split(',').map((part) => part.trim())) {
    if (!cell) continue;
    const match = /^([\w-]+)=(\d{1,2})$/.exec(cell);
    const kind = match?.[1] ?? '';
    const months = Number(match?.[2]);
    if (!match || !(COLLATERAL_KINDS as readonly string[]).includes(kind) || months > 60)
      throw new DomainError(
        'REVALUATION_MONTHS_INVALID',
        `"${cell}" is not kind=months (kinds ${COLLATERAL_KINDS.join(', ')}; 0 to 60 months, 0 for never)`,
      );
    table[kind] = months === 0 ? null : months;
  }
  return table as RevaluationMonths;
}

export interface RevaluationItemFacts {
  collateralId: string;
  kind: string;
  /** The business date of its last valuation: the last revaluation, or the payout before any. */
  lastValuedOn: string;
}

export interface PlannedRevaluation {
  /** The revaluation date: the report is due by the end of it (Beijing). */
  dueOn: string;
  /** The business date the task is handed out (never before the plan is made). */
  opensOn: string;
  /** The items due for revaluation on that date, in the order given. */
  collateralIds: string[];
}

/**
 * The loan's next revaluation, planned on `today` (YYYY-MM-DD, Beijing): the earliest date an item
 * falls due by its kind's period, counted from its last valuation, and every item due by then.
 * Never sooner than the lead time from today, so a revaluation missed while the loan was elsewhere
 * still gives the clerk time to obtain a value. Null when no item is revalued (all deposits, or
 * none at all).
 */
export function planNextRevaluation(
  items: readonly RevaluationItemFacts[],
  today: string,
  months: RevaluationMonths = DEFAULT_REVALUATION_MONTHS,
): PlannedRevaluation | null {
  const now = dateOf('today', today);
  const earliest = toEpochDay(addDays(now, REVALUATION_LEAD_DAYS));
  const due = items
    .map((item) => {
      const period = months[item.kind as CollateralKind] ?? null;
      if (period === null) return null;
      const next = toEpochDay(addMonthsClamped(dateOf('lastValuedOn', item.lastValuedOn), period));
      return { id: item.collateralId, day: Math.max(next, earliest) };
    })
    .filter((item): item is { id: string; day: number } => item !== null);
  if (due.length === 0) return null;
  const day = Math.min(...due.map((item) => item.day));
  const dueDate = addDays(now, day - toEpochDay(now));
  const lead = toEpochDay(addDays(dueDate, -REVALUATION_LEAD_DAYS));
  return {
    dueOn: formatIsoDate(dueDate),
    opensOn: formatIsoDate(addDays(now, Math.max(lead, toEpochDay(now)) - toEpochDay(now))),
    collateralIds: due.filter((item) => item.day === day).map((item) => item.id),
  };
}

export interface RevaluationFacts {
  product: LoanProduct;
  /** The principal still owed on the revaluation date. */
  outstandingPrincipal: Money;
  /** Every item securing the loan at its value now: the new value where revalued, else its last. */
  collateral: readonly { kind: string; value: Money }[];
  secondHome: boolean;
}

export interface RevaluationCover extends CollateralCover {
  /** How much principal the collateral no longer secures (repay it, or add security lending as much). */
  shortfall: string;
  /** The warning the revaluation calls for: none within the limit. */
  warning: WarningLevel | null;
}

/**
 * The loan-to-value recomputed after a revaluation: the principal still owed against the new
 * values, with the same table as at origination (collateralCover). Above the limit the loan is no
 * longer covered: an orange warning, whose remediation plan (补充担保或部分还款) asks the borrower
 * for more security or a partial repayment of the shortfall; red when the collateral is worth less
 * than the principal itself (LTV above 100%), where the emergency plan can recall the loan.
 */
export function revaluationCover(
  facts: RevaluationFacts,
  limits: LtvLimits = DEFAULT_LTV_LIMITS,
): RevaluationCover {
  const cover = collateralCover(
    {
      product: facts.product,
      amount: facts.outstandingPrincipal,
      collateral: facts.collateral.map((item) => ({ kind: item.kind, appraisedValue: item.value })),
      secondHome: facts.secondHome,
    },
    limits,
  );
  const shortfall = facts.outstandingPrincipal.minus(Money.parse(cover.lendableValue));
  const underwater = facts.outstandingPrincipal.compare(Money.parse(cover.appraisedValue)) > 0;
  return {
    ...cover,
    shortfall: (shortfall.isNegative() ? Money.zero() : shortfall).toDecimalString(),
    warning: cover.within ? null : underwater ? 'red' : 'orange',
  };
}

function dateOf(field: string, value: string) {
  const date = parseIsoDate(value);
  if (!date)
    throw new DomainError(
      'POST_LOAN_PLAN_INVALID',
      `${field} must be a date YYYY-MM-DD, got "${value}"`,
      {
        field,
      },
    );
  return date;
}
