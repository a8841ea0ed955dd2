import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { Directory, Principal } from '@loanflow/identity';
import { RuntimeModule } from '@loanflow/platform';
import { insertInboxRows } from '../support/inbox-rows';
import { TaskQuery } from '../../libs/tasks/src/api/task.views';
import { TASK_COUNT_CAP, TaskQueries } from '../../libs/tasks/src/api/task-queries';

const TAG = (Date.now() % 2_000_000_000).toString(36);
const USER = `inbox-${TAG}`;
const ROLE = `role-${TAG}`;
/** More than the cap, so the inbox counts "10,000+" and walks its index for the page. */
const TASKS = TASK_COUNT_CAP + 60;
const FORM = 'loanflow:collection-contact';

/** The orders of the inbox's list, as the list declared them before it walked its index. */
const ORDER: Record<TaskQuery['sort'], string> = {
  due: 'x.due_at IS NULL ASC, x.due_at ASC, x.created_at ASC, x.id ASC',
  '-due': 'x.due_at IS NULL ASC, x.due_at DESC, x.created_at DESC, x.id DESC',
  created: 'x.created_at ASC, x.id ASC',
  '-created': 'x.created_at DESC, x.id DESC',
};

/**
 * A reader whom more than 10,000 tasks reach: the inbox says "10,000+" and reads the page by
 * walking its index in the list's order; every page is the one the full sort gives, whatever the
 * order, with tasks offered twice, tasks without a due date, the reader's own tasks and a scope.
 */
describe('the inbox of a reader with more than 10,000 tasks', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let tasks: TaskQueries;
  const principal = { username: USER, roles: [ROLE], orgUnitCode: 'HO' } as Principal;
  const directory = {
    subtreeCodes: () => Promise.resolve(['T-A', 'T-B']),
  } as unknown as Directory;

  beforeAll(async () => {
    process.env.WORKER_TYPES = 'test.none';
    const moduleRef = await Test.createTestingModule({ imports: [RuntimeModule] }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    dataSource = app.get(DataSource);
    // Listing reads the database and the directory only.
    tasks = new TaskQueries(dataSource, directory);
    const now = Date.now();
    for (let from = 0; from < TASKS; from += 1000) {
      const rows: unknown[][] = [];
      const candidates: unknown[][] = [];
      for (let i = from; i < Math.min(TASKS, from + 1000); i++) {
        const id = `I${TAG}${String(i).padStart(5, '0')}`;
        // Ties on the due time and the age, so the id decides between some.
        const due = i % 13 === 0 ? null : new Date(now + ((i * 7919) % 3000) * 1000);
        const created = new Date(now - (i % 97) * 1000);
        const unit = i % 3 === 0 ? 'T-B' : 'T-A';
        const mine = i % 50 === 1;
        rows.push([
          id,
          String(i),
          'test-inbox',
          1,
          'Task',
          id,
          FORM,
          `LN-${TAG}-${i}`,
          JSON.stringify([`${ROLE}:${unit}`]),
          i % 5 === 0 ? JSON.stringify([USER]) : '[]',
          mine ? USER : null,
          due,
          'open',
          '{}',
          created,
          unit,
        ]);
        if (mine) continue;
        candidates.push([id, `g:${ROLE}:${unit}`, FORM, due, created, unit]);
        // Offered to the reader twice: by name and by role.
        if (i % 5 === 0) candidates.push([id, `u:${USER}`, FORM, due, created, unit]);
      }
      await insertInboxRows(dataSource, rows, candidates);
    }
  }, 300_000);

  afterAll(async () => {
    await dataSource.query('DELETE FROM user_task WHERE id LIKE ?', [`I${TAG}%`]);
    await app.close();
  });

  /** The page the full list gives: every task that reaches the reader, sorted, then cut. */
  async function expectedPage(
    sort: TaskQuery['sort'],
    page: number,
    units: string[],
  ): Promise<string[]> {
    const rows: { id: string }[] = await dataSource.query(
      `SELECT x.id FROM (
         (SELECT DISTINCT c.task_id AS id, c.due_at, c.created_at FROM user_task_candidate c
           WHERE c.group_key IN (?) AND c.branch_code IN (?))
         UNION ALL (SELECT t.id, t.due_at, t.created_at FROM user_task t
           WHERE t.assignee = ? AND t.state = 'open' AND t.branch_code IN (?))) x
        ORDER BY ${ORDER[sort]} LIMIT 50 OFFSET ?`,
      [
        [`u:${USER}`, `g:${ROLE}`, `g:${ROLE}:T-A`, `g:${ROLE}:T-B`],
        units,
        USER,
        units,
        (page - 1) * 50,
      ],
    );
    return rows.map((row) => row.id);
  }

  const list = (sort: TaskQuery['sort'], page: number, units: string[]) =>
    tasks.list(
      principal,
      { all: false, unitCodes: units },
      Object.assign(new TaskQuery(), { sort, page, pageSize: 50 }),
    );

  it.each(['due', '-due', 'created', '-created'] as const)(
    'gives every page as the full sort does (%s), with "10,000+" for the count',
    async (sort) => {
      for (const page of [1, 2, 37, 200]) {
        const got = await list(sort, page, ['T-A', 'T-B']);
        expect(got).toMatchObject({ total: TASK_COUNT_CAP, totalCapped: true });
        expect(got.items.map((item) => item.id)).toEqual(
          await expectedPage(sort, page, ['T-A', 'T-B']),
        );
      }
    },
  );

  it('counts exactly below the cap (one unit of the reader’s scope)', async () => {
    const got = await list('due', 3, ['T-B']);
    const [{ n }] = await dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM user_task WHERE id LIKE ? AND branch_code = 'T-B'`,
      [`I${TAG}%`],
    );
    expect(got.total).toBe(Number(n));
    expect(got.totalCapped).toBeUndefined();
    expect(got.items.map((item) => item.id)).toEqual(await expectedPage('due', 3, ['T-B']));
  });
});
