import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { TaskCompletionOutboxEntity, UserTaskEntity } from '@loanflow/persistence';
import { dropDraft } from '../drafts/drop-draft';
import { withdrawFromCandidates } from './candidate-rows';

export const ENGINE_ACTOR = { username: 'engine', roles: [] as string[], orgUnitCode: null };

/** Takes a task out of every inbox when the engine ended it (boundary timer, cancellation, escalation). */
@Injectable()
export class TaskEnding {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Returns false when the task was not open (already ended, or unknown). A person's completion
   * still pending is voided by an ending the engine recorded; `leavePending` leaves it (and the
   * task) to the completion sweeper instead, for an ending known only from the broker's "no such
   * job", which cannot tell a completion that took from a cancellation.
   */
  async endInEngine(
    taskId: string,
    state: 'completed' | 'cancelled',
    reason: string,
    options: { leavePending?: boolean } = {},
  ): Promise<boolean> {
    // An ended task never opens again, so one plain read settles the usual case (the engine's
    // record of a task whose completion the inbox has already settled) without a transaction or a
    // lock; an open one is read again under the lock below.
    const seen = await this.dataSource
      .getRepository(UserTaskEntity)
      .findOne({ select: { id: true, state: true }, where: { id: taskId } });
    if (seen?.state !== 'open') return false;
    return this.dataSource.transaction(async (manager) => {
      const task = await manager.findOne(UserTaskEntity, {
        where: { id: taskId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!task || task.state !== 'open') return false;
      const outbox = await manager.findOne(TaskCompletionOutboxEntity, {
        where: { jobKey: taskId },
        lock: { mode: 'pessimistic_write' },
      });
      const pending = outbox?.state === 'pending';
      // A person's completion waits to be settled: that settlement closes the task, with their name.
      if (pending && (state === 'completed' || options.leavePending)) return false;
      // The engine ended the task otherwise: the pending answer never took effect.
      if (pending)
        await manager.update(
          TaskCompletionOutboxEntity,
          { jobKey: taskId },
          { state: 'void', settledAt: new Date(), settledBy: 'engine', answerJson: null },
        );
      await manager.update(
        UserTaskEntity,
        { id: taskId },
        { state, endedAt: new Date(), endReason: reason },
      );
      await withdrawFromCandidates(manager, taskId);
      await dropDraft(manager, taskId);
      await this.audit.append(manager, {
        actor: ENGINE_ACTOR,
        action: 'task.ended-in-engine',
        outcome: 'ok',
        loanKey: task.businessKey,
        taskId,
        reason,
      });
      return true;
    });
  }

  /** The open task of a user-task element the engine terminated, ended as cancelled. */
  async endByElement(elementInstanceKey: string, reason: string): Promise<boolean> {
    const task = await this.dataSource
      .getRepository(UserTaskEntity)
      .findOneBy({ elementInstanceKey, state: 'open' });
    return task ? this.endInEngine(task.id, 'cancelled', reason) : false;
  }
}
