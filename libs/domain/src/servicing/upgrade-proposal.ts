import {
  classRank,
  isNonPerforming,
  isWorseClass,
  LOAN_CLASS_NAMES,
  LoanClass,
} from './classification';
import { classificationFloor } from './classification-floor';
import {
  describeRun,
  nonPerformingUpgrade,
  onTimeRun,
  UpgradeRecord,
} from './classification-upgrade';
import { RestructuringRecord } from './restructured-classification';

/**
 * What the system proposes, for the risk manager to approve, when a better level becomes
 * earnable. The system never lifts a loan itself; it proposes one step at a time:
 *
 * - a non-performing loan (substandard or worse) that has earned the upgrade (rule 1 of
 *   classification-upgrade.ts), with nothing overdue and no floor above special mention (a
 *   restructured non-performing loan stays at substandard until its observation ends), is proposed
 *   for special mention — not normal: the rules allow either, but the first step out of
 *   non-performing is the cautious one, and normal follows as below;
 * - a special-mention loan with nothing overdue and no floor above normal (no restructured mark)
 *   is proposed for normal once, since it took that level (and since its arrears were last
 *   cleared, if later), it has kept the same record the upgrade rule asks of a non-performing loan:
 *   the next two installments and six months paid on time. The rules set no period for this step;
 *   the product borrows rule 1's so that a loan is not proposed for normal the day after it was
 *   approved for special mention, and so that one put at special mention by a warning or an
 *   inspection is proposed only after six months of clean payment. The review still confirms that
 *   whatever else put it there is resolved.
 *
 * Nothing is proposed for a loan already normal, or one whose level the record does not yet allow.
 */
export interface ProposalFacts extends UpgradeRecord {
  daysPastDue: number;
  /** YYYY-MM-DD, the day the current level took effect. */
  levelSince: string;
  /** The loan's latest restructuring or extension, if it has one. */
  restructuring?: RestructuringRecord | null;
}

export interface UpgradeProposal {
  proposed: LoanClass;
  /** For the risk manager who approves it. */
  reason: string;
}

const named = (level: LoanClass) => `${level} (${LOAN_CLASS_NAMES[level]})`;

export function upgradeProposal(current: LoanClass, facts: ProposalFacts): UpgradeProposal | null {
  classRank(current);
  const floor = classificationFloor({
    asOf: facts.asOf,
    daysPastDue: facts.daysPastDue,
    restructuring: facts.restructuring,
  });
  if (facts.daysPastDue > 0) return null;

  if (isNonPerforming(current)) {
    const verdict = nonPerformingUpgrade({ ...facts, current });
    if (!verdict.earned || isWorseClass(floor.floor, 'special-mention')) return null;
    return {
      proposed: 'special-mention',
      reason:
        `${verdict.reason} Proposed: ${named(current)} → ${named('special-mention')}, one step ` +
        `out of non-performing; ${named('normal')} can follow on a later review.`,
    };
  }

  if (current !== 'special-mention' || floor.floor !== 'normal') return null;
  const run = onTimeRun(facts, [
    { day: facts.levelSince, field: 'levelSince', event: 'the loan became special mention' },
  ]);
  if (run.status !== 'met') return null;
  return {
    proposed: 'normal',
    reason:
      `${describeRun(run, facts.asOf)}; nothing is overdue and no floor holds it at ` +
      `${named('special-mention')}. Proposed: ${named('special-mention')} → ${named('normal')}; ` +
      'the review confirms that whatever else put it at special mention (a warning, an ' +
      'inspection finding) is resolved.',
  };
}
