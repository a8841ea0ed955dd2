import { DataSource, EntityTarget } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { DomainError, messageOf } from '@loanflow/domain';
import { LoanDutyEntity } from '@loanflow/persistence';
import { ZeebeClient } from '@loanflow/workflow';

/** A request row that a review process decides (a restructuring, a prepayment, a change). */
interface ReviewedRow {
  id: string;
  processInstanceKey: string | null;
}

export interface ReviewStart<Row extends ReviewedRow> {
  entity: EntityTarget<Row>;
  row: Row;
  loanId: string;
  /** The duty the request opened (`kind:id`): withdrawn with it. */
  dutyRef: string;
  bpmnProcessId: string;
  variables: Record<string, unknown>;
  /** The request's audit entry, written with the instance key once the review runs. */
  audit: AuditAct;
}

/**
 * Starts the review of a request already committed, then records its instance with the audit entry
 * in one transaction. The broker is asked outside any transaction (a database transaction never
 * waits on it); if it refuses, the request and its duty are withdrawn and the caller is told that
 * nothing was recorded, so a request never waits for a review that does not exist.
 */
export async function startReviewOrWithdraw<Row extends ReviewedRow>(
  deps: { dataSource: DataSource; zeebe: ZeebeClient; audit: AuditTrail },
  start: ReviewStart<Row>,
): Promise<Row> {
  const { dataSource, zeebe, audit } = deps;
  const { entity, row } = start;
  try {
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: start.bpmnProcessId,
      variables: start.variables as never,
    });
    row.processInstanceKey = instance.processInstanceKey;
  } catch (error) {
    await dataSource.getRepository(entity).delete(row.id);
    await dataSource
      .getRepository(LoanDutyEntity)
      .delete({ businessKey: start.loanId, ref: start.dutyRef });
    throw new DomainError(
      'BROKER_UNAVAILABLE',
      `The workflow engine did not start the review; nothing was recorded. Try again. (${messageOf(error)})`,
    );
  }
  await dataSource.transaction(async (manager) => {
    await manager
      .getRepository(entity)
      .update(row.id, { processInstanceKey: row.processInstanceKey } as never);
    await audit.append(manager, start.audit);
  });
  return row;
}
