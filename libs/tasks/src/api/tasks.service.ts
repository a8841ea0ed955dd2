import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, QueryFailedError, TypeORMError } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import {
  assertWithinAuthority,
  DomainError,
  groupProblemsByField,
  isCandidate,
  MANAGER_ROLES,
  Money,
  originationStageOf,
  parseIdNumber,
} from '@loanflow/domain';
import {
  asWorker,
  auditActorOf,
  Directory,
  Principal,
  scopeAllows,
  UnitScope,
} from '@loanflow/identity';
import {
  blindIndex,
  JobEntity,
  LoanEntity,
  LoanPartyEntity,
  UserTaskEntity,
} from '@loanflow/persistence';
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
import { LoanHeadline, TaskDetail, TaskPage, TaskQuery, TaskView } from './task.views';
import { BulkAssignResponse, BulkAssignResult } from '../staffing/staffing.views';

/** Tasks without a due date sort last; ties break by age, then id, so pages never overlap. */
const SORTS: Record<TaskQuery['sort'], [string, 'ASC' | 'DESC'][]> = {
  due: [
    ['t.due_at IS NULL', 'ASC'],
    ['t.due_at', 'ASC'],
    ['t.created_at', 'ASC'],
    ['t.id', 'ASC'],
  ],
  '-due': [
    ['t.due_at IS NULL', 'ASC'],
    ['t.due_at', 'DESC'],
    ['t.created_at', 'DESC'],
    ['t.id', 'DESC'],
  ],
  created: [
    ['t.created_at', 'ASC'],
    ['t.id', 'ASC'],
  ],
  '-created': [
    ['t.created_at', 'DESC'],
    ['t.id', 'DESC'],
  ],
};

/** Past this many tasks the inbox says "10,000+" rather than count each one. */
export const TASK_COUNT_CAP = 10_000;

type SortRow = { id: string; due_at: Date | null; created_at: Date };
type SortKey = (number | string)[];

/** The list's orders (SORTS) as keys compared in JavaScript, for merging rows read apart. */
const SORT_KEYS: Record<TaskQuery['sort'], (row: SortRow) => SortKey> = {
  due: (r) => [r.due_at ? 0 : 1, r.due_at ? r.due_at.getTime() : 0, r.created_at.getTime(), r.id],
  '-due': (r) => [
    r.due_at ? 0 : 1,
    r.due_at ? -r.due_at.getTime() : 0,
    -r.created_at.getTime(),
    invert(r.id),
  ],
  created: (r) => [r.created_at.getTime(), r.id],
  '-created': (r) => [-r.created_at.getTime(), invert(r.id)],
};

/** A marker that sorts ids in reverse. */
function invert(id: string): string {
  // Each character flipped, and a terminator above them all so that a longer id sorts first.
  return `${[...id].map((ch) => String.fromCharCode(0xfffe - ch.charCodeAt(0))).join('')}\uffff`;
}

function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/**
 * The inbox's acts: list, look, claim, unclaim, delegate, complete. Every refusal is a DomainError
 * with a stable code and an audit entry; every act commits with its audit row.
 */
