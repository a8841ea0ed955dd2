import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, digestOf } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import {
  isDuplicateKeyError,
  onlyRow,
  retryingLockConflicts,
  TaskCompletionOutboxEntity,
  UserTaskEntity,
} from '@loanflow/persistence';
import { CompletionIntent, CompletionRecorder } from './completion-recorder';
import { injectedSettlementFault } from './completion-faults';

export type Settlement = 'settled' | 'void' | 'not-pending';

/**
 * The completion outbox: a person's completion is recorded durably (unique by job key) before the
 * broker is asked, and settled (the task closed with its audit entry, in one transaction) once the
 * broker said yes. Whoever settles first (the request, the reconciler reading the engine's records,
 * or a sweeper) writes the audit entry; the others find the row no longer pending.
 */
@Injectable()
export class CompletionOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recorder: CompletionRecorder,
  ) {}

  /**
   * Records the intent with the task row locked; refuses when the task is no longer open, is
   * claimed by someone else, or another completion of it is under way.
   */
  async intend(taskId: string, intent: CompletionIntent): Promise<void> {
    try {
      await retryingLockConflicts(() => this.intendOnce(taskId, intent));
    } catch (error) {
      if (isDuplicateKeyError(error)) throw completionUnderWay();
      throw error;
    }
  }

  private intendOnce(taskId: string, intent: CompletionIntent): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const task = await manager.findOne(UserTaskEntity, {
        where: { id: taskId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!task || task.state !== 'open')
        throw taskEnded(task?.endReason ?? 'it was completed meanwhile');
      if (task.assignee && task.assignee !== intent.actor.username)
        throw new DomainError('TASK_ALREADY_CLAIMED', `This task is claimed by ${task.assignee}.`);
      const earlier = await manager.findOne(TaskCompletionOutboxEntity, {
        where: { jobKey: taskId },
        lock: { mode: 'pessimistic_write' },
      });
      if (earlier?.state === 'pending') throw completionUnderWay();
      // A settled row always ended its task; one beside an open task is left from a broker whose
      // data was wiped (its keys start again from the same numbers): it is another job's.
      if (earlier) await manager.delete(TaskCompletionOutboxEntity, { jobKey: taskId });
      await manager.insert(TaskCompletionOutboxEntity, {
        jobKey: taskId,
        state: 'pending',
        username: intent.actor.username,
        actorJson: JSON.stringify(intent.actor),
        answerJson: JSON.stringify(intent.answer),
        answerDigest: digestOf(intent.answer),
        completedAt: intent.completedAt,
        createdAt: new Date(),
      });
    });
  }

  /** The broker certainly did not take it: the person may complete the task again. */
  async release(jobKey: string): Promise<boolean> {
    return this.whilePending(jobKey, async (manager) => {
      await manager.delete(TaskCompletionOutboxEntity, { jobKey });
    });
  }

  /**
   * Runs `act` on the row if it is pending, with the row locked by its key alone: a statement that
   * filtered on the state too could lock the state index, which a settling transaction updates.
   */
  async whilePending(
    jobKey: string,
    act: (manager: EntityManager, row: TaskCompletionOutboxEntity) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(TaskCompletionOutboxEntity, {
        where: { jobKey },
        lock: { mode: 'pessimistic_write' },
      });
      if (row?.state !== 'pending') return false;
      await act(manager, row);
      return true;
    });
  }

  /**
   * The request's own path: in one transaction, the task closed with its effects, the broker asked,
   * then the audit entry written and the row marked done. A business refusal of the form's record,
   * or the broker's refusal, rolls all of it back (the row stays pending for the caller to release).
   * If the commit fails after the broker's yes, the row stays pending and is settled from the
   * engine's records. The broker is asked before the audit entry because the entry locks the trail's
   * head until the commit, and every other appender waits for that lock: held across a broker round
   * trip, it queued every audited act in the product behind each completion. A lock conflict before
   * the broker was asked (another transaction on the same loan's rows) is run again: nothing outside
   * the database happened yet.
   */
  async completeThrough(jobKey: string, askBroker: () => Promise<void>): Promise<void> {
    let asked = false;
    await retryingLockConflicts(
      () =>
        this.dataSource.transaction(async (manager) => {
          const outcome = await this.settleIn(manager, jobKey, 'request', undefined, async () => {
            asked = true;
            await askBroker();
          });
          if (outcome === 'not-pending') throw completionUnderWay();
          if (outcome === 'void') throw taskEnded('the process no longer waits for it');
          injectedSettlementFault(jobKey);
        }),
      () => !asked,
    );
  }

  /**
   * The broker completed the job (its records say so): closes the task with its effects and its
   * audit entry, once. If the form's own record now refuses (a rule that held when the person
   * answered no longer does), the task is still closed under their name and the audit entry says
   * what could not be recorded: the engine has moved on either way.
   */
  async settle(jobKey: string, by: string): Promise<Settlement> {
    try {
      return await this.dataSource.transaction((manager) => this.settleIn(manager, jobKey, by));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.dataSource.transaction((manager) =>
        this.settleIn(manager, jobKey, by, `${error.code}: ${error.message}`),
      );
    }
  }

  /**
   * Locks the task, then the row (the order every inbox transaction takes), and settles it;
   * `beforeAudit` runs once the effects are written, before the audit entry.
   */
  private async settleIn(
    manager: EntityManager,
    jobKey: string,
    by: string,
    recordRefused?: string,
    beforeAudit?: () => Promise<void>,
  ): Promise<Settlement> {
    const task = await manager.findOne(UserTaskEntity, {
      where: { id: jobKey },
      lock: { mode: 'pessimistic_write' },
    });
    const row = await manager.findOne(TaskCompletionOutboxEntity, {
      where: { jobKey },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row || row.state !== 'pending') return 'not-pending';
    if (!task || task.state === 'cancelled') {
      await this.close(manager, jobKey, 'void', by);
      return 'void';
    }
    if (recordRefused)
      await this.recorder.recordClosure(manager, task, intentOf(row), recordRefused);
    else await this.recorder.record(manager, task, intentOf(row), beforeAudit);
    await this.close(manager, jobKey, 'done', by);
    return 'settled';
  }

  /** The engine ended the task otherwise (cancelled, business error): the pending answer never took effect. */
  async void(jobKey: string, by: string): Promise<boolean> {
    return this.whilePending(jobKey, (manager) => this.close(manager, jobKey, 'void', by));
  }

  async isPending(jobKey: string): Promise<boolean> {
    return this.dataSource
      .getRepository(TaskCompletionOutboxEntity)
      .existsBy({ jobKey, state: 'pending' });
  }

  /** How many completions wait to be settled, and the age of the oldest (for the consistency check). */
  async backlog(now = new Date()): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
    const row = onlyRow(
      await this.dataSource.query<{ pending: string; oldest: Date | null }[]>(
        `SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM task_completion_outbox WHERE state = 'pending'`,
      ),
      'the completion backlog',
    );
    return {
      pending: Number(row.pending),
      oldestAgeSeconds: row.oldest
        ? Math.max(0, Math.round((now.getTime() - new Date(row.oldest).getTime()) / 1000))
        : null,
    };
  }

  private async close(
    manager: EntityManager,
    jobKey: string,
    state: 'done' | 'void',
    by: string,
  ): Promise<void> {
    // The answer is not kept once it took effect: the audit entry holds its digest.
    await manager.update(
      TaskCompletionOutboxEntity,
      { jobKey },
      {
        state,
        settledAt: new Date(),
        settledBy: by,
        answerJson: null,
        claimedBy: null,
        claimedUntil: null,
      },
    );
  }
}

function intentOf(row: TaskCompletionOutboxEntity): CompletionIntent {
  return {
    actor: JSON.parse(row.actorJson) as AuditActor & { username: string },
    answer: JSON.parse(row.answerJson ?? '{}') as Record<string, unknown>,
    completedAt: row.completedAt,
  };
}

export function taskEnded(reason: string): DomainError {
  return new DomainError(
    'TASK_ENDED',
    `This task has ended: ${reason}. Your answer was not recorded.`,
  );
}

function completionUnderWay(): DomainError {
  return new DomainError(
    'TASK_COMPLETION_PENDING',
    'A completion of this task is already being recorded; it will show as completed, or open again if the engine did not take it.',
  );
}
