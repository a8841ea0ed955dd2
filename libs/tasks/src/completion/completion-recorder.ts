import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditTrail } from '@loanflow/audit';
import { Money } from '@loanflow/domain';
import {
  insertRows,
  LoanDecisionEntity,
  LoanDutyEntity,
  LoanVerifiedFinancesEntity,
  UserTaskEntity,
} from '@loanflow/persistence';
import { dropDraft } from '../drafts/drop-draft';
import { withdrawFromCandidates } from '../inbox/candidate-rows';
import { formFor } from '../forms/form-registry';
import { validateAnswer } from '../forms/validate-answer';
import type { LoanSummary } from '../loan-summary';
import { contextOf } from '../staffing/task-assignments';

/** A person's completion as the outbox keeps it: enough to write its effects later, in another process. */
export interface CompletionIntent {
  actor: AuditActor & { username: string };
  answer: Record<string, unknown>;
  completedAt: Date;
}

/**
 * Writes what a completed task means in the database: the task closed, the form's decision, finances,
 * record and duty, and the audit entry; inside the caller's transaction, with the task row locked.
 */
@Injectable()
export class CompletionRecorder {
  constructor(private readonly audit: AuditTrail) {}

  async record(
    manager: EntityManager,
    task: UserTaskEntity,
    intent: CompletionIntent,
    beforeAudit?: () => Promise<void>,
  ): Promise<void> {
    const form = formFor(task.formKey);
    if (!form)
      throw new Error(`task ${task.id} has form ${task.formKey}, which this version does not know`);
    // Validated when the person sent it; validated again to get the typed object back.
    const typed = await validateAnswer(form, intent.answer);
    const username = intent.actor.username;
    const id = task.id;
    const loan = task.loanSummary ? (JSON.parse(task.loanSummary) as LoanSummary) : null;
    await manager.update(
      UserTaskEntity,
      { id },
      {
        state: 'completed',
        assignee: username,
        completedBy: username,
        endedAt: new Date(),
        endReason: 'completed',
      },
    );
    await withdrawFromCandidates(manager, id);
    await dropDraft(manager, id);
    const decision = task.businessKey ? form.decision?.(typed, loan) : null;
    if (decision)
      await insertRows(manager, LoanDecisionEntity, {
        loanId: task.businessKey!,
        kind: decision.kind,
        outcome: decision.outcome,
        level: decision.level ?? null,
        amountMinor: decision.amount ? Money.parse(decision.amount).minorUnits.toString() : null,
        termMonths: decision.termMonths ?? null,
        annualRate: decision.annualRate ?? null,
        counterOffer: decision.counterOffer ? 1 : 0,
        reasons: decision.reasons ?? null,
        decidedBy: username,
        taskId: id,
        decidedAt: new Date(),
      });
    const finances = task.businessKey ? form.verifiedFinances?.(typed) : null;
    if (finances)
      await manager.upsert(
        LoanVerifiedFinancesEntity,
        {
          loanId: task.businessKey!,
          monthlyIncomeMinor: Money.parse(finances.monthlyIncome).minorUnits.toString(),
          monthlyDebtMinor: Money.parse(finances.monthlyDebtPayments).minorUnits.toString(),
          verifiedBy: username,
          verifiedAt: new Date(),
        },
        ['loanId'],
      );
    if (form.record)
      await form.record(manager, typed, {
        taskId: id,
        businessKey: task.businessKey,
        context: contextOf(task),
        completedBy: username,
        at: intent.completedAt,
      });
    if (form.duty && task.businessKey) {
      await insertRows(manager, LoanDutyEntity, {
        businessKey: task.businessKey,
        duty: form.duty,
        username,
        taskId: id,
        ref: form.dutyRef?.(contextOf(task)) ?? null,
      });
    }
    // Last, and after whatever the caller must do first (the broker asked): the audit entry locks
    // the trail's head, which every appender in the product waits for until this transaction ends.
    await beforeAudit?.();
    await this.audit.append(manager, {
      actor: intent.actor,
      action: 'task.complete',
      outcome: 'ok',
      loanKey: task.businessKey,
      taskId: id,
      inputs: intent.answer,
      reason: form.summary(typed, loan),
    });
  }

  /**
   * The engine completed the task but the form's own record was refused after the fact: the task is
   * closed under the person's name and the audit entry says what was not recorded.
   */
  async recordClosure(
    manager: EntityManager,
    task: UserTaskEntity,
    intent: CompletionIntent,
    refused: string,
  ): Promise<void> {
    const username = intent.actor.username;
    await manager.update(
      UserTaskEntity,
      { id: task.id },
      {
        state: 'completed',
        assignee: username,
        completedBy: username,
        endedAt: new Date(),
        endReason: 'completed',
      },
    );
    await withdrawFromCandidates(manager, task.id);
    await dropDraft(manager, task.id);
    await this.audit.append(manager, {
      actor: intent.actor,
      action: 'task.complete',
      outcome: 'ok',
      loanKey: task.businessKey,
      taskId: task.id,
      inputs: intent.answer,
      reason: `completed in the engine; the form's own record was refused afterwards (${refused})`,
    });
  }
}