@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: Directory,
    private readonly audit: AuditTrail,
    private readonly ending: TaskEnding,
    private readonly assignments: TaskAssignments,
    private readonly decisionFacts: DecisionFactsReader,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly clock: BusinessClock,
    private readonly outbox: CompletionOutbox,
  ) {}

  /**
   * Tasks assigned to the caller, and unassigned tasks whose candidates include the caller. The page
   * is chosen from narrow index rows (candidate keys carry the sort columns), then its tasks are read.
   */
  async list(principal: Principal, scope: UnitScope, query: TaskQuery): Promise<TaskPage> {
    const page = { page: query.page, pageSize: query.pageSize };
    if (!scope.all && scope.unitCodes.length === 0) return { ...page, items: [], total: 0 };
    let loanIds: string[] | undefined;
    if (query.borrower?.trim()) {
      loanIds = await this.loansOfBorrower(scope, query.borrower.trim());
      if (loanIds.length === 0) return { ...page, items: [], total: 0 };
    }
    if (query.state === 'completed' || query.loan || loanIds) {
      const found = await this.listByTaskColumns(principal, scope, query, loanIds);
      return { ...page, total: found.total, items: await this.withDeadlines(found.items) };
    }

    const offered = ['c.group_key IN (?)'];
    const offeredParams: unknown[] = [await this.candidateKeysOf(principal)];
    const assigned = [`t.assignee = ?`, `t.state = 'open'`];
    const assignedParams: unknown[] = [principal.username];
    const filterBoth = (offeredSql: string, assignedSql: string, value: unknown) => {
      offered.push(offeredSql);
      offeredParams.push(value);
      assigned.push(assignedSql);
      assignedParams.push(value);
    };
    // Only tasks of loans in the reader's org subtree, whichever group the model offered them to.
    if (!scope.all) filterBoth('c.branch_code IN (?)', 't.branch_code IN (?)', scope.unitCodes);
    if (query.type) filterBoth('c.form_key = ?', 't.form_key = ?', query.type);
    if (query.dueBefore) filterBoth('c.due_at < ?', 't.due_at < ?', new Date(query.dueBefore));
    const union = `(SELECT DISTINCT c.task_id AS id, c.due_at, c.created_at FROM user_task_candidate c WHERE ${offered.join(' AND ')})
      UNION ALL (SELECT t.id, t.due_at, t.created_at FROM user_task t WHERE ${assigned.join(' AND ')})`;
    const params = [...offeredParams, ...assignedParams];
    // Counted up to the cap and no further: past it the reader is told "10,000+", not a number
    // that costs a read of every row it counts.
    const [{ counted }]: { counted: string }[] = await this.dataSource.query(
      `SELECT COUNT(*) AS counted FROM (
         (SELECT DISTINCT c.task_id FROM user_task_candidate c WHERE ${offered.join(' AND ')} LIMIT ?)
         UNION ALL (SELECT t.id FROM user_task t WHERE ${assigned.join(' AND ')} LIMIT ?)) x`,
      [...offeredParams, TASK_COUNT_CAP + 1, ...assignedParams, TASK_COUNT_CAP + 1],
    );
    const capped = Number(counted) > TASK_COUNT_CAP;
    const total = Math.min(Number(counted), TASK_COUNT_CAP);
    const skip = (query.page - 1) * query.pageSize;
    let idRows: { id: string }[];
    if (capped) {
      // So many tasks reach the reader that walking the candidate rows in the page's order finds
      // the page after a few hundred index entries; sorting every one of them would read them all.
      idRows = await this.pageInSortOrder(
        offered.join(' AND '),
        offeredParams,
        assigned.join(' AND '),
        assignedParams,
        query.sort,
        skip + query.pageSize,
      );
      idRows = idRows.slice(skip, skip + query.pageSize);
    } else {
      const order = SORTS[query.sort]
        .map(([column, direction]) => `${column.replace('t.', 'x.')} ${direction}`)
        .join(', ');
      idRows = await this.dataSource.query(
        `SELECT x.id FROM (${union}) x ORDER BY ${order} LIMIT ? OFFSET ?`,
        [...params, query.pageSize, skip],
      );
    }
    const ids = (idRows as { id: string }[]).map((row) => row.id);
    const tasks = ids.length
      ? await this.dataSource.getRepository(UserTaskEntity).findBy({ id: In(ids) })
      : [];
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const items = ids.map((id) => byId.get(id)).filter((task): task is UserTaskEntity => !!task);
    return {
      ...page,
      items: await this.withDeadlines(items.map(view)),
      total,
      ...(capped ? { totalCapped: true } : {}),
    };
  }

  /**
   * The first `needed` tasks of the reader's inbox in the list's order, for a reader so many tasks
   * reach that they are dense among all candidate rows: the candidate index is walked in sort order
   * (filters checked on its entries) and merged with the reader's own assigned tasks. A task offered
   * through two of the reader's keys shows twice among the entries, next to each other: read on
   * until `needed` distinct tasks are found or the rows run out.
   */
  private async pageInSortOrder(
    offered: string,
    offeredParams: unknown[],
    assigned: string,
    assignedParams: unknown[],
    sort: TaskQuery['sort'],
    needed: number,
  ): Promise<{ id: string }[]> {
    type Row = { id: string; due_at: Date | null; created_at: Date };
    const descending = sort.startsWith('-');
    const direction = descending ? 'DESC' : 'ASC';
    const byDue = sort === 'due' || sort === '-due';
    // Tasks with a due date first, in due order, then those without: two index ranges, each read
    // in order (MariaDB puts NULL first in an index, the list puts it last).
    const ranges = byDue
      ? [
          { where: 'c.due_at IS NOT NULL', index: 'ix_user_task_candidate_due', order: 'c.due_at' },
          { where: 'c.due_at IS NULL', index: 'ix_user_task_candidate_due', order: 'c.due_at' },
        ]
      : [{ where: '1 = 1', index: 'ix_user_task_candidate_created', order: null }];
    const found: Row[] = [];
    const seen = new Set<string>();
    for (const range of ranges) {
      let limit = needed * 2;
      for (;;) {
        const order = [range.order, 'c.created_at', 'c.task_id']
          .filter(Boolean)
          .map((column) => `${column} ${direction}`)
          .join(', ');
        const rows: Row[] = await this.dataSource.query(
          `SELECT c.task_id AS id, c.due_at, c.created_at FROM user_task_candidate c FORCE INDEX (${range.index})
            WHERE ${offered} AND ${range.where} ORDER BY ${order} LIMIT ?`,
          [...offeredParams, limit],
        );
        const distinct = rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
        if (distinct.length + found.length >= needed || rows.length < limit) {
          found.push(...distinct);
          break;
        }
        // Duplicates filled the window: read again, wider (the seen ones are skipped).
        distinct.forEach((row) => seen.delete(row.id));
        limit *= 4;
      }
      if (found.length >= needed) break;
    }
    const mine: Row[] = await this.dataSource.query(
      `SELECT t.id, t.due_at, t.created_at FROM user_task t WHERE ${assigned}
        ORDER BY ${SORTS[sort].map(([column, dir]) => `${column} ${dir}`).join(', ')} LIMIT ?`,
      [...assignedParams, needed],
    );
    const key = SORT_KEYS[sort];
    return [...found, ...mine]
      .sort((a, b) => compareSortKeys(key(a), key(b)))
      .slice(0, needed)
      .map((row) => ({ id: row.id }));
  }

  /** Loans of the reader's units whose borrower has this name (or part of it), or this ID number. */
  private async loansOfBorrower(scope: UnitScope, borrower: string): Promise<string[]> {
    const qb = this.dataSource
      .getRepository(LoanPartyEntity)
      .createQueryBuilder('p')
      .select('p.loan_id', 'loanId')
      .innerJoin(LoanEntity, 'l', 'l.id = p.loan_id')
      .where(`p.role = 'applicant'`);
    if (/^\d{17}[\dX]$/i.test(borrower)) {
      // An ID number is found by its keyed hash only: the column itself is encrypted.
      if (!parseIdNumber(borrower.toUpperCase()).ok)
        throw new DomainError('VALIDATION_FAILED', 'borrower is not a valid ID number.', {
          fieldErrors: [
            {
              field: 'borrower',
              reasons: ['not a valid resident identity number'],
              rules: ['isResidentIdNumber'],
            },
          ],
        });
      qb.andWhere('p.id_number_index = :index', {
        index: blindIndex('id-number', borrower.toUpperCase()),
      });
    } else {
      qb.andWhere('p.name LIKE :name', { name: `%${borrower.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (!scope.all) qb.andWhere('l.branch_code IN (:...units)', { units: scope.unitCodes });
    const rows: { loanId: string }[] = await qb.limit(500).getRawMany();
    return rows.map((row) => row.loanId);
  }

  /**
   * An origination task has no due time of its own: its deadline is the loan's decision notice,
   * due 3 working days after the application is complete, until the notice is sent.
   */
  private async withDeadlines(views: TaskView[]): Promise<TaskView[]> {
    const loanIds = [
      ...new Set(
        views
          .filter((v) => !v.deadlineAt && v.businessKey && originationStageOf(v.type))
          .map((v) => v.businessKey!),
      ),
    ];
    if (loanIds.length === 0) return views;
    const loans = await this.dataSource.getRepository(LoanEntity).find({
      select: { id: true, noticeDueAt: true, noticeSentAt: true },
      where: { id: In(loanIds) },
    });
    const notice = new Map(
      loans
        .filter((loan) => loan.noticeDueAt && !loan.noticeSentAt)
        .map((loan) => [loan.id, loan.noticeDueAt!.toISOString()]),
    );
    return views.map((v) => {
      const at =
        !v.deadlineAt && v.businessKey && originationStageOf(v.type) && notice.get(v.businessKey);
      return at ? { ...v, deadlineAt: at, deadlineKind: 'notice' as const } : v;
    });
  }

  /** Completed-by-me, or one loan's tasks: small sets, read straight from the task table. */
  private async listByTaskColumns(
    principal: Principal,
    scope: UnitScope,
    query: TaskQuery,
    loanIds?: string[],
  ): Promise<Pick<TaskPage, 'items' | 'total'>> {
    const qb = this.dataSource.getRepository(UserTaskEntity).createQueryBuilder('t');
    if (query.state === 'completed') {
      qb.where(`t.state = 'completed' AND t.completed_by = :me`, { me: principal.username });
    } else {
      qb.where(
        `t.state = 'open' AND (t.assignee = :me OR (t.assignee IS NULL AND t.id IN (
          SELECT c.task_id FROM user_task_candidate c WHERE c.group_key IN (:...keys))))`,
        { me: principal.username, keys: await this.candidateKeysOf(principal) },
      );
    }
    if (!scope.all) qb.andWhere('t.branch_code IN (:...units)', { units: scope.unitCodes });
    if (query.type) qb.andWhere('t.form_key = :type', { type: query.type });
    if (query.loan) qb.andWhere('t.business_key = :loan', { loan: query.loan });
    if (loanIds) qb.andWhere('t.business_key IN (:...loanIds)', { loanIds });
    if (query.dueBefore)
      qb.andWhere('t.due_at < :dueBefore', { dueBefore: new Date(query.dueBefore) });
    for (const [column, direction] of SORTS[query.sort]) qb.addOrderBy(column, direction);
    const [tasks, total] = await qb
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .getManyAndCount();
    return { items: tasks.map(view), total };
  }

  async get(principal: Principal, id: string): Promise<TaskDetail> {
    const task = await this.find(id);
    const mayLook =
      task.completedBy === principal.username ||
      (await this.isCandidate(principal, task)) ||
      this.isManager(principal);
    if (!mayLook) await this.refuse(principal, 'task.view', task, notCandidate(principal));
    const form = this.formOf(task);
    const [withDeadline] = await this.withDeadlines([view(task)]);
    return {
      ...withDeadline,
      form: { key: form.key, schema: formSchema(form) },
      loan: task.loanSummary ? (JSON.parse(task.loanSummary) as Record<string, unknown>) : null,
      context: task.contextJson ? (JSON.parse(task.contextJson) as Record<string, unknown>) : null,
    };
  }

  async claim(principal: Principal, id: string): Promise<TaskView> {
    const task = await this.findOpen(principal, 'task.claim', id);
    if (task.assignee === principal.username) return view(task);
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
        const task = await this.dataSource.getRepository(UserTaskEntity).findOneBy({ id: taskId });
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
          `task ${id} completed in the engine; its record waits in the outbox: ${(error as Error).message}`,
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
    return view({
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
    const detail = (error as Error).message;
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
    const job = await this.dataSource
      .getRepository(JobEntity)
      .findOne({ select: { state: true }, where: { jobKey } });
    return job?.state === 'completed';
  }

  private async assign(
    principal: Principal,
    task: UserTaskEntity,
    assignee: string | null,
    action: string,
    reason: string,
  ): Promise<TaskView> {
    await this.assignments.assign(auditActorOf(principal), task, assignee, action, reason);
    return view({ ...task, assignee });
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
    const task = await this.dataSource.getRepository(UserTaskEntity).findOneBy({ id });
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
    const guarantors = await this.dataSource
      .getRepository(LoanPartyEntity)
      .find({ where: { loanId: task.businessKey, role: 'guarantor' }, order: { id: 'ASC' } });
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
        candidateGroups: JSON.parse(task.candidateGroups),
        candidateUsers: JSON.parse(task.candidateUsers),
        assignee: task.assignee,
      },
      unitPathOf,
    );
  }

  private isManager(principal: Principal): boolean {
    return principal.roles.some((role) => MANAGER_ROLES.includes(role));
  }

  /** The inbox join keys that reach this person: their name, their roles, their roles in every unit of their subtree. */
  private async candidateKeysOf(principal: Principal): Promise<string[]> {
    const units = await this.directory.subtreeCodes(principal.orgUnitCode);
    return [
      `u:${principal.username}`,
      ...principal.roles.flatMap((role) => [
        `g:${role}`,
        ...units.map((code) => `g:${role}:${code}`),
      ]),
    ];
  }
}

/** An error of the database or its driver (as opposed to the broker's answer to the command). */
function isDatabaseError(error: unknown): boolean {
  if (error instanceof QueryFailedError || error instanceof TypeORMError) return true;
  return typeof error === 'object' && error !== null && ('sqlMessage' in error || 'fatal' in error);
}

function loanOf(task: UserTaskEntity): LoanSummary | null {
  return task.loanSummary ? (JSON.parse(task.loanSummary) as LoanSummary) : null;
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

function view(task: UserTaskEntity): TaskView {
  const form = formFor(task.formKey);
  return {
    id: task.id,
    type: task.formKey,
    title: form?.title ?? task.formKey,
    titleZh: form?.titleZh ?? task.formKey,
    state: task.state,
    businessKey: task.businessKey,
    processInstanceKey: task.processInstanceKey,
    bpmnProcessId: task.bpmnProcessId,
    elementId: task.elementId,
    candidateGroups: JSON.parse(task.candidateGroups),
    candidateUsers: JSON.parse(task.candidateUsers),
    assignee: task.assignee,
    dueAt: task.dueAt?.toISOString() ?? null,
    followUpAt: task.followUpAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    endedAt: task.endedAt?.toISOString() ?? null,
    endReason: task.endReason,
    completedBy: task.completedBy,
    deadlineAt: task.dueAt?.toISOString() ?? null,
    deadlineKind: task.dueAt ? 'task' : null,
    loanHeadline: headlineOf(loanOf(task)),
  };
}

function headlineOf(loan: LoanSummary | null): LoanHeadline | null {
  if (!loan) return null;
  const { applicantName, product, amount, termMonths, riskGrade, branchCode } = loan;
  return {
    applicantName: applicantName ?? '',
    product,
    amount,
    termMonths,
    riskGrade: riskGrade ?? null,
    branchCode,
  };
}
