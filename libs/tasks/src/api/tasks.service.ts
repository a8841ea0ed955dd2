import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryFailedError, TypeORMError } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import {
  assertWithinAuthority,
  DomainError,
  groupProblemsByField,
  isCandidate,
  MANAGER_ROLES,
  messageOf,
  Money,
  itemAt,
} from '@loanflow/domain';
import {
  asWorker,
  auditActorOf,
  Directory,
  Principal,
  scopeAllows,
  UnitScope,
} from '@loanflow/identity';
import { candidatesOf, UserTaskEntity } from '@loanflow/persistence';
import { BusinessClock, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import type { FormDefinition } from '../forms/form-definition';
import { DecisionFactsReader } from './decision-facts';
import { TaskAssignments, contextOf } from '../staffing/task-assignments';
import { formFor, formSchema } from '../forms/form-registry';
import { TaskEnding } from '../inbox/task-ending';
import { validateAnswer } from '../forms/validate-answer';
import { CompletionOutbox, taskEnded } from '../completion/completion-outbox';
import { engineAnswerOf } from '../completion/engine-answer';
import type { LoanSummary } from '../loan-summary';
import { TaskDetail, TaskView } from './task.views';
import { loanOf, taskView } from './task-view';
import { TaskQueries } from './task-queries';
import { TaskArrivals } from '../inbox/task-arrivals';
import { BulkAssignResponse, BulkAssignResult } from '../staffing/staffing.views';

/**
 * The inbox's acts on one task: look, claim, unclaim, delegate, complete (the lists are TaskQueries'). Every refusal is a DomainError
 * with a stable code and an audit entry; every act commits with its audit row.
 */
@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly directory: Directory,
    private readonly audit: AuditTrail,
    private readonly ending: TaskEnding,
    private readonly assignments: TaskAssignments,
    private readonly decisionFacts: DecisionFactsReader,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly clock: BusinessClock,
    private readonly outbox: CompletionOutbox,
    private readonly queries: TaskQueries,
    private readonly arrivals: TaskArrivals,
  ) {}

  async get(principal: Principal, id: string): Promise<TaskDetail> {
    const task = await this.find(id);
    const mayLook =
      task.completedBy === principal.username ||
      (await this.isCandidate(principal, task)) ||
      this.isManager(principal);
    if (!mayLook) await this.refuse(principal, 'task.view', task, notCandidate(principal));
    const form = this.formOf(task);
    const withDeadline = itemAt(
      await this.queries.withDeadlines([taskView(task)]),
      0,
      'the task with its deadline',
    );
    return {
      ...withDeadline,
      form: { key: form.key, schema: formSchema(form) },
      loan: task.loanSummary ? (JSON.parse(task.loanSummary) as Record<string, unknown>) : null,
      context: task.contextJson ? (JSON.parse(task.contextJson) as Record<string, unknown>) : null,
    };
  }

  async claim(principal: Principal, id: string): Promise<TaskView> {
    const task = await this.findOpen(principal, 'task.claim', id);
    if (task.assignee === principal.username) return taskView(task);
    if (task.assignee) await this.refuse(principal, 'task.claim', task, alreadyClaimed(task));
    if (!(await this.isCandidate(principal, task)))
      await this.refuse(principal, 'task.claim', task, notCandidate(principal));
    await this.assertMayPerform(principal, principal, task, 'task.claim');
    return this.assign(
      principal,
      task,
      principal.username,
      'task.claim',
      `claimed by ${principal.username}`,
    );
  }

  async unclaim(principal: Principal, id: string): Promise<TaskView> {
    const task = await this.findOpen(principal, 'task.unclaim', id);
    if (task.assignee !== principal.username && !this.isManager(principal)) {
      await this.refuse(
        principal,
        'task.unclaim',
        task,
        new DomainError('NOT_ASSIGNEE', 'Only the assignee or a manager may give this task back.'),
      );
    }
    return this.assign(
      principal,
      task,
      null,
      'task.unclaim',
      `given back by ${principal.username}`,
    );
  }

  /** Managers hand a task to a named colleague, who must be a candidate and pass separation of duties. */
  async delegate(principal: Principal, id: string, username: string): Promise<TaskView> {
    const task = await this.findOpen(principal, 'task.delegate', id);
    const target = await this.directory.principalByUsername(username);
    if (!target)
      await this.refuse(
        principal,
        'task.delegate',
        task,
        new DomainError('USER_NOT_FOUND', `There is no active user ${username}.`),
      );
    const problem = await this.assignments.whyNot(target!, task);
    if (problem) await this.refuse(principal, 'task.delegate', task, problem);
    return this.assign(
      principal,
      task,
      username,
      'task.delegate',
      `delegated by ${principal.username} to ${username}`,
    );
  }

  /**
   * A manager's reassignment of many tasks in one act: each task checked and recorded exactly as a
   * single delegation (or giving back) would be, each with its own result; one refusal stops no other.
   */
  async bulkAssign(
    principal: Principal,
    scope: UnitScope,
    taskIds: string[],
    assignee: string | null,
  ): Promise<BulkAssignResponse> {
    const results: BulkAssignResult[] = [];
    for (const taskId of [...new Set(taskIds)]) {
      try {
        const task = await this.queries.task(taskId);
        // Out of the manager's units answers as missing, as the single routes do.
        if (!task || !scopeAllows(scope, task.branchCode))
          throw new DomainError('TASK_NOT_FOUND', `There is no task ${taskId}.`);
        if (assignee === null) await this.unclaim(principal, taskId);
        else await this.delegate(principal, taskId, assignee);
        results.push({ taskId, outcome: 'ok' });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ taskId, outcome: 'refused', code: error.code, message: error.message });
      }
    }
    const refused = results.filter((r) => r.outcome === 'refused').length;
    return { done: results.length - refused, refused, results };
  }

  /** Validates the answer, checks duties and authority, then completes the job and records it in one go. */
  async complete(
    principal: Principal,
    id: string,
    answer: Record<string, unknown>,
  ): Promise<TaskView> {
    const task = await this.findOpen(principal, 'task.complete', id);
    if (task.assignee && task.assignee !== principal.username) {
      await this.refuse(
        principal,
        'task.complete',
        task,
        new DomainError('NOT_ASSIGNEE', `This task is claimed by ${task.assignee}.`),
      );
    }
    if (!task.assignee && !(await this.isCandidate(principal, task))) {
      await this.refuse(principal, 'task.complete', task, notCandidate(principal));
    }
    const form = this.formOf(task);
    const typed = await validateAnswer(form, answer);
    const contextProblems = form.checkAgainstContext?.(typed, contextOf(task)) ?? [];
    if (contextProblems.length > 0)
      throw new DomainError(
        'VALIDATION_FAILED',
        `The ${form.title.toLowerCase()} has invalid fields: ${contextProblems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`,
        {
          fieldErrors: groupProblemsByField(
            contextProblems.map((p) => ({ field: `answer.${p.field}`, reason: p.reason })),
          ),
        },
      );
    const loan = await this.withParties(task);
    const ruleBroken = form.checkAgainstLoan?.(typed, loan);
    if (ruleBroken) await this.refuse(principal, 'task.complete', task, ruleBroken);
    await this.assertDecisionWithinBounds(principal, task, form, typed);
    await this.assertMayPerform(principal, principal, task, 'task.complete');
    await this.assertWithinAuthority(principal, task, form, typed);

    const variables = form.toVariables(typed, principal.username, loan);
    const completedAt = form.record ? await this.clock.now() : new Date();
    const actor = { ...auditActorOf(principal), username: principal.username };
    try {
      // Durably first: whatever happens after the broker's yes, the completion is settled once.
      await this.outbox.intend(id, { actor, answer, completedAt });
    } catch (error) {
      if (error instanceof DomainError) await this.refuse(principal, 'task.complete', task, error);
      throw error;
    }
    let accepted = false;
    try {
      await this.outbox.completeThrough(id, async () => {
        await this.zeebe.completeJob({ jobKey: id, variables: variables as Record<string, never> });
        accepted = true;
      });
    } catch (error) {
      if (accepted) {
        // The engine has the completion and the outbox has the answer: the reconciler (from the
        // engine's records) or a sweeper writes it down, with its audit entry, once.
        this.logger.error(
          `task ${id} completed in the engine; its record waits in the outbox: ${messageOf(error)}`,
        );
      } else if (error instanceof DomainError) {
        await this.outbox.release(id);
        await this.refuse(principal, 'task.complete', task, error);
      } else if (isDatabaseError(error)) {
        // The database failed before the broker was asked: nothing was completed. If the release
        // fails too, a sweeper finds the job still held and releases the row.
        await this.outbox.release(id).catch(() => undefined);
        throw error;
      } else {
        await this.answerRefusedCompletion(principal, task, error);
      }
    }
    return taskView({
      ...task,
      state: 'completed',
      assignee: principal.username,
      completedBy: principal.username,
      endedAt: new Date(),
      endReason: 'completed',
    });
  }

  /**
   * What the person is told when the broker did not confirm the completion, by its real cause.
   * Only an answer that proves the job was not completed releases the outbox row; an answer that
   * may have been lost leaves it to the sweeper, which asks the engine.
   */
  private async answerRefusedCompletion(
    principal: Principal,
    task: UserTaskEntity,
    error: unknown,
  ): Promise<never> {
    const answer = engineAnswerOf(error);
    const detail = messageOf(error);
    if (answer.kind === 'gone') {
      // The job may be gone because an earlier attempt of this same request went through (a
      // retried command whose first answer was lost): the engine's records tell.
      if (await this.completedInEngine(task.id)) {
        await this.outbox.settle(task.id, 'request').catch(() => undefined);
        return this.refuse(principal, 'task.complete', task, taskEnded('it was completed already'));
      }
      await this.outbox.release(task.id);
      await this.ending.endInEngine(task.id, 'cancelled', 'the process no longer waits for it');
      return this.refuse(
        principal,
        'task.complete',
        task,
        taskEnded(
          'the process no longer waits for it (a deadline, an escalation or a cancellation ended it)',
        ),
      );
    }
    if (answer.kind === 'rejected') {
      await this.outbox.release(task.id);
      return this.refuse(
        principal,
        'task.complete',
        task,
        new DomainError(
          'COMPLETION_REJECTED',
          `The workflow engine refused the completion: ${answer.reason}. Nothing was recorded.`,
          { reason: answer.reason },
        ),
      );
    }
    if (answer.kind === 'busy' || answer.kind === 'unreachable') {
      await this.outbox.release(task.id);
      throw new DomainError(
        'BROKER_UNAVAILABLE',
        `The workflow engine did not accept the completion; nothing was recorded. Try again. (${detail})`,
      );
    }
    throw new DomainError(
      'BROKER_UNAVAILABLE',
      `The workflow engine did not confirm the completion (${detail}). It is being settled: the task shows as completed shortly, or opens again if the engine did not take it.`,
    );
  }

  private async completedInEngine(jobKey: string): Promise<boolean> {
    return (await this.queries.jobState(jobKey)) === 'completed';
  }

  private async assign(
    principal: Principal,
    task: UserTaskEntity,
    assignee: string | null,
    action: string,
    reason: string,
  ): Promise<TaskView> {
    await this.assignments.assign(auditActorOf(principal), task, assignee, action, reason);
    // Given to someone else, or back to its pool: whoever waits for a task of this loan looks again.
    if (assignee !== principal.username) this.arrivals.announce(task.businessKey);
    return taskView({ ...task, assignee });
  }

  /** Separation of duties and conflict of interest for `performer` on this task, refused and audited. */
  private async assertMayPerform(
    principal: Principal,
    performer: Principal,
    task: UserTaskEntity,
    action: string,
  ): Promise<void> {
    this.formOf(task);
    const problem = await this.assignments.dutyProblem(performer, task);
    if (problem) await this.refuse(principal, action, task, problem);
  }

  /** Terms within the application, the product and the grid; what a review attests. */
  private async assertDecisionWithinBounds(
    principal: Principal,
    task: UserTaskEntity,
    form: FormDefinition,
    answer: object,
  ): Promise<void> {
    if (!form.checkDecision || !task.businessKey) return;
    const facts = await this.decisionFacts.of(task.businessKey);
    if (!facts) return;
    const problems = form.checkDecision(answer, facts, loanOf(task));
    if (problems.length === 0) return;
    await this.refuse(
      principal,
      'task.complete',
      task,
      new DomainError(
        'DECISION_OUT_OF_BOUNDS',
        `The ${form.title.toLowerCase()} is outside the bank's bounds: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`,
        {
          fieldErrors: groupProblemsByField(
            problems.map((p) => ({ field: `answer.${p.field}`, reason: p.reason })),
          ),
        },
      ),
    );
  }

  private async assertWithinAuthority(
    principal: Principal,
    task: UserTaskEntity,
    form: FormDefinition,
    answer: object,
  ): Promise<void> {
    const loan = loanOf(task);
    const request = loan && form.authorityRequest?.(answer, loan);
    if (!request || !loan) return;
    const [grants, schedule] = await Promise.all([
      this.directory.authorityOf(principal.userId),
      this.directory.authoritySchedule(),
    ]);
    try {
      // A loan not yet graded is treated as the riskiest grade: authority is never assumed.
      assertWithinAuthority(principal.username, grants, schedule, {
        product: loan.product,
        riskGrade: loan.riskGrade ?? 'D',
        // The customer's whole exposure, as the DMN judges it: the loans they still owe count.
        amount: Money.parse(request.amount).plus(Money.parse(loan.existingExposure ?? '0.00')),
      });
    } catch (error) {
      if (error instanceof DomainError) await this.refuse(principal, 'task.complete', task, error);
      throw error;
    }
  }

  private async refuse(
    principal: Principal,
    action: string,
    task: UserTaskEntity,
    error: DomainError,
  ): Promise<never> {
    await this.audit.record({
      actor: auditActorOf(principal),
      action,
      outcome: 'refused',
      loanKey: task.businessKey,
      taskId: task.id,
      reason: `${error.code}: ${error.message}`,
    });
    throw error;
  }

  private async find(id: string): Promise<UserTaskEntity> {
    const task = await this.queries.task(id);
    if (!task) throw new DomainError('TASK_NOT_FOUND', `There is no task ${id}.`);
    return task;
  }

  private async findOpen(
    principal: Principal,
    action: string,
    id: string,
  ): Promise<UserTaskEntity> {
    const task = await this.find(id);
    if (task.state !== 'open')
      await this.refuse(principal, action, task, taskEnded(task.endReason ?? task.state));
    return task;
  }

  /**
   * The task's loan summary with its guarantors from the loan register (decrypted, by party id):
   * what a form's rule on the parties needs, never carried by the process.
   */
  private async withParties(task: UserTaskEntity): Promise<LoanSummary | null> {
    const loan = loanOf(task);
    if (!loan || !task.businessKey) return loan;
    const guarantors = await this.queries.guarantorsOf(task.businessKey);
    return {
      ...loan,
      guarantors: guarantors.map((party) => ({ partyId: party.id, idNumber: party.idNumber })),
    };
  }

  private formOf(task: UserTaskEntity): FormDefinition {
    const form = formFor(task.formKey);
    if (!form)
      throw new DomainError(
        'TASK_FORM_UNKNOWN',
        `Task ${task.id} has form ${task.formKey}, which this version does not know.`,
      );
    return form;
  }

  private async isCandidate(principal: Principal, task: UserTaskEntity): Promise<boolean> {
    const unitPathOf = await this.directory.orgPaths();
    return isCandidate(
      asWorker(principal),
      {
        ...candidatesOf(task),
        assignee: task.assignee,
      },
      unitPathOf,
    );
  }

  private isManager(principal: Principal): boolean {
    return principal.roles.some((role) => MANAGER_ROLES.includes(role));
  }
}

/** An error of the database or its driver (as opposed to the broker's answer to the command). */
function isDatabaseError(error: unknown): boolean {
  if (error instanceof QueryFailedError || error instanceof TypeORMError) return true;
  return typeof error === 'object' && error !== null && ('sqlMessage' in error || 'fatal' in error);
}

function notCandidate(principal: Principal): DomainError {
  return new DomainError(
    'NOT_A_CANDIDATE',
    `This task is not for ${principal.username}: their roles and org unit are not among its candidates.`,
  );
}

function alreadyClaimed(task: UserTaskEntity): DomainError {
  return new DomainError('TASK_ALREADY_CLAIMED', `This task is claimed by ${task.assignee}.`);
}
