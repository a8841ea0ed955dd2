import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { UserTaskEntity } from '@loanflow/persistence';
import { offerToCandidates, withdrawFromCandidates } from '../inbox/candidate-rows';

/** What moving one task to someone (or back to its pool) writes, all in one transaction. */
export interface AssignmentTransaction {
  /**
   * Makes `assignee` the task's holder if it is still open at the version it was read at;
   * whether it did (false: it changed meanwhile, and nothing was written).
   */
  setAssignee(task: UserTaskEntity, assignee: string | null): Promise<boolean>;
  /** Takes the task out of every candidate's inbox. */
  withdrawFromCandidates(taskId: string): Promise<void>;
  /** Puts the unassigned task in the inbox of everyone its candidate groups and users reach. */
  offerToCandidates(task: UserTaskEntity): Promise<void>;
  /** Appends the audit entry, committed with the rest. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What moving tasks between people writes in the register. An abstract class so that it is both
 * the injection token and the shape a unit spec's fake implements.
 */
export abstract class TaskAssignmentRecords {
  /** Runs `work` in one transaction: what it writes commits together, or nothing does. */
  abstract transaction<T>(work: (tx: AssignmentTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for assigning tasks (MySQL/MariaDB). */
@Injectable()
export class SqlTaskAssignmentRecords extends TaskAssignmentRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  transaction<T>(work: (tx: AssignmentTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(assignmentsOn(manager, this.trail)));
  }
}

/**
 * An assignment's writes on a transaction the caller already holds: for a register that moves
 * tasks inside its own transaction (a handover moves loans and tasks in one act).
 */
export function assignmentsOn(manager: EntityManager, trail: AuditTrail): AssignmentTransaction {
  return {
    setAssignee: async (task, assignee) => {
      const result = await manager.update(
        UserTaskEntity,
        { id: task.id, version: task.version, state: 'open' },
        { assignee },
      );
      return !!result.affected;
    },
    withdrawFromCandidates: (taskId) => withdrawFromCandidates(manager, taskId),
    offerToCandidates: (task) => offerToCandidates(manager, task),
    audit: async (act) => {
      await trail.append(manager, act);
    },
  };
}
