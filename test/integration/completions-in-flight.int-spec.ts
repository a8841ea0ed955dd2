import { INestApplicationContext } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { DataSource, QueryRunner } from 'typeorm';
import { TaskCompletionOutboxEntity, UserTaskEntity } from '@loanflow/persistence';
import { RuntimeModule } from '@loanflow/platform';
import {
  COMPLETION_COMMIT_WAIT_MS,
  CompletionOutbox,
  CompletionsInFlight,
  TaskIntake,
  TasksWorkersModule,
} from '@loanflow/tasks';
import { WorkerDiscovery } from '@loanflow/workflow';

const BASE = 6_100_000_000_000_000 + (Date.now() % 1_000_000_000) * 10;
const LOAN = `LNGATE-${BASE}`;
const OTHER_LOAN = `LNGATE-${BASE + 1}`;

/** A user-task job as the broker hands it to the inbox. */
function userTask(key: number, businessKey: string) {
  return {
    key: String(key),
    processInstanceKey: String(key - 2),
    bpmnProcessId: 'collection',
    processDefinitionVersion: 1,
    elementId: 'ManagerCollects',
    elementInstanceKey: String(key - 1),
    deadline: String(Date.now() + 3_600_000),
    customHeaders: {
      'io.camunda.zeebe:formKey': 'loanflow:collection-contact',
      'io.camunda.zeebe:candidateGroups': '["customer-manager:SB-HZ-XH"]',
    },
    variables: { businessKey },
    forward: () => undefined,
  };
}

const jobOn = (businessKey: string | undefined) => ({
  jobKey: String(BASE + 900),
  type: 'loan.notify-decision',
  processInstanceKey: String(BASE + 901),
  businessKey,
});

/** Settles within `ms`, or reports that it was still waiting. */
async function within<T>(promise: Promise<T>, ms: number): Promise<'waiting' | 'done'> {
  const timer = new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms));
  return Promise.race([promise.then(() => 'done' as const), timer]);
}

describe('a job waits while a person’s completion on its loan is being committed (real database)', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let gate: CompletionsInFlight;
  let outbox: CompletionOutbox;
  let completing: QueryRunner | undefined;

  beforeAll(async () => {
    // No job type matches: nothing polls the broker; the spec files the tasks itself.
    process.env.WORKER_TYPES = 'test.none';
    const moduleRef = await Test.createTestingModule({
      imports: [RuntimeModule, TasksWorkersModule, DiscoveryModule],
      providers: [WorkerDiscovery],
    }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    dataSource = app.get(DataSource);
    gate = app.get(CompletionsInFlight);
    outbox = app.get(CompletionOutbox);
    // store() is private: the spec calls it as the intake's poll would.
    const intake = app.get<TaskIntake, { store(job: ReturnType<typeof userTask>): Promise<void> }>(
      TaskIntake,
    );
    await intake.store(userTask(BASE + 10, LOAN));
    await intake.store(userTask(BASE + 20, OTHER_LOAN));
  });

  afterEach(async () => {
    if (completing?.isTransactionActive) await completing.rollbackTransaction();
    await completing?.release();
    completing = undefined;
    await dataSource
      .getRepository(TaskCompletionOutboxEntity)
      .delete([String(BASE + 10), String(BASE + 20)]);
  });

  afterAll(async () => {
    await dataSource.getRepository(UserTaskEntity).delete({ businessKey: LOAN });
    await dataSource.getRepository(UserTaskEntity).delete({ businessKey: OTHER_LOAN });
    delete process.env.WORKER_TYPES;
    await app.close();
  });

  async function intend(taskKey: number): Promise<void> {
    await outbox.intend(String(taskKey), {
      actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'SB-HZ-XH' },
      answer: { outcome: 'promised' },
      completedAt: new Date(),
    });
  }

  /** The locks completeThrough holds while it asks the broker: the task row, then the outbox row. */
  async function askingTheBroker(taskKey: number): Promise<QueryRunner> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SELECT id FROM user_task WHERE id = ? FOR UPDATE`, [String(taskKey)]);
    await runner.query(`SELECT job_key FROM task_completion_outbox WHERE job_key = ? FOR UPDATE`, [
      String(taskKey),
    ]);
    await runner.query(
      `UPDATE task_completion_outbox SET state = 'done', settled_at = NOW(3) WHERE job_key = ?`,
      [String(taskKey)],
    );
    return runner;
  }

  it('holds the job until the completion commits, then lets it run', async () => {
    await intend(BASE + 10);
    completing = await askingTheBroker(BASE + 10);
    const passing = gate.beforeHandle(jobOn(LOAN));
    expect(await within(passing, 300)).toBe('waiting');
    await completing.commitTransaction();
    expect(await within(passing, 1000)).toBe('done');
    // What the job then reads is the committed record.
    const row = await dataSource
      .getRepository(TaskCompletionOutboxEntity)
      .findOneByOrFail({ jobKey: String(BASE + 10) });
    expect(row.state).toBe('done');
  });

  it('lets the job run when the completion rolls back (the broker said no)', async () => {
    await intend(BASE + 10);
    completing = await askingTheBroker(BASE + 10);
    const passing = gate.beforeHandle(jobOn(LOAN));
    expect(await within(passing, 200)).toBe('waiting');
    await completing.rollbackTransaction();
    expect(await within(passing, 1000)).toBe('done');
  });

  it('does not hold a job for a pending completion no one is committing, nor for another loan’s', async () => {
    await intend(BASE + 10);
    expect(await within(gate.beforeHandle(jobOn(LOAN)), 200)).toBe('done');
    await intend(BASE + 20);
    completing = await askingTheBroker(BASE + 20);
    expect(await within(gate.beforeHandle(jobOn(LOAN)), 200)).toBe('done');
    expect(await within(gate.beforeHandle(jobOn(undefined)), 200)).toBe('done');
  });

  it('fails the job for a retry, saying what it waited for, when the commit does not come', async () => {
    await intend(BASE + 10);
    completing = await askingTheBroker(BASE + 10);
    const started = Date.now();
    await expect(gate.beforeHandle(jobOn(LOAN))).rejects.toThrow(
      `the completion of user task ${BASE + 10} on ${LOAN} was still being recorded after ${COMPLETION_COMMIT_WAIT_MS / 1000} s; job loan.notify-decision waits for it and is tried again`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(COMPLETION_COMMIT_WAIT_MS);
  });

  it('is found by the worker host among the gates every job passes', () => {
    expect(app.get(WorkerDiscovery).gates()).toContain(gate);
  });
});
