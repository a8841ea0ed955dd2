import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  INBOX_ACTIVATION_HOLD_MS,
  LOST_ENDING_REASON,
  TaskHoldRenewal,
  TaskReconciler,
  TasksWorkersModule,
} from '@loanflow/tasks';
import { BrokerClock, ZeebeClient } from '@loanflow/workflow';
import {
  advanceClock,
  ExporterRecords,
  fixturePath,
  GOOD_INVESTIGATION,
  loanVariables,
  stackSuite,
} from '../support';

const DAY_MS = 24 * 3600 * 1000;

describe('the inbox’s hold on a user-task job over weeks of broker time', () => {
  const suite = stackSuite({
    models: [fixturePath('credit-decision.bpmn')],
    workers: [TasksWorkersModule],
    api: true,
  });
  let workers: INestApplication;
  let zeebe: ZeebeClient;
  let records: ExporterRecords;
  let clock: BrokerClock;

  beforeAll(() => {
    workers = suite.stack.workers!;
    zeebe = suite.stack.zeebe;
    records = suite.stack.records;
    clock = suite.stack.clock;
  });

  const timedOut = (taskId: string) =>
    records.all('JOB', (r) => String(r.key) === taskId && r.intent === 'TIMED_OUT');
  /** How many times a hold pass ended the task because the broker no longer had its job. */
  const endedInEngine = async (taskId: string) => {
    const [row] = await workers
      .get(DataSource)
      .query<{ n: string | number }[]>(
        `SELECT COUNT(*) AS n FROM audit_entry WHERE task_id = ? AND action = 'task.ended-in-engine'`,
        [taskId],
      );
    return Number(row?.n ?? 0);
  };

  it('is renewed before it runs out, and a hold that does run out leaves the claimed task as it was', async () => {
    const variables = loanVariables();
    await suite.stack.registerLoan(variables.businessKey);
    await zeebe.createProcessInstance({ bpmnProcessId: 'test-credit-decision', variables });
    const task = await suite.staff.waitForTask(
      'li.cm',
      variables.businessKey,
      'loanflow:investigation-report',
    );
    // Activated with a 30-second hold (a crash before the inbox row commits returns the job within
    // the minute), extended to the long hold once the row is there.
    const activation = await records.waitFor(
      'JOB_BATCH',
      (r) =>
        r.intent === 'ACTIVATED' && (r.value.jobKeys as unknown[]).map(String).includes(task.id),
    );
    expect(activation.value.timeout).toBe(INBOX_ACTIVATION_HOLD_MS);
    expect(INBOX_ACTIVATION_HOLD_MS).toBeLessThanOrEqual(30_000);
    await records.waitFor(
      'JOB',
      (r) => String(r.key) === task.id && r.intent === 'TIMEOUT_UPDATED',
      30_000,
    );
    await suite.staff
      .post('li.cm', `/api/tasks/${task.id}/claim`)
      .then((r) => expect(r.status).toBe(200));

    // Day 10: the pass asks the broker about the open tasks whose hold ends first and renews it.
    await advanceClock(clock, 10 * DAY_MS);
    // (The pass walks the whole inbox: tasks other specs left behind may be ended by it, so what
    // is asserted is this task's own fate.)
    const pass = await workers.get(TaskHoldRenewal).renewDue(await clock.now());
    expect(pass.renewed).toBeGreaterThanOrEqual(1);
    expect(await endedInEngine(task.id)).toBe(0);
    expect((await suite.staff.get('li.cm', `/api/tasks/${task.id}`)).body).toMatchObject({
      state: 'open',
      assignee: 'li.cm',
    });

    // Day 20: past the original hold, within the renewed one: the engine has not taken the job back.
    await advanceClock(clock, 10 * DAY_MS);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await timedOut(task.id)).toHaveLength(0);

    // Day 35, with no renewal: the hold runs out, the job is re-activated, the task stays li.cm's.
    await advanceClock(clock, 15 * DAY_MS);
    await records.waitFor(
      'JOB',
      (r) => String(r.key) === task.id && r.intent === 'TIMED_OUT',
      30_000,
    );
    // Activations are exported as job batches.
    await records.waitFor(
      'JOB_BATCH',
      (r) =>
        r.intent === 'ACTIVATED' &&
        (r.value.jobKeys as unknown[]).map(String).includes(task.id) &&
        r.timestamp > Date.now() + 30 * DAY_MS,
      30_000,
    );
    const detail = await suite.staff.get('li.cm', `/api/tasks/${task.id}`);
    expect(detail.body).toMatchObject({ state: 'open', assignee: 'li.cm' });

    const done = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    expect(done.status).toBe(200);
    await records.waitFor('JOB', (r) => String(r.key) === task.id && r.intent === 'COMPLETED');
  });

  it('ends a task whose job the broker no longer has when the engine’s record of its ending never came', async () => {
    const variables = loanVariables();
    await suite.stack.registerLoan(variables.businessKey);
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: 'test-credit-decision',
      variables,
    });
    const task = await suite.staff.waitForTask(
      'li.cm',
      variables.businessKey,
      'loanflow:investigation-report',
    );
    await records.waitFor(
      'JOB',
      (r) => String(r.key) === task.id && r.intent === 'TIMEOUT_UPDATED',
      30_000,
    );
    // The inbox stops reading the exported records (as when Redis lost them in flight), then the
    // engine withdraws the task.
    await workers.get(TaskReconciler).onApplicationShutdown();
    await zeebe.cancelProcessInstance(instance.processInstanceKey);
    await records.waitFor('JOB', (r) => String(r.key) === task.id && r.intent === 'CANCELED');
    expect((await suite.staff.get('li.cm', `/api/tasks/${task.id}`)).body).toMatchObject({
      state: 'open',
    });

    const pass = await workers.get(TaskHoldRenewal).renewDue(await clock.now());
    expect(pass.ended).toBeGreaterThanOrEqual(1);
    const ended = await suite.staff.get('li.cm', `/api/tasks/${task.id}`);
    expect(ended.body).toMatchObject({ state: 'cancelled', endReason: LOST_ENDING_REASON });
    const trail = await workers
      .get(DataSource)
      .query<{ action: string; reason: string }[]>(
        `SELECT action, reason FROM audit_entry WHERE task_id = ? ORDER BY id`,
        [task.id],
      );
    expect(trail).toContainEqual({ action: 'task.ended-in-engine', reason: LOST_ENDING_REASON });

    // A second pass leaves it as it was: ended once.
    await workers.get(TaskHoldRenewal).renewDue(await clock.now());
    expect(await endedInEngine(task.id)).toBe(1);
  });
});
