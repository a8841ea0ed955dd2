import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ApiLooseObject } from '@loanflow/observability';
import { IsObject } from 'class-validator';
import { AuditTrail } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import type { TaskDraftEntity, UserTaskEntity } from '@loanflow/persistence';
import { TaskDraftRecords } from './task-draft-records';

export class DraftRequest {
  @ApiLooseObject({
    description: 'the form as filled so far; not validated, never sent to the engine',
  })
  @IsObject()
  answer!: Record<string, unknown>;
}

export class DraftView {
  @ApiProperty() taskId!: string;
  @ApiLooseObject() answer!: Record<string, unknown>;
  @ApiProperty() savedAt!: string;
}

/**
 * A task form saved half-filled, to be resumed. Only the task's assignee saves and reads it (claim
 * first): a draft is one person's unfinished work, not the bank's record; nothing of it reaches the
 * engine, and it goes when the task ends (`dropDraft` in the completion and in the engine's ending).
 */
@Injectable()
export class TaskDrafts {
  constructor(
    private readonly records: TaskDraftRecords,
    private readonly audit: AuditTrail,
  ) {}

  async read(principal: Principal, taskId: string): Promise<DraftView> {
    await this.assigned(principal, taskId, 'task.draft-read');
    const draft = await this.records.draft(taskId, principal.username);
    if (!draft) throw new DomainError('DRAFT_NOT_FOUND', `You have no draft of task ${taskId}.`);
    return viewOf(draft);
  }

  async save(principal: Principal, taskId: string, answer: Record<string, unknown>) {
    const task = await this.assigned(principal, taskId, 'task.draft-save');
    const draft: TaskDraftEntity = {
      taskId,
      owner: principal.username,
      loanId: task.businessKey,
      answer: JSON.stringify(answer),
      savedAt: new Date(),
    };
    await this.records.transaction(async (tx) => {
      // Still open and still theirs when written: a completion meanwhile leaves no draft behind.
      const locked = await tx.lockTask(taskId);
      if (locked?.state !== 'open' || locked.assignee !== principal.username)
        throw new DomainError('TASK_ENDED', `Task ${taskId} is no longer open for you.`);
      await tx.saveDraft(draft);
      await tx.audit({
        actor: auditActorOf(principal),
        action: 'task.draft-save',
        outcome: 'ok',
        loanKey: task.businessKey,
        taskId,
        inputs: answer,
        reason: 'draft saved; not sent to the engine',
      });
    });
    return viewOf(draft);
  }

  async discard(principal: Principal, taskId: string): Promise<void> {
    await this.assigned(principal, taskId, 'task.draft-discard');
    await this.records.discard(taskId, principal.username);
  }

  /** The open task, claimed by the caller; otherwise refused (audited) and nothing read. */
  private async assigned(
    principal: Principal,
    taskId: string,
    action: string,
  ): Promise<UserTaskEntity> {
    const task = await this.records.task(taskId);
    if (!task) throw new DomainError('TASK_NOT_FOUND', `There is no task ${taskId}.`);
    const refusal =
      task.state !== 'open'
        ? new DomainError('TASK_ENDED', `This task has ended: ${task.endReason ?? task.state}.`)
        : task.assignee !== principal.username
          ? new DomainError(
              'NOT_ASSIGNEE',
              task.assignee
                ? `Only the assignee may keep a draft of this task.`
                : 'Claim the task before saving or reading a draft of it.',
            )
          : null;
    if (refusal) {
      await this.audit.record({
        actor: auditActorOf(principal),
        action,
        outcome: 'refused',
        loanKey: task.businessKey,
        taskId,
        reason: `${refusal.code}: ${refusal.message}`,
      });
      throw refusal;
    }
    return task;
  }
}

function viewOf(draft: TaskDraftEntity): DraftView {
  return {
    taskId: draft.taskId,
    answer: JSON.parse(draft.answer) as Record<string, unknown>,
    savedAt: draft.savedAt.toISOString(),
  };
}
