import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DomainError, originationStageOf, parseIdNumber } from '@loanflow/domain';
import { Directory, Principal, UnitScope } from '@loanflow/identity';
import {
  blindIndex,
  JobEntity,
  LoanEntity,
  LoanPartyEntity,
  onlyRow,
  UserTaskEntity,
} from '@loanflow/persistence';
import { taskView } from './task-view';
import { TaskPage, TaskQuery, TaskView } from './task.views';

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
  for (const [i, left] of a.entries()) {
    const right = b[i];
    if (right === undefined || left > right) return 1;
    if (left < right) return -1;
  }
  return a.length < b.length ? -1 : 0;
}

/**
 * The inbox's reads: a person's page of tasks (offered to them or theirs), the tasks of a loan or
 * a borrower, the ones they completed, and each task's deadline. SQL lives here; the acts on a task
 * (TasksService) and their rules do not.
 */
@Injectable()
export class TaskQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: Directory,
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
    const { counted } = onlyRow(
      await this.dataSource.query<{ counted: string }[]>(
        `SELECT COUNT(*) AS counted FROM (
         (SELECT DISTINCT c.task_id FROM user_task_candidate c WHERE ${offered.join(' AND ')} LIMIT ?)
         UNION ALL (SELECT t.id FROM user_task t WHERE ${assigned.join(' AND ')} LIMIT ?)) x`,
        [...offeredParams, TASK_COUNT_CAP + 1, ...assignedParams, TASK_COUNT_CAP + 1],
      ),
      'tasks counted up to the cap',
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
      items: await this.withDeadlines(items.map(taskView)),
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

  /** One task by id, or null. */
  task(id: string): Promise<UserTaskEntity | null> {
    return this.dataSource.getRepository(UserTaskEntity).findOneBy({ id });
  }

  /** The engine's state of a job as the projector last saw it, or null when it has not seen it. */
  async jobState(jobKey: string): Promise<string | null> {
    const job = await this.dataSource
      .getRepository(JobEntity)
      .findOne({ select: { state: true }, where: { jobKey } });
    return job?.state ?? null;
  }

  /** The loan's guarantors from the register (decrypted), in party order. */
  guarantorsOf(loanId: string): Promise<LoanPartyEntity[]> {
    return this.dataSource
      .getRepository(LoanPartyEntity)
      .find({ where: { loanId, role: 'guarantor' }, order: { id: 'ASC' } });
  }

  /**
   * An origination task has no due time of its own: its deadline is the loan's decision notice,
   * due 3 working days after the application is complete, until the notice is sent.
   */
  async withDeadlines(views: TaskView[]): Promise<TaskView[]> {
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
    const skip = (query.page - 1) * query.pageSize;
    const tasks = await qb.limit(query.pageSize).offset(skip).getMany();
    // A page short of full that is not past the end holds the last task, so it tells the total: the
    // count is read only when it cannot (a full page, or an empty page past the first). The loan's
    // own inbox, polled while its work is waited for, is nearly always such a page.
    const told = tasks.length < query.pageSize && (tasks.length > 0 || skip === 0);
    const total = told ? skip + tasks.length : await qb.getCount();
    return { items: tasks.map(taskView), total };
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
