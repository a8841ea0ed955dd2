import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { TaskDraftEntity, UserTaskEntity } from '@loanflow/persistence';

/** What saving a draft reads and writes inside its one transaction. */
export interface TaskDraftTransaction {
  /** The task, locked for update: a completion meanwhile waits, or has already ended it. Null if none. */
  lockTask(taskId: string): Promise<UserTaskEntity | null>;
  /** Writes the person's draft of the task, replacing the one they had. */
  saveDraft(draft: TaskDraftEntity): Promise<void>;
  /** Appends the audit entry, committed with the draft. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the task drafts read and write in the register. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class TaskDraftRecords {
  /** The task as it stands, or null. */
  abstract task(taskId: string): Promise<UserTaskEntity | null>;
  /** This person's draft of the task, or null. */
  abstract draft(taskId: string, owner: string): Promise<TaskDraftEntity | null>;
  /** Deletes this person's draft of the task, if they have one. */
  abstract discard(taskId: string, owner: string): Promise<void>;
  /** Runs `work` in one transaction: what it writes commits together, or nothing does. */
  abstract transaction<T>(work: (tx: TaskDraftTransaction) => Promise<T>): Promise<T>;
}

/** The task drafts' SQL (MySQL/MariaDB). */
@Injectable()
export class SqlTaskDraftRecords extends TaskDraftRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  task(taskId: string): Promise<UserTaskEntity | null> {
    return this.dataSource.getRepository(UserTaskEntity).findOneBy({ id: taskId });
  }

  draft(taskId: string, owner: string): Promise<TaskDraftEntity | null> {
    return this.dataSource.getRepository(TaskDraftEntity).findOneBy({ taskId, owner });
  }

  async discard(taskId: string, owner: string): Promise<void> {
    await this.dataSource.getRepository(TaskDraftEntity).delete({ taskId, owner });
  }

  transaction<T>(work: (tx: TaskDraftTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): TaskDraftTransaction {
    return {
      lockTask: (taskId) =>
        manager.findOne(UserTaskEntity, {
          where: { id: taskId },
          lock: { mode: 'pessimistic_write' },
        }),
      saveDraft: async (draft) => {
        await manager.save(manager.create(TaskDraftEntity, draft));
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
