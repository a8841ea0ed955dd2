import { DomainError } from '../errors/domain-error';
import {
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

/**
 * Upgrading a non-performing loan (不良资产上调), under the 2023 rules on the risk classification of
 * commercial banks' financial assets (商业银行金融资产风险分类办法, CBIRC/PBoC order 2023 No. 1, in
 * force 2023-07-01), chapter 2 (风险分类). The article that sets the conditions says, in substance:
 * a non-performing asset is moved up to normal or special mention only when it fits that class's
 * definition and (1) the overdue principal, interest and fees have all been paid, and it has then
 * been paid as agreed for at least the next two consecutive repayment periods or six months,
 * whichever is longer (按两者孰长原则); (2) the bank judges the borrower able to keep to the
 * contract; (3) the borrower has no other credit-impaired asset with the bank. I do not have the
 * article's number verified (the brief's 第十一条/第十二条 could not be confirmed against the text;
 * in my recollection those articles set the 次级/可疑 criteria), so the code cites it by its subject.
 *
 * What is computed here is condition (1), from the repayment record; (2) and (3) are judgements the
 * approving review makes, and every message says so. Periods and their reading:
 * - the count starts on the day the arrears were cleared: the later of `arrearsClearedOn` (all
 *   overdue principal, interest and penalty interest 罚息 paid), the cure of any installment paid
 *   late since (a late payment in the period restarts the count from its cure), and
 *   `nonPerformingSince` when given (the run must follow the day the loan became non-performing);
 * - "the next two installments" are the first two falling due strictly after that day: one due on
 *   the day itself was payable before the count began, so it is not "subsequent" (随后);
 * - "six months" is counted in calendar months from that day (2024-01-31 → 2024-07-31, a shorter
 *   month clamped to its last day, as schedules count months), and the upgrade is earnable on that
 *   day, not the day after;
 * - the upgrade is earnable on the later of the second installment's due date and six months after
 *   the count began, provided every installment due by then was paid in full on or before its due
 *   date. Until then `earliestOn` says when it can be, if every installment keeps being paid on time.
 *
 * A move between normal and special mention (both performing) is outside this rule: the approval
 * rule of classification.ts applies, and nothing more. So is a move within the non-performing
 * classes (loss → doubtful → substandard), which needs only the approved review.
 */
export const NPL_UPGRADE_RULE =
  '不良资产上调 (商业银行金融资产风险分类办法, 2023): overdue principal, interest and fees paid in ' +
  'full, then paid on time for the next two consecutive installments and at least six months, ' +
  'whichever is longer';

export const APPROVAL_RULE =
  'better level on an approved review (复核): a performing loan moves between normal and special ' +
  'mention once the review approves it, never above the floor';

/** Months of on-time payment the upgrade needs after the arrears are cleared. */
export const UPGRADE_MONTHS = 6;
/** Consecutive installments paid on time the upgrade needs after the arrears are cleared. */
export const UPGRADE_INSTALLMENTS = 2;

/** The repayment facts the upgrade rule reads. */
export interface UpgradeRecord {
  /** YYYY-MM-DD, the day judged. */
  asOf: string;
  /**
   * The schedule in force, every installment of it (those left from before a restructuring
   * included), with the day each was paid in full.
   */
  installments: readonly InstallmentRecord[];
  /**
   * YYYY-MM-DD, the last day on which overdue principal, interest and penalty interest (罚息)
   * were all paid in full. null while arrears (penalty included) are unpaid, or when the loan has
   * never been in arrears.
   */
  arrearsClearedOn: string | null;
  /** YYYY-MM-DD, the day the loan became non-performing: the count never starts before it. */
  nonPerformingSince?: string | null;
}

export interface UpgradeFacts extends UpgradeRecord {
  /** The loan's level now. */
  current: LoanClass;
}

export interface UpgradeVerdict {
  /** A move up to special mention or normal may be put to the approving review. */
  earned: boolean;
  /** YYYY-MM-DD, the first day it is earned, or can be if every installment is paid on time; null when no day can be named yet. */
  earliestOn: string | null;
  /** For the risk staff: what was found and what is still needed. */
  reason: string;
  /** The rule applied. */
  rule: string;
}

/** A day the on-time count may not start before, with what happened on it. */
export interface CountStart {
  /** YYYY-MM-DD; null or undefined when it does not apply. */
  day: string | null | undefined;
  /** The fact it comes from, for a refusal: "nonPerformingSince". */
  field: string;
  /** What happened that day, for the risk staff: "the loan became non-performing". */
  event: string;
}

/** What the record shows of an on-time run since a starting day. */
export type OnTimeRun =
  | { status: 'arrears'; overdue: CheckedInstallment[] }
  | { status: 'penalty-unpaid'; late: CheckedInstallment[] }
  | { status: 'no-start' }
  | { status: 'short'; countFrom: string; startedBy: string; left: number }
  | {
      status: 'running' | 'met';
      /** YYYY-MM-DD, the day the count began. */
      countFrom: string;
      /** What began it, for the risk staff. */
      startedBy: string;
      /** The first two installments falling due after the count began. */
      counted: [CheckedInstallment, CheckedInstallment];
      /** Those of them paid on time so far. */
      paidOnTime: CheckedInstallment[];
      /** YYYY-MM-DD, when the run is (or can be) met. */
      earliestOn: string;
    };

/**
 * The on-time run rule 1 asks for: from the latest of the day the arrears were cleared, the cure of
 * any installment paid late, and the further `starts` (the day the loan became non-performing, the
 * day its level took effect), the next two installments and six months paid on time.
 */
export function onTimeRun(record: UpgradeRecord, starts: readonly CountStart[] = []): OnTimeRun {
  const asOfDay = factsDay(record.asOf, 'asOf');
  const installments = checkRecord(record.installments);
  if (installments.length === 0) {
    throw new DomainError(CLASSIFICATION_FACTS_INVALID, 'installments: the schedule is empty', {
      field: 'installments',
    });
  }
  const candidates = [
    {
      day: record.arrearsClearedOn,
      field: 'arrearsClearedOn',
      event: 'the arrears were paid in full',
    },
    ...starts,
  ].map((start) => ({
    ...start,
    epochDay: optionalFactsDay(start.day, start.field),
    startedBy: `${start.event} on ${start.day}`,
  }));
  for (const start of candidates) {
    if (start.epochDay !== null && start.epochDay > asOfDay) {
      throw new DomainError(
        CLASSIFICATION_FACTS_INVALID,
        `${start.field}: ${start.day} is after the day judged, ${record.asOf}`,
        { field: start.field },
      );
    }
  }

  const overdue = installments.filter((i) => standing(i, asOfDay) === 'overdue');
  if (overdue.length > 0) return { status: 'arrears', overdue };
  const late = installments.filter((i) => standing(i, asOfDay) === 'late');
  // candidates[0] is the arrears cleared: never cleared and paid late means the penalty is owed.
  if (candidates[0]?.epochDay === null && late.length > 0) {
    return { status: 'penalty-unpaid', late };
  }
  for (const installment of late) {
    candidates.push({
      day: installment.paidOn,
      field: 'installments',
      event: 'a late installment was paid',
      epochDay: installment.paidDay,
      startedBy:
        `${describeInstallment(installment)} was paid late, on ${installment.paidOn}, ` +
        'which restarted the count',
    });
  }
  // The latest day wins; on a tie the first named (the arrears cleared) tells the story.
  const start = candidates.reduce<(typeof candidates)[number] | null>(
    (latest, candidate) =>
      candidate.epochDay !== null && (latest === null || candidate.epochDay > latest.epochDay!)
        ? candidate
        : latest,
    null,
  );
  if (start === null) return { status: 'no-start' };
  const startDay = start.epochDay!;
  const { startedBy } = start;
  const after = installments.filter((i) => i.dueDay > startDay);
  const [firstAfter, secondAfter] = after;
  if (!firstAfter || !secondAfter) {
    return { status: 'short', countFrom: dayText(startDay), startedBy, left: after.length };
  }
  const counted: [CheckedInstallment, CheckedInstallment] = [firstAfter, secondAfter];
  const earliestDay = Math.max(counted[1].dueDay, addMonthsToDay(startDay, UPGRADE_MONTHS));
  // Nothing between the start and asOf is late or overdue (either would have moved the start or
  // been returned as arrears), so the run is met once every installment due by the earliest day is
  // paid on time and that day has come.
  const met =
    asOfDay >= earliestDay &&
    after.filter((i) => i.dueDay <= earliestDay).every((i) => standing(i, asOfDay) === 'on-time');
  return {
    status: met ? 'met' : 'running',
    countFrom: dayText(startDay),
    startedBy,
    counted,
    paidOnTime: counted.filter((i) => standing(i, asOfDay) === 'on-time'),
    earliestOn: dayText(earliestDay),
  };
}

/** A sentence for the risk staff on what the run shows, without the rule's name. */
export function describeRun(run: OnTimeRun, asOf: string): string {
  switch (run.status) {
    case 'arrears':
      return (
        `${run.overdue.map(describeInstallment).join(', ')} ` +
        `${run.overdue.length > 1 ? 'are' : 'is'} unpaid on ${asOf}: the arrears must be paid ` +
        'in full before the on-time count can begin'
      );
    case 'penalty-unpaid':
      return (
        `${run.late.map(describeInstallment).join(', ')} ` +
        `${run.late.length > 1 ? 'were' : 'was'} paid late and no day is recorded on which the ` +
        'arrears, penalty interest (罚息) included, were paid in full: the on-time count begins ' +
        'on that day'
      );
    case 'no-start':
      return (
        'the loan has no arrears on record and no day is given from which to count ' +
        '(the day it became non-performing)'
      );
    case 'short':
      return (
        `${run.startedBy}; only ${run.left} installment${run.left === 1 ? '' : 's'} ` +
        `fall${run.left === 1 ? 's' : ''} due after that day, so ${UPGRADE_INSTALLMENTS} ` +
        'consecutive on-time installments cannot be shown before the loan matures'
      );
    default: {
      const [first, second] = run.counted;
      if (run.status === 'met') {
        return (
          `${run.startedBy}; installments ${first.number} and ${second.number} were then paid ` +
          `on time and six months had passed by ${run.earliestOn}`
        );
      }
      const paid = run.paidOnTime;
      const toCome = run.counted.filter((i) => !paid.includes(i));
      const sofar = [
        paid.length === 0
          ? ''
          : `installment${paid.length > 1 ? 's' : ''} ${paid.map((i) => i.number).join(' and ')} ` +
            'paid on time',
        toCome.length === 0 ? '' : `${toCome.map(describeInstallment).join(' and ')} still to come`,
      ]
        .filter((part) => part !== '')
        .join(', ');
      return (
        `${run.startedBy}; ${sofar}; the rule is met on ${run.earliestOn} if every installment ` +
        'falling due until then is paid in full by its due date'
      );
    }
  }
}

/**
 * Whether a non-performing loan has earned a move up to special mention or normal (rule 1). A
 * performing loan has nothing to earn here: the verdict says so under the approval rule.
 */
export function nonPerformingUpgrade(facts: UpgradeFacts): UpgradeVerdict {
  classRank(facts.current);
  if (!isNonPerforming(facts.current)) {
    factsDay(facts.asOf, 'asOf');
    return {
      earned: true,
      earliestOn: null,
      reason:
        `${facts.current} (${LOAN_CLASS_NAMES[facts.current]}) is performing: the rule for ` +
        'non-performing loans does not apply; a better level needs an approved review',
      rule: APPROVAL_RULE,
    };
  }
  const run = onTimeRun(facts, [
    {
      day: facts.nonPerformingSince,
      field: 'nonPerformingSince',
      event: 'the loan became non-performing',
    },
  ]);
  const found = describeRun(run, facts.asOf);
  const judgement =
    'the approving review must also judge the borrower able to keep paying and find no other ' +
    'impaired asset of the borrower with the bank';
  if (run.status === 'met') {
    return {
      earned: true,
      earliestOn: run.earliestOn,
      reason: `Upgrade earned: ${found}; ${judgement}.`,
      rule: NPL_UPGRADE_RULE,
    };
  }
  return {
    earned: false,
    earliestOn: run.status === 'running' ? run.earliestOn : null,
    reason: `Upgrade not yet earned: ${found}.`,
    rule: NPL_UPGRADE_RULE,
  };
}

/**
 * Refuses (UPGRADE_NOT_EARNED) a move of a non-performing loan up to special mention or normal that
 * rule 1 does not allow yet. Any other move passes: worse levels apply at once, and a better level
 * of a performing loan, or within the non-performing classes, follows the approval rule alone (and
 * the floors, which `reclassify` and `assertNotBelowFloor` check).
 */
export function assertUpgradeAllowed(
  current: LoanClass,
  proposed: LoanClass,
  facts: UpgradeRecord,
): void {
  classRank(current);
  classRank(proposed);
  if (!isWorseClass(current, proposed)) return;
  if (!isNonPerforming(current) || isNonPerforming(proposed)) return;
  const verdict = nonPerformingUpgrade({ ...facts, current });
  if (verdict.earned) return;
  const when =
    verdict.earliestOn === null
      ? 'No day can be named yet on which it could be earned.'
      : `It can be earned on ${verdict.earliestOn} at the earliest.`;
  throw new DomainError(
    'UPGRADE_NOT_EARNED',
    `A ${current} (${LOAN_CLASS_NAMES[current]}) loan cannot move up to ${proposed} ` +
      `(${LOAN_CLASS_NAMES[proposed]}) under the rule ${NPL_UPGRADE_RULE}. ${verdict.reason} ${when}`,
    { rule: NPL_UPGRADE_RULE, earliestOn: verdict.earliestOn },
  );
}
