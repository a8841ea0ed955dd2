import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { UserTaskEntity } from '@loanflow/persistence';
import type { AuditEntryView } from './audit-entry.view';

/** A loan's audit trail as staff read it: each act with the form of the task it was on. */
@Injectable()
export class LoanAuditTrail {
  constructor(
    private readonly audit: AuditTrail,
    private readonly dataSource: DataSource,
  ) {}

  async of(id: string): Promise<AuditEntryView[]> {
    const entries = await this.audit.forLoan(id);
    // Which task each act was on, so that a reader sees "review opinion", not a job key.
    const taskIds = [...new Set(entries.map((entry) => entry.taskId).filter((t) => t !== null))];
    const tasks = taskIds.length
      ? await this.dataSource
          .getRepository(UserTaskEntity)
          .find({ select: { id: true, formKey: true }, where: { id: In(taskIds) } })
      : [];
    const typeOf = new Map(tasks.map((task) => [task.id, task.formKey]));
    return entries.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actor: entry.actor,
      actorRoles: entry.actorRoles ? entry.actorRoles.split(',') : [],
      orgUnitCode: entry.orgUnitCode,
      action: entry.action,
      taskId: entry.taskId,
      taskType: entry.taskId ? (typeOf.get(entry.taskId) ?? null) : null,
      outcome: entry.outcome,
      reason: entry.reason,
      inputsDigest: entry.inputsDigest,
      hash: entry.hash,
    }));
  }
}
