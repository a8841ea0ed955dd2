import { EntityManager } from 'typeorm';
import {
  accruePenaltyInterest,
  beijingDate,
  classificationFloor,
  defaultPenaltyAnnualRate,
  FloorResult,
  InstallmentRecord,
  isNonPerforming,
  loanPosition,
  LoanClass,
  LOAN_CLASSES,
  ProposalFacts,
  repaymentRecord,
  RestructuringRecord,
} from '@loanflow/domain';
import {
  LoanClassificationEntity,
  LoanEntity,
  LoanRestructuringEntity,
} from '@loanflow/persistence';
import { readLedger } from '../repayments/loan-ledger';

/** What the 2023 classification rules read about a loan on a business date, from its records. */
export interface ClassificationFacts {
  asOf: string;
  current: LoanClass;
  daysPastDue: number;
  /** The floor by days past due and, for a restructured loan, by its observation. */
  floor: FloorResult;
  /** Everything the upgrade rule and the system's proposal read. */
  record: ProposalFacts;
}

const asLevel = (value: string | null | undefined): LoanClass | null =>
  (LOAN_CLASSES as readonly string[]).includes(value ?? '') ? (value as LoanClass) : null;

/**
 * Reads the facts from the loan's ledger (the schedule in force and every amount applied), its
 * classification history (since when it is at its level, since when non-performing) and its latest
 * applied restructuring or extension.
 */
export async function readClassificationFacts(
  manager: EntityManager,
  loan: LoanEntity,
  asOf: string,
): Promise<ClassificationFacts> {
  const [ledger, history, restructured] = await Promise.all([
    readLedger(manager, loan.id),
    manager.find(LoanClassificationEntity, { where: { loanId: loan.id }, order: { id: 'ASC' } }),
    manager.findOne(LoanRestructuringEntity, {
      where: { loanId: loan.id, state: 'applied' },
      order: { id: 'DESC' },
    }),
  ]);
  const current = asLevel(loan.classification) ?? 'normal';
  // Only what was paid by the day judged counts.
  const applied = ledger.applied.filter((line) => line.paidOn <= asOf);
  const position = loanPosition({ installments: ledger.installments, applied, asOf });
  const installments = repaymentRecord({ installments: ledger.installments, applied });
  const penalty = loan.annualRate
    ? accruePenaltyInterest({
        installments: ledger.installments,
        applied,
        asOf,
        penaltyAnnualRate: defaultPenaltyAnnualRate(loan.annualRate),
      }).outstanding
    : null;
  const restructuring = restructuringRecord(restructured, installments);
  const record: ProposalFacts = {
    asOf,
    installments,
    arrearsClearedOn:
      position.daysPastDue > 0 || (penalty && !penalty.isZero())
        ? null
        : arrearsClearedOn(installments, applied),
    nonPerformingSince: isNonPerforming(current) ? nonPerformingSince(history) : null,
    daysPastDue: position.daysPastDue,
    levelSince: levelSince(history, loan),
    restructuring,
  };
  return {
    asOf,
    current,
    daysPastDue: position.daysPastDue,
    floor: classificationFloor({ asOf, daysPastDue: position.daysPastDue, restructuring }),
    record,
  };
}

/** The last day an installment paid late, or penalty, was paid: when the arrears were cleared. */
function arrearsClearedOn(
  installments: readonly InstallmentRecord[],
  applied: readonly { category: string; paidOn: string }[],
): string | null {
  const days = [
    ...installments
      .filter((i) => i.paidOn !== null && i.paidOn > i.dueDate)
      .map((i) => i.paidOn as string),
    ...applied.filter((line) => line.category === 'penalty').map((line) => line.paidOn),
  ].sort();
  return days.at(-1) ?? null;
}

function nonPerformingSince(history: readonly LoanClassificationEntity[]): string | null {
  for (const change of [...history].reverse()) {
    const to = asLevel(change.level);
    const from = asLevel(change.previousLevel);
    if (to && isNonPerforming(to) && (!from || !isNonPerforming(from)))
      return beijingDate(change.decidedAt);
  }
  return null;
}

function levelSince(history: readonly LoanClassificationEntity[], loan: LoanEntity): string {
  const last = history[history.length - 1];
  if (last) return beijingDate(last.decidedAt);
  return beijingDate(loan.disbursedAt ?? loan.createdAt);
}

function restructuringRecord(
  row: LoanRestructuringEntity | null,
  installments: readonly InstallmentRecord[],
): RestructuringRecord | null {
  const levelBefore = asLevel(row?.levelBefore);
  if (!row || !levelBefore || row.firstNewInstallment === null || !row.appliedOn) return null;
  const first = row.firstNewInstallment;
  return {
    kind: row.kind,
    appliedOn: row.appliedOn,
    levelBefore,
    installments: installments.filter((i) => i.number >= first),
    whileInObservation: row.whileInObservation,
    difficultyUnresolvedOn: null,
  };
}
