import { EntityManager } from 'typeorm';
import { AuditActor, AuditTrail } from '@loanflow/audit';
import { LOAN_CLASS_NAMES, LoanClass, ReclassificationSource } from '@loanflow/domain';
import { LoanClassificationEntity, LoanEntity } from '@loanflow/persistence';

export interface ClassificationChange {
  loanId: string;
  from: LoanClass;
  to: LoanClass;
  daysPastDue: number;
  source: ReclassificationSource;
  reason: string;
  actor: AuditActor;
  at: Date;
}

/** Moves the loan to a level, in the caller's transaction: the loan row, its history and the trail. */
export async function recordClassification(
  manager: EntityManager,
  audit: AuditTrail,
  change: ClassificationChange,
): Promise<void> {
  await manager.update(LoanEntity, { id: change.loanId }, { classification: change.to });
  await manager.insert(LoanClassificationEntity, {
    loanId: change.loanId,
    level: change.to,
    previousLevel: change.from,
    daysPastDue: change.daysPastDue,
    source: change.source,
    reason: change.reason.slice(0, 500),
    actor: change.actor.username ?? 'system',
    decidedAt: change.at,
  });
  await audit.append(manager, {
    actor: change.actor,
    action: 'loan.classify',
    outcome: 'ok',
    loanKey: change.loanId,
    reason: `${change.from} → ${change.to} (${LOAN_CLASS_NAMES[change.to]}, ${change.source}): ${change.reason}`,
  });
}
