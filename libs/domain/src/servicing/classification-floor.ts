import { DomainError } from '../errors/domain-error';
import {
  classRank,
  floorForDaysPastDue,
  isWorseClass,
  LOAN_CLASS_NAMES,
  LoanClass,
} from './classification';
import { factsDay } from './repayment-record';
import {
  RestructuredState,
  restructuredState,
  RestructuringRecord,
} from './restructured-classification';

/**
 * The one floor the daily rule applies: the worst of the floor for the days past due
 * (classification.ts) and, for a restructured loan, the restructured floor
 * (restructured-classification.ts). A loan may sit at its floor or worse, never better.
 */
export interface FloorFacts {
  /** YYYY-MM-DD, the day judged. */
  asOf: string;
  daysPastDue: number;
  /** The loan's latest restructuring or extension, if it has one. */
  restructuring?: RestructuringRecord | null;
}

export interface FloorResult {
  floor: LoanClass;
  /** Every floor that applies, for the risk staff; the worst one decides. */
  reasons: string[];
  /** The restructuring's state, when the loan has one. */
  restructured: RestructuredState | null;
}

const named = (level: LoanClass) => `${level} (${LOAN_CLASS_NAMES[level]})`;

export function classificationFloor(facts: FloorFacts): FloorResult {
  const byDays = floorForDaysPastDue(facts.daysPastDue);
  factsDay(facts.asOf, 'asOf');
  const reasons = [
    facts.daysPastDue === 0
      ? 'Nothing overdue: no floor from days past due'
      : `${facts.daysPastDue} days past due: at least ${named(byDays)}`,
  ];
  if (!facts.restructuring) return { floor: byDays, reasons, restructured: null };
  const restructured = restructuredState({
    ...facts.restructuring,
    asOf: facts.asOf,
    daysPastDue: facts.daysPastDue,
  });
  return {
    floor: isWorseClass(restructured.floor, byDays) ? restructured.floor : byDays,
    reasons: [...reasons, ...restructured.reasons],
    restructured,
  };
}

/**
 * The daily rule with the loan's history: the floor when it is worse than the current level, else
 * the current level. Like `dailyRule`, it never lifts a loan: a lower floor (a cure, the end of
 * observation) only makes a better level possible, on an approved review.
 */
export function dailyRuleWithHistory(current: LoanClass, floor: FloorResult): LoanClass {
  classRank(current);
  classRank(floor.floor);
  return isWorseClass(floor.floor, current) ? floor.floor : current;
}

/**
 * Refuses (CLASSIFICATION_BELOW_FLOOR) a proposed level better than the floor, approved or not: the
 * restructured floor's counterpart of the check `reclassify` makes for days past due.
 */
export function assertNotBelowFloor(proposed: LoanClass, floor: FloorResult): void {
  classRank(proposed);
  if (!isWorseClass(floor.floor, proposed)) return;
  throw new DomainError(
    'CLASSIFICATION_BELOW_FLOOR',
    `The loan is at least ${named(floor.floor)}; ${named(proposed)} is below it. ` +
      `${floor.reasons.join('. ')}.`,
    { floor: floor.floor, proposed, reasons: floor.reasons },
  );
}
