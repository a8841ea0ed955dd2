import { AuditAct } from '@loanflow/audit';
import { DomainError, messageOf } from '@loanflow/domain';
import { ZeebeClient } from '@loanflow/workflow';
import { LoanRequestKind, LoanRequestRecords, LoanRequests } from './loan-request-records';

export interface ReviewStart<K extends LoanRequestKind> {
  kind: K;
  row: LoanRequests[K];
  loanId: string;
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
export async function startReviewOrWithdraw<K extends LoanRequestKind>(
  deps: { records: LoanRequestRecords; zeebe: ZeebeClient },
  start: ReviewStart<K>,
): Promise<LoanRequests[K]> {
  const { records, zeebe } = deps;
  const { kind, row } = start;
  try {
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: start.bpmnProcessId,
      variables: start.variables as never,
    });
    row.processInstanceKey = instance.processInstanceKey;
  } catch (error) {
    await records.withdraw(kind, row.id, start.loanId);
    throw new DomainError(
      'BROKER_UNAVAILABLE',
      `The workflow engine did not start the review; nothing was recorded. Try again. (${messageOf(error)})`,
    );
  }
  await records.started(kind, row.id, row.processInstanceKey, start.audit);
  return row;
}
