import { INestApplication } from '@nestjs/common';
import { INBOX_ACTIVATION_HOLD_MS, TaskHoldRenewal, TasksWorkersModule } from '@loanflow/tasks';
import { BrokerClock, ZeebeClient } from '@loanflow/workflow';
import {
  advanceClock,
  ExporterRecords,
  fixturePath,
  GOOD_INVESTIGATION,
  loanVariables,
  Staff,
  TestStack,
} from '../support';

const DAY_MS = 24 * 3600 * 1000;

describe('the inbox’s hold on a user-task job over weeks of broker time', () => {
  let stack: TestStack;
  let workers: INestApplication;
  let zeebe: ZeebeClient;
  let records: ExporterRecords;
  let clock: BrokerClock;
  let staff: Staff;

  beforeAll(async () => {
    stack = await TestStack.open({
      models: [fixturePath('credit-decision.bpmn')],
      workers: [TasksWorkersModule],
      api: true,
    });
    workers = stack.workers!;
    zeebe = stack.zeebe;
    records = stack.records;
    clock = stack.clock;
    staff = stack.staff!;
  });

  afterAll(async () => {
    await stack.close();
  });

  const timedOut = (taskId: string) =>
    records.all('JOB', (r) => String(r.key) === taskId && r.intent === 'TIMED_OUT');

  it('is renewed before it runs out, and a hold that does run out leaves the claimed task as it was', async () => {
    const variables = loanVariables();
    await stack.registerLoan(variables.businessKey);
    await zeebe.createProcessInstance({ bpmnProcessId: 'test-credit-decision', variables });
    const task = await staff.waitForTask(
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
    await staff
      .post('li.cm', `/api/tasks/${task.id}/claim`)
      .then((r) => expect(r.status).toBe(200));

    // Day 10: the 14-day hold ends within the renewal window, so the pass renews it.
    await advanceClock(clock, 10 * DAY_MS);
    const renewed = await workers.get(TaskHoldRenewal).renewDue(await clock.now());
    expect(renewed).toBeGreaterThanOrEqual(1);

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
    const detail = await staff.get('li.cm', `/api/tasks/${task.id}`);
    expect(detail.body).toMatchObject({ state: 'open', assignee: 'li.cm' });

    const done = await staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    expect(done.status).toBe(200);
    await records.waitFor('JOB', (r) => String(r.key) === task.id && r.intent === 'COMPLETED');
  });
});
