import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { UserTaskEntity } from '@loanflow/persistence';
import { RuntimeModule } from '@loanflow/platform';
import {
  INBOX_ACTIVATION_HOLD_MS,
  INBOX_JOB_TIMEOUT_MS,
  TaskEnding,
  TaskIntake,
  TasksWorkersModule,
} from '@loanflow/tasks';

const BASE = 6_000_000_000_000_000 + (Date.now() % 1_000_000_000) * 10;

/** A user-task job as the broker hands it to the inbox. */
function job(key: number, elementInstanceKey: number) {
  return {
    key: String(key),
    processInstanceKey: String(BASE + 1),
    bpmnProcessId: 'collection',
    processDefinitionVersion: 1,
    elementId: 'ManagerCollects',
    elementInstanceKey: String(elementInstanceKey),
    deadline: String(Date.now() + 3_600_000),
    customHeaders: {
      'io.camunda.zeebe:formKey': 'loanflow:collection-contact',
      'io.camunda.zeebe:candidateGroups': '["customer-manager:SB-HZ-XH"]',
    },
    variables: { businessKey: `LNINTAKE-${BASE}` },
    forward: () => undefined,
  };
}

describe('the inbox intake on the real database: a job taken again', () => {
  let app: INestApplicationContext;
  let store: (j: ReturnType<typeof job>) => Promise<void>;
  let ending: TaskEnding;
  let dataSource: DataSource;

  beforeAll(async () => {
    // No job type matches: the intake does not poll the broker; the spec hands it jobs itself.
    process.env.WORKER_TYPES = 'test.none';
    const moduleRef = await Test.createTestingModule({
      imports: [RuntimeModule, TasksWorkersModule],
    }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    // store() is private: the spec calls it as the intake's poll would.
    const intake = app.get<TaskIntake, { store: typeof store }>(TaskIntake);
    store = (j) => intake.store(j);
    ending = app.get(TaskEnding);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await dataSource.getRepository(UserTaskEntity).delete({ businessKey: `LNINTAKE-${BASE}` });
    await app.close();
  });

  const row = (key: number) =>
    dataSource.getRepository(UserTaskEntity).findOneByOrFail({ id: String(key) });

  it('keeps an ended task ended when its job comes back late (a cancellation read first)', async () => {
    await store(job(BASE + 10, BASE + 9));
    expect(await row(BASE + 10)).toMatchObject({ state: 'open' });
    expect(
      await ending.endInEngine(String(BASE + 10), 'cancelled', 'withdrawn by the engine'),
    ).toBe(true);
    await store(job(BASE + 10, BASE + 9));
    expect(await row(BASE + 10)).toMatchObject({ state: 'cancelled' });
  });

  it('renews an open task’s hold, and replaces a row a wiped broker left under the same key', async () => {
    await store(job(BASE + 20, BASE + 19));
    const renewed = job(BASE + 20, BASE + 19);
    renewed.deadline = String(Date.now() + 7_200_000);
    await store(renewed);
    // The row keeps the long hold's end, counted from the new activation's.
    expect((await row(BASE + 20)).jobDeadline?.getTime()).toBe(
      Number(renewed.deadline) - INBOX_ACTIVATION_HOLD_MS + INBOX_JOB_TIMEOUT_MS,
    );

    await ending.endInEngine(String(BASE + 20), 'cancelled', 'old broker');
    // Same key, another element instance: the old broker's row gives way to the new task.
    await store(job(BASE + 20, BASE + 99));
    expect(await row(BASE + 20)).toMatchObject({
      state: 'open',
      elementInstanceKey: String(BASE + 99),
    });
  });

  it('ends a task once: the engine’s later records of it, or of a task never filed, change nothing', async () => {
    await store(job(BASE + 30, BASE + 29));
    expect(await ending.endInEngine(String(BASE + 30), 'cancelled', 'first ending')).toBe(true);
    const ended = await row(BASE + 30);
    for (const state of ['completed', 'cancelled'] as const)
      expect(await ending.endInEngine(String(BASE + 30), state, 'a later record')).toBe(false);
    expect(await row(BASE + 30)).toMatchObject({
      state: 'cancelled',
      endReason: 'first ending',
      endedAt: ended.endedAt,
    });
    const entries = await dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM audit_entry WHERE task_id = ? AND action = 'task.ended-in-engine'`,
      [String(BASE + 30)],
    );
    expect(Number(entries[0]?.n)).toBe(1);
    expect(await ending.endInEngine(String(BASE + 31), 'completed', 'never filed')).toBe(false);
  });
});
