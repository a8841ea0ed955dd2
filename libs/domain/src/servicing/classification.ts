import { DomainError } from '../errors/domain-error';
import { assertDaysPastDue } from './days-past-due';

/**
 * Five-level loan classification (贷款五级分类), best to worst: normal 正常, special mention 关注,
 * substandard 次级, doubtful 可疑, loss 损失. Substandard and worse are non-performing (不良).
 *
 * Days past due set a floor, a common one for personal loans: 0 → normal; 1–90 → at least
 * special mention; 91–270 → at least substandard; 271–360 → at least doubtful; over 360 → loss.
 *
 * Moving a loan:
 * - to a worse level applies at once, whoever proposes it (the daily rule, an inspection, a risk
 *   warning, a manual review): recognising risk late is the failure the bank guards against;
 * - to a better level needs an approved review, whatever the source: a cure (a repayment that
 *   clears the arrears) lowers the floor but does not by itself lift the level;
 * - never below the floor for the loan's days past due, even with approval: that is refused.
 */
export type LoanClass = 'normal' | 'special-mention' | 'substandard' | 'doubtful' | 'loss';

/** Best to worst. */
export const LOAN_CLASSES: readonly LoanClass[] = [
  'normal',
  'special-mention',
  'substandard',
  'doubtful',
  'loss',
];

export const LOAN_CLASS_NAMES: Readonly<Record<LoanClass, string>> = {
  normal: '正常',
  'special-mention': '关注',
  substandard: '次级',
  doubtful: '可疑',
  loss: '损失',
};

export type ReclassificationSource = 'rule' | 'inspection' | 'warning' | 'manual';
export const RECLASSIFICATION_SOURCES: readonly ReclassificationSource[] = [
  'rule',
  'inspection',
  'warning',
  'manual',
];

/** Each floor with the last day past due it covers, in order. */
export const CLASSIFICATION_FLOORS: readonly { level: LoanClass; maxDaysPastDue: number }[] = [
  { level: 'normal', maxDaysPastDue: 0 },
  { level: 'special-mention', maxDaysPastDue: 90 },
  { level: 'substandard', maxDaysPastDue: 270 },
  { level: 'doubtful', maxDaysPastDue: 360 },
  { level: 'loss', maxDaysPastDue: Number.POSITIVE_INFINITY },
];

/** 0 for normal .. 4 for loss. */
export function classRank(level: LoanClass): number {
  const rank = LOAN_CLASSES.indexOf(level);
  if (rank < 0) {
    throw new DomainError('CLASSIFICATION_INVALID', `"${level}" is not a loan class`, { level });
  }
  return rank;
}

export function isWorseClass(level: LoanClass, than: LoanClass): boolean {
  return classRank(level) > classRank(than);
}

/** Substandard, doubtful and loss are non-performing (不良). */
export function isNonPerforming(level: LoanClass): boolean {
  return classRank(level) >= classRank('substandard');
}

/** The best level a loan this many days past due may have. */
export function floorForDaysPastDue(daysPastDue: number): LoanClass {
  assertDaysPastDue(daysPastDue);
  return (
    CLASSIFICATION_FLOORS.find((floor) => daysPastDue <= floor.maxDaysPastDue)?.level ?? 'loss'
  );
}

/** The daily rule: the floor when it is worse than the current level, else the current level. */
export function dailyRule(current: LoanClass, daysPastDue: number): LoanClass {
  const floor = floorForDaysPastDue(daysPastDue);
  return isWorseClass(floor, current) ? floor : current;
}

export interface ReclassificationFacts {
  daysPastDue: number;
  /** An approved review (复核) of a move to a better level. */
  approved?: boolean;
}

export interface ReclassificationDecision {
  from: LoanClass;
  to: LoanClass;
  source: ReclassificationSource;
  direction: 'worse' | 'better' | 'unchanged';
  /** The proposal takes effect now. */
  applies: boolean;
  /** A better level waits for an approved review. */
  needsApproval: boolean;
  /** The level in force after this decision. */
  level: LoanClass;
}

/**
 * Decides a proposed move from `current` to `proposed`. Refuses (CLASSIFICATION_BELOW_FLOOR) a
 * level better than the floor for the days past due, approved or not.
 */
export function reclassify(
  current: LoanClass,
  proposed: LoanClass,
  source: ReclassificationSource,
  facts: ReclassificationFacts,
): ReclassificationDecision {
  if (!RECLASSIFICATION_SOURCES.includes(source)) {
    throw new DomainError(
      'CLASSIFICATION_INVALID',
      `source must be one of ${RECLASSIFICATION_SOURCES.join(', ')}, got "${source}"`,
      { source },
    );
  }
  const floor = floorForDaysPastDue(facts.daysPastDue);
  classRank(current); // refuses an unknown current level before anything is decided
  if (isWorseClass(floor, proposed)) {
    throw new DomainError(
      'CLASSIFICATION_BELOW_FLOOR',
      `a loan ${facts.daysPastDue} days past due is at least ${floor} ` +
        `(${LOAN_CLASS_NAMES[floor]}); ${proposed} (${LOAN_CLASS_NAMES[proposed]}) is below it`,
      { floor, proposed, daysPastDue: facts.daysPastDue },
    );
  }
  const decision = { from: current, to: proposed, source };
  if (isWorseClass(proposed, current)) {
    return {
      ...decision,
      direction: 'worse',
      applies: true,
      needsApproval: false,
      level: proposed,
    };
  }
  if (proposed === current) {
    return {
      ...decision,
      direction: 'unchanged',
      applies: false,
      needsApproval: false,
      level: current,
    };
  }
  return facts.approved === true
    ? { ...decision, direction: 'better', applies: true, needsApproval: false, level: proposed }
    : { ...decision, direction: 'better', applies: false, needsApproval: true, level: current };
}
