import { itemAt } from '../collections/item-at';
import { DomainError } from '../errors/domain-error';
import { assertDaysPastDue } from './days-past-due';
import {
  CLASSIFICATION_FLOORS,
  classRank,
  isNonPerforming,
  isWorseClass,
  LOAN_CLASS_NAMES,
  LoanClass,
} from './classification';
import {
  addMonthsToDay,
  CheckedInstallment,
  checkRecord,
  CLASSIFICATION_FACTS_INVALID,
  dayText,
  describeInstallment,
  factsDay,
  InstallmentRecord,
  optionalFactsDay,
  standing,
} from './repayment-record';
import { RESTRUCTURING_KINDS, RestructuringKind } from './restructuring';

/**
 * Restructured loans (重组资产) under the 2023 rules on the risk classification of commercial banks'
 * financial assets (商业银行金融资产风险分类办法, in force 2023-07-01), chapter 3 (重组资产风险分类;
 * in my recollection about 第十七条 to 第二十二条, the exact article of each clause not verified).
 * A restructured asset is one whose contract was changed in the borrower's favour because the
 * borrower is in financial difficulty, extensions (展期) and refinancing (借新还旧) included. The
 * product grants an extension only on the borrower's request to pay over longer and does not record
 * a finding that he is not in difficulty, so both kinds are treated here as restructured: the
 * cautious reading, and the one the product's domain notes take.
 *
 * - Floor from what the loan was before: a loan normal or special mention before is at least
 *   special mention after; a non-performing one (substandard or worse) is at least substandard.
 *   The rules also put at least at substandard a loan restructured again while still under
 *   observation (再次重组) — from my recollection of the chapter; the product follows it, being the
 *   cautious side.
 * - Observation period (重组观察期): the rules start it on the first payment date under the new
 *   terms (合同调整后约定的第一次还款日), make it cover at least two consecutive repayment periods and
 *   last no less than one year. Read here as: it can end on the later of the due date of the second
 *   installment under the new terms and twelve calendar months after its start (anniversary
 *   included, a shorter month clamped to its end), once every installment falling due from its
 *   start to that day was paid in full on or before its due date, and nothing that fell due before
 *   that day is still unpaid on the day judged (arrears left from before the restructuring stay due
 *   under this product's terms, and the rules end observation only for a borrower paying "as
 *   agreed", 按照合同约定及时足额还款). Read from the days past due, which count from the oldest
 *   unpaid due date; arrears overdue at the end but paid since cannot be told from them and do not
 *   hold observation open.
 * - A missed payment during observation: the rules restart observation "from the point of the
 *   failure" (从未履约时点开始重新计算). Read here as: the missed installment (one not paid in full by
 *   the end of its due date) must first be paid; the new observation starts on the first payment
 *   date after the day it was paid (that installment and the next must then be paid on time, and a
 *   year pass from it). So it restarts from the next payment date that can be kept after the
 *   failure is made good — never earlier than the rules' point of failure, and a miss that is never
 *   paid keeps the loan under observation. Two misses, or another missed while the first is
 *   unpaid, count from the last cure.
 * - A borrower whose difficulty a review finds unresolved at the end of observation: the rules
 *   restart it. `difficultyUnresolvedOn` records such a finding; made on or before the day the
 *   observation can end, it restarts observation from the first payment date after it.
 * - During observation, a missed payment (failing the new terms) or more than 90 days past due
 *   puts the loan at least at substandard. After a miss that floor holds until the restarted
 *   observation ends; the days-past-due one lasts while the days do (the level itself never
 *   improves without an approved upgrade, so the loan stays where it was pushed).
 * - After observation ends the restructured floor no longer applies: the mark is lifted, and a
 *   better level follows the upgrade rule for non-performing loans or the approval rule.
 */
export interface RestructuringRecord {
  kind: RestructuringKind;
  /** YYYY-MM-DD, the day the new terms took effect. */
  appliedOn: string;
  /** The loan's level just before the restructuring. */
  levelBefore: LoanClass;
  /** The installments under the new terms only, with the day each was paid in full. */
  installments: readonly InstallmentRecord[];
  /** Applied while an earlier restructuring of the loan was still under observation (再次重组). */
  whileInObservation?: boolean;
  /** YYYY-MM-DD, a review found the borrower's financial difficulty not resolved. */
  difficultyUnresolvedOn?: string | null;
}

export interface RestructuredFacts extends RestructuringRecord {
  /** YYYY-MM-DD, the day judged. */
  asOf: string;
  daysPastDue: number;
}

export interface RestructuredState {
  /** The loan carries the restructured mark: from the day applied until observation ends. */
  inObservation: boolean;
  /**
   * YYYY-MM-DD, the start of the observation in force (a day still to come before the first
   * payment date under the new terms); null while it waits for a missed installment to be paid.
   */
  observationStartedOn: string | null;
  /**
   * YYYY-MM-DD, the day it ends (ended) at the earliest, if every installment is paid on time and
   * nothing is overdue; null when no day can be named.
   */
  observationEndsOnEarliest: string | null;
  /** The best level the restructuring allows; normal once observation has ended. */
  floor: LoanClass;
  /** For the risk staff, in the order they apply. */
  reasons: string[];
}

