import { INestApplication, Module } from '@nestjs/common';
import { JobHandler, JobWorker } from '@loanflow/workflow';
import { fixturePath, ofInstance, TestStack } from '../support';

const TYPE = 'test.job-lease';
const LEASE_MS = 2_000;
/** Three and a half leases: without renewals the broker would take the job back mid-way. */
const WORK_MS = 7_000;

@JobWorker({
  type: TYPE,
  description: 'Test worker whose job outlasts several leases.',
  outputs: ['worked'],
  timeoutMs: 60_000,
})
class LongJobWorker implements JobHandler<object, { worked: number }> {
  deliveries = 0;

  async handle() {
    this.deliveries += 1;
    await new Promise((resolve) => setTimeout(resolve, WORK_MS));
    return { worked: this.deliveries };
  }
}

@Module({ providers: [LongJobWorker] })
class LongJobModule {}

describe('a job whose budget is longer than one lease (real broker)', () => {
  let stack: TestStack;
  let app: INestApplication;

  beforeAll(async () => {
    process.env.WORKER_TYPES = TYPE;
    process.env.JOB_LEASE_MS = String(LEASE_MS);
    stack = await TestStack.open({
      models: [fixturePath('job-lease.bpmn')],
      workers: [LongJobModule],
    });
    app = stack.workers!;
  });

  afterAll(async () => {
    delete process.env.WORKER_TYPES;
    delete process.env.JOB_LEASE_MS;
    await stack.close();
  });

  it('is activated for one lease, renewed while the handler runs, and worked once', async () => {
    const instance = await stack.zeebe.createProcessInstance({
      bpmnProcessId: 'test-job-lease',
      variables: {},
    });
    const key = String(instance.processInstanceKey);

    const completed = await stack.records.waitFor('JOB', ofInstance(key, 'COMPLETED'), 30_000);
    expect(completed.value.variables).toEqual({ worked: 1 });
    expect(app.get(LongJobWorker).deliveries).toBe(1);

    // Held one lease at a time (not the declared 60 s), so an activation that never reached a
    // worker would come back after 2 s; renewed while the handler ran; never taken back.
    const jobKey = String(completed.key);
    const batches = await stack.records.all(
      'JOB_BATCH',
      (r) =>
        r.intent === 'ACTIVATED' && (r.value.jobKeys as unknown[]).map(String).includes(jobKey),
    );
    expect(batches.map((r) => r.value.timeout)).toEqual([LEASE_MS]);
    const renewed = await stack.records.all('JOB', ofInstance(key, 'TIMEOUT_UPDATED'));
    expect(renewed.length).toBeGreaterThanOrEqual(WORK_MS / (LEASE_MS / 2) - 2);
    expect(await stack.records.all('JOB', ofInstance(key, 'TIMED_OUT'))).toEqual([]);
  });
});
