import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { Directory, Principal } from '@loanflow/identity';
import { RuntimeModule } from '@loanflow/platform';
import { insertInboxRows } from '../support/inbox-rows';
import { TaskQuery } from '../../libs/tasks/src/api/task.views';
import { TaskQueries } from '../../libs/tasks/src/api/task-queries';

const TAG = (Date.now() % 2_000_000_000).toString(36);
const USER = `loan-inbox-${TAG}`;
const ROLE = `role-${TAG}`;
const LOAN = `LN-${TAG}`;
const FORM = 'loanflow:inspection-report';
/** The reader's tasks of the loan: some offered to their role, some assigned to them. */
const TASKS = 7;

/**
 * The inbox filtered to one loan (the list a dossier's "open work" and a poll for the next task
 * read) counts its tasks only when the page cannot tell: the total is the same whether counted or
 * told, on every page, of every size, and on a page past the end.
 */
describe('the inbox of one loan: the total, told by the page or counted', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let tasks: TaskQueries;
  const principal = { username: USER, roles: [ROLE], orgUnitCode: 'T-A' } as Principal;
  const directory = { subtreeCodes: () => Promise.resolve(['T-A']) } as unknown as Directory;
  const scope = { all: false, unitCodes: ['T-A'] };

  beforeAll(async () => {
    process.env.WORKER_TYPES = 'test.none';
    const moduleRef = await Test.createTestingModule({ imports: [RuntimeModule] }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    dataSource = app.get(DataSource);
    tasks = new TaskQueries(dataSource, directory);
    const now = Date.now();
    const rows: unknown[][] = [];
    const candidates: unknown[][] = [];
    // Seven of the reader's, and one of the same loan in another unit they may not see.
    for (let i = 0; i <= TASKS; i++) {
      const id = `L${TAG}${i}`;
      const unit = i === TASKS ? 'T-Z' : 'T-A';
      const mine = i % 3 === 0;
      const created = new Date(now - i * 1000);
      rows.push([id, String(i), 'test-loan-inbox', 1, 'Task', id, FORM, LOAN, '[]', '[]',
        mine ? USER : null, null, 'open', '{}', created, unit]); // prettier-ignore
      if (!mine) candidates.push([id, `g:${ROLE}:${unit}`, FORM, null, created, unit]);
    }
    await insertInboxRows(dataSource, rows, candidates);
  });

  afterAll(async () => {
    await dataSource.query('DELETE FROM user_task WHERE id LIKE ?', [`L${TAG}%`]);
    await app.close();
  });

  const list = (page: number, pageSize: number) =>
    tasks.list(
      principal,
      scope,
      Object.assign(new TaskQuery(), { loan: LOAN, sort: 'created', page, pageSize }),
    );

  it.each([
    [1, 10, 7],
    [1, 7, 7],
    [1, 3, 3],
    [2, 3, 3],
    [3, 3, 1],
    [4, 3, 0],
    [9, 5, 0],
    [2, 7, 0],
  ])('page %i of %i: %i tasks, total 7', async (page, pageSize, onPage) => {
    const got = await list(page, pageSize);
    expect(got.total).toBe(TASKS);
    expect(got.items).toHaveLength(onPage);
    expect(got.items.every((item) => item.businessKey === LOAN)).toBe(true);
  });

  it('pages through every task of the loan the reader may see once, oldest first', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++)
      seen.push(...(await list(page, 3)).items.map((item) => item.id));
    expect(seen).toEqual(Array.from({ length: TASKS }, (_, i) => `L${TAG}${TASKS - 1 - i}`));
  });
});