/** Months observation lasts at least, from its start. */
export const OBSERVATION_MONTHS = 12;
/** Consecutive installments under the new terms observation covers at least. */
export const OBSERVATION_INSTALLMENTS = 2;

const SPECIAL_MENTION_MAX_DAYS = CLASSIFICATION_FLOORS.find(
  (floor) => floor.level === 'special-mention',
)!.maxDaysPastDue;

const named = (level: LoanClass) => `${level} (${LOAN_CLASS_NAMES[level]})`;

/**
 * The floor a restructuring sets: at least special mention for a loan normal or special mention
 * before, at least substandard for a non-performing one or one restructured again while under
 * observation.
 */
export function restructuredFloor(previous: LoanClass, whileInObservation = false): LoanClass {
  classRank(previous);
  return isNonPerforming(previous) || whileInObservation ? 'substandard' : 'special-mention';
}

type Restart =
  { waiting: CheckedInstallment } | { next: number; anchorDay: number } | { none: number };

/**
 * After a failure made good on `anchorDay`: every installment due by then must be paid (the last
 * late one's cure moves the anchor); the new observation starts on the first payment date after.
 */
function restartAfter(
  installments: CheckedInstallment[],
  anchorDay: number,
  asOfDay: number,
): Restart {
  let anchor = anchorDay;
  for (;;) {
    const before = installments.filter((i) => i.dueDay <= anchor);
    const waiting = before.find((i) => standing(i, asOfDay) === 'overdue');
    if (waiting) return { waiting };
    const cure = Math.max(
      anchor,
      ...before.filter((i) => standing(i, asOfDay) === 'late').map((i) => i.paidDay!),
    );
    if (cure === anchor) break;
    anchor = cure;
  }
  const next = installments.findIndex((i) => i.dueDay > anchor);
  return next < 0 ? { none: anchor } : { next, anchorDay: anchor };
}

