/**
 * Risk warnings (风险预警) in three levels, each with its handling:
 * - yellow (低): a written explanation from the borrower and closer monitoring;
 * - orange (中): a remediation plan agreed with the borrower, with a deadline;
 * - red (高): the emergency plan with the risk manager: extra collateral, early recall, legal action.
 *
 * A loan has at most one open warning. A worse one supersedes it (its handling starts over at the
 * higher level); the same or a milder one adds nothing while it is open.
 */
export type WarningLevel = 'yellow' | 'orange' | 'red';

export const WARNING_LEVELS: readonly WarningLevel[] = ['yellow', 'orange', 'red'];

export const WARNING_LEVEL_NAMES: Readonly<Record<WarningLevel, string>> = {
  yellow: '黄色预警',
  orange: '橙色预警',
  red: '红色预警',
};

/**
 * Where a warning came from: a rule (overdue, a bad inspection, a guarantor in default, a follow-up
 * finding misuse, a revaluation that breaks the LTV limit, an early-warning feed: a worse bureau
 * report at a refresh, a party on the courts' dishonest-debtor list) or staff.
 */
export type WarningSignal =
  | 'overdue'
  | 'inspection'
  | 'guarantor-default'
  | 'follow-up'
  | 'revaluation'
  | 'manual'
  | 'bureau-refresh'
  | 'dishonest-debtor';

export const WARNING_SIGNALS: readonly WarningSignal[] = [
  'overdue',
  'inspection',
  'guarantor-default',
  'follow-up',
  'revaluation',
  'manual',
  'bureau-refresh',
  'dishonest-debtor',
];

export function warningRank(level: WarningLevel): number {
  return WARNING_LEVELS.indexOf(level);
}

export function worseWarning(a: WarningLevel | null, b: WarningLevel | null): WarningLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return warningRank(a) >= warningRank(b) ? a : b;
}

/** What raising a warning does given the loan's open one. */
export type RaiseOutcome = 'open' | 'supersede' | 'already-open';

export function raiseOutcome(open: WarningLevel | null, raised: WarningLevel): RaiseOutcome {
  if (open === null) return 'open';
  return warningRank(raised) > warningRank(open) ? 'supersede' : 'already-open';
}

/** What a post-loan inspection found, in the report's own terms. */
export interface InspectionFindings {
  borrowerSituation: 'stable' | 'changed' | 'deteriorated';
  finances: 'stable' | 'declined' | 'severely-declined';
  guarantees: 'adequate' | 'weakened' | 'lost' | 'not-applicable';
  collateral: 'adequate' | 'impaired' | 'lost' | 'not-applicable';
  useOfFunds: 'as-agreed' | 'diverted' | 'unverified';
}

/**
 * The warning an inspection's findings call for at least (the officer may ask for a worse one):
 * funds diverted from the agreed purpose, or security weakened, is orange; security lost or
 * finances collapsed is red; any other deterioration is yellow.
 */
export function warningFromFindings(findings: InspectionFindings): WarningLevel | null {
  if (
    findings.finances === 'severely-declined' ||
    findings.guarantees === 'lost' ||
    findings.collateral === 'lost'
  )
    return 'red';
  if (
    findings.useOfFunds === 'diverted' ||
    findings.guarantees === 'weakened' ||
    findings.collateral === 'impaired'
  )
    return 'orange';
  if (
    findings.borrowerSituation !== 'stable' ||
    findings.finances !== 'stable' ||
    findings.useOfFunds === 'unverified'
  )
    return 'yellow';
  return null;
}
