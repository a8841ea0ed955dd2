import { LoanProduct, RiskGrade } from '../authority/approval-authority';
import {
  addDays,
  addMonthsClamped,
  formatIsoDate,
  parseIsoDate,
  toEpochDay,
} from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { DEFAULT_PRODUCT_POLICIES } from '../origination/product-policy';
import { classRank, LoanClass } from '../servicing/classification';

/**
 * Post-loan inspections (贷后检查): the first one soon after disbursement (首次跟踪检查, the product's
 * `firstInspectionDays`), then periodic ones (定期检查), more often for riskier loans.
 *
 * The periodic interval is the product's base, shortened by the risk grade at approval and by the
 * classification now, whichever is strictest:
 * - base: consumer every 6 months, housing every 12, business every 3 (its funds are the easiest
 *   to divert);
 * - grade C at most every 3 months, grade D every month;
 * - special mention at most every 3 months; substandard or worse every month;
 * - a key customer's loan (重点客户, `key-customer.ts`) at most every `keyCustomerMonths` (the list
 *   entry's own interval, default 3).
 */
export const BASE_INSPECTION_MONTHS: Readonly<Record<LoanProduct, number>> = {
  consumer: 6,
  housing: 12,
  business: 3,
};

const GRADE_CAP_MONTHS: Readonly<Record<RiskGrade, number>> = { A: 12, B: 12, C: 3, D: 1 };

/** The post-loan officer is given the inspection this many days before it is due. */
export const INSPECTION_LEAD_DAYS = 7;

export interface InspectionPlanFacts {
  product: LoanProduct;
  riskGrade: RiskGrade | null;
  classification: LoanClass;
  /** The disbursement's business date, YYYY-MM-DD. */
  disbursedOn: string;
  /** The due date of the last inspection planned, or null before the first. */
  previousDueOn: string | null;
  /** The key-customer list's interval for the borrower, or null/absent when not listed. */
  keyCustomerMonths?: number | null;
}

export interface PlannedInspection {
  kind: 'first' | 'periodic';
  /** The business date the report is due by (end of that day, Beijing). */
  dueOn: string;
  /** The business date the task is handed out (never before the plan is made). */
  opensOn: string;
  /** For a periodic one, the interval applied, in months. */
  intervalMonths: number | null;
}

export function inspectionIntervalMonths(
  product: LoanProduct,
  riskGrade: RiskGrade | null,
  classification: LoanClass,
  keyCustomerMonths: number | null = null,
): number {
  const byClass =
    classRank(classification) >= classRank('substandard')
      ? 1
      : classification === 'special-mention'
        ? 3
        : 12;
  return Math.min(
    BASE_INSPECTION_MONTHS[product],
    GRADE_CAP_MONTHS[riskGrade ?? 'B'],
    byClass,
    keyCustomerMonths ?? 12,
  );
}

/** The next inspection of a loan, planned on `today` (YYYY-MM-DD, Beijing). */
export function planNextInspection(facts: InspectionPlanFacts, today: string): PlannedInspection {
  const disbursed = dateOf('disbursedOn', facts.disbursedOn);
  const now = dateOf('today', today);
  let plan: Omit<PlannedInspection, 'opensOn'>;
  if (facts.previousDueOn === null) {
    const days = DEFAULT_PRODUCT_POLICIES[facts.product].firstInspectionDays;
    plan = { kind: 'first', dueOn: formatIsoDate(addDays(disbursed, days)), intervalMonths: null };
  } else {
    const months = inspectionIntervalMonths(
      facts.product,
      facts.riskGrade,
      facts.classification,
      facts.keyCustomerMonths ?? null,
    );
    const previous = dateOf('previousDueOn', facts.previousDueOn);
    // Counted from the previous due date, so a late report does not push the calendar back; but
    // never due sooner than the lead time from today, so the officer always has time to go.
    const fromPrevious = addMonthsClamped(previous, months);
    const earliest = addDays(now, INSPECTION_LEAD_DAYS);
    const due = toEpochDay(fromPrevious) < toEpochDay(earliest) ? earliest : fromPrevious;
    plan = { kind: 'periodic', dueOn: formatIsoDate(due), intervalMonths: months };
  }
  const lead = addDays(dateOf('dueOn', plan.dueOn), -INSPECTION_LEAD_DAYS);
  const opensOn = formatIsoDate(toEpochDay(lead) < toEpochDay(now) ? now : lead);
  return { ...plan, opensOn };
}

function dateOf(field: string, value: string) {
  const date = parseIsoDate(value);
  if (!date)
    throw new DomainError(
      'INSPECTION_PLAN_INVALID',
      `${field} must be a date YYYY-MM-DD, got "${value}"`,
      {
        field,
      },
    );
  return date;
}