/** The restructured mark, its observation period and the floor it sets on `asOf`. */
export function restructuredState(facts: RestructuredFacts): RestructuredState {
  if (!RESTRUCTURING_KINDS.includes(facts.kind)) {
    throw new DomainError(
      CLASSIFICATION_FACTS_INVALID,
      `kind: must be one of ${RESTRUCTURING_KINDS.join(', ')}, got "${facts.kind}"`,
      { field: 'kind' },
    );
  }
  classRank(facts.levelBefore);
  assertDaysPastDue(facts.daysPastDue);
  const asOfDay = factsDay(facts.asOf, 'asOf');
  const appliedDay = factsDay(facts.appliedOn, 'appliedOn');
  const refuse = (field: string, message: string): never => {
    throw new DomainError(CLASSIFICATION_FACTS_INVALID, `${field}: ${message}`, { field });
  };
  if (appliedDay > asOfDay) {
    refuse('appliedOn', `${facts.appliedOn} is after the day judged, ${facts.asOf}`);
  }
  const installments = checkRecord(facts.installments);
  const [firstUnderNewTerms] = installments;
  if (!firstUnderNewTerms) return refuse('installments', 'no installment under the new terms');
  if (firstUnderNewTerms.dueDay <= appliedDay) {
    refuse(
      'installments',
      `${describeInstallment(firstUnderNewTerms)} is not after the day the new terms took effect, ` +
        facts.appliedOn,
    );
  }
  const unresolvedDay = optionalFactsDay(facts.difficultyUnresolvedOn, 'difficultyUnresolvedOn');

  const base = restructuredFloor(facts.levelBefore, facts.whileInObservation === true);
  const what =
    facts.kind === 'extension' ? 'Extended (展期, a restructuring)' : 'Restructured (重组)';
  const reasons = [
    facts.whileInObservation === true
      ? `${what} on ${facts.appliedOn} while an earlier restructuring was still under ` +
        `observation (再次重组): at least ${named(base)} until observation ends`
      : `${what} on ${facts.appliedOn} from ${named(facts.levelBefore)}: at least ` +
        `${named(base)} until observation ends`,
  ];
  let missed = false;
  let start = 0;
  let restartedAfter: string | null = null;

  const inForce = (
    startedOn: string | null,
    endsOn: string | null,
    more: string[],
  ): RestructuredState => {
    let floor: LoanClass = missed && isWorseClass('substandard', base) ? 'substandard' : base;
    if (missed) {
      more.push(
        `a payment under the new terms was missed during observation: at least ${named('substandard')}`,
      );
    }
    if (facts.daysPastDue > SPECIAL_MENTION_MAX_DAYS) {
      if (isWorseClass('substandard', floor)) floor = 'substandard';
      more.push(
        `${facts.daysPastDue} days past due during observation (more than ` +
          `${SPECIAL_MENTION_MAX_DAYS}): at least ${named('substandard')}`,
      );
    }
    return {
      inObservation: true,
      observationStartedOn: startedOn,
      observationEndsOnEarliest: endsOn,
      floor,
      reasons: [...reasons, ...more],
    };
  };

  for (;;) {
    const first = itemAt(installments, start, 'the installments under the new terms');
    const startDay = first.dueDay;
    const second = installments[start + 1];
    const endDay =
      second === undefined
        ? null
        : Math.max(second.dueDay, addMonthsToDay(startDay, OBSERVATION_MONTHS));
    const window = installments.slice(start).filter((i) => endDay === null || i.dueDay <= endDay);
    const miss = window.find((i) => ['late', 'overdue'].includes(standing(i, asOfDay)));
    const unresolved =
      unresolvedDay !== null &&
      unresolvedDay >= startDay &&
      unresolvedDay <= asOfDay &&
      (endDay === null || unresolvedDay <= endDay)
        ? unresolvedDay
        : null;

    let anchorDay: number | null = null;
    let cause = '';
    if (miss && (unresolved === null || miss.dueDay <= unresolved)) {
      missed = true;
      const paid = standing(miss, asOfDay) === 'late';
      reasons.push(
        `${describeInstallment(miss)} was not paid in full when due` +
          (paid ? ` (paid on ${miss.paidOn})` : ' and is still unpaid') +
          ': observation restarts (重新计算观察期) from the first payment date after it is paid',
      );
      if (!paid) return inForce(null, null, []);
      anchorDay = miss.paidDay!;
      cause = 'the missed installment was paid';
    } else if (unresolved !== null) {
      reasons.push(
        `On ${dayText(unresolved)} a review found the borrower's financial difficulty not ` +
          'resolved: observation restarts from the first payment date after it',
      );
      anchorDay = unresolved;
      cause = 'that review';
    }

    if (anchorDay !== null) {
      const restart = restartAfter(installments, anchorDay, asOfDay);
      if ('waiting' in restart) {
        reasons.push(
          `${describeInstallment(restart.waiting)} also fell due before then and is still ` +
            'unpaid: observation restarts once it is paid',
        );
        return inForce(null, null, []);
      }
      if ('none' in restart) {
        return inForce(null, null, [
          `no installment under the new terms falls due after ${dayText(restart.none)}: the ` +
            'restructured mark stays until the loan is settled',
        ]);
      }
      start = restart.next;
      restartedAfter = cause;
      continue;
    }

    const startedOn = dayText(startDay);
    const which =
      restartedAfter === null
        ? 'the first payment date under the new terms'
        : `the first payment date after ${restartedAfter}`;
    const began =
      startDay > asOfDay
        ? `observation (观察期) ${restartedAfter === null ? 'starts' : 'restarts'} on ${startedOn}, ${which}`
        : `observation (观察期) ${restartedAfter === null ? 'started' : 'restarted'} on ${startedOn}, ${which}`;
    if (endDay === null) {
      return inForce(startedOn, null, [
        `${began}; only ${describeInstallment(first)} is left under the new terms, so ` +
          `${OBSERVATION_INSTALLMENTS} consecutive installments cannot be observed: the ` +
          'restructured mark stays until the loan is settled',
      ]);
    }
    const endsOn = dayText(endDay);
    const covered = installments.slice(start).filter((i) => i.dueDay <= endDay);
    const span =
      `installments ${itemAt(covered, 0, 'the observed installments').number}–` +
      `${itemAt(covered, -1, 'the observed installments').number} ` +
      `(at least ${OBSERVATION_INSTALLMENTS} consecutive) paid in full on or before their due ` +
      `dates and ${OBSERVATION_MONTHS} months since ${startedOn}`;
    const allPaid = covered.every((i) => standing(i, asOfDay) === 'on-time');
    // Days past due count from the oldest unpaid due date: more of them than days since the end
    // means something that fell due before the end is still unpaid (arrears left from before the
    // restructuring stay due). A miss after the end is the days-past-due floor's business.
    const arrearsFromBefore = facts.daysPastDue > asOfDay - endDay;
    if (asOfDay >= endDay && allPaid && !arrearsFromBefore) {
      return {
        inObservation: false,
        observationStartedOn: startedOn,
        observationEndsOnEarliest: endsOn,
        floor: 'normal',
        reasons: [
          ...reasons,
          `Observation ended on ${endsOn}: ${span}. The restructured floor no longer applies; ` +
            'a better level follows the upgrade rules and needs an approved review',
        ],
      };
    }
    const pending =
      asOfDay >= endDay && allPaid
        ? '; it cannot end while arrears that fell due before that day are unpaid ' +
          `(${facts.daysPastDue} days past due now)`
        : '';
    return inForce(startedOn, endsOn, [
      `${began}; it ends on ${endsOn} at the earliest, with ${span}${pending}`,
    ]);
  }
}
