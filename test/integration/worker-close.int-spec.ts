import Redis from 'ioredis';
import { loadConfig } from '@loanflow/config';
import { giveBackJobsWhileClosing, GIVEN_BACK_MESSAGE, ZeebeClient } from '@loanflow/workflow';
import { deploy, ExporterRecords, fixturePath, ofInstance, testZeebeClient } from '../support';

const TYPE = 'test.hand-back';
/** Far longer than the spec waits: a job the closing worker kept would not come back in time. */
const HOLD_MS = 120_000;

describe('a worker that closes hands back the jobs its last long poll brings', () => {
  let client: ZeebeClient;
  let redis: Redis;
  let records: ExporterRecords;

  beforeAll(async () => {
    client = testZeebeClient();
    await deploy(client, fixturePath('hand-back.bpmn'));
    const config = loadConfig();
    redis = new Redis(config.REDIS_URL);
    records = new ExporterRecords(redis, config.EXPORTER_STREAM_PREFIX);
  });

  afterAll(async () => {
    redis.disconnect();
    await client.close();
  });

  const start = async () =>
    String(
      (await client.createProcessInstance({ bpmnProcessId: 'test-hand-back', variables: {} }))
        .processInstanceKey,
    );

  it('gives another worker at once a job that arrived while the first was draining', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const firstTaken = new Promise<void>((resolve) => (taken = resolve));
    const first = client.createWorker({
      taskType: TYPE,
      timeout: HOLD_MS,
      loglevel: 'NONE',
      taskHandler: async (job) => {
        taken();
        await held;
        return job.complete();
      },
    });
    expect(giveBackJobsWhileClosing(first, client)).toBe(true);

    const one = await start();
    await firstTaken;
    // Its next long poll is open again (capacity left); closing now keeps it open while job one drains.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const closing = first.close(30_000);
    const two = await start();

    const seen: string[] = [];
    const second = client.createWorker({
      taskType: TYPE,
      timeout: HOLD_MS,
      loglevel: 'NONE',
      taskHandler: async (job) => {
        seen.push(String(job.processInstanceKey));
        return job.complete();
      },
    });
    try {
      const done = await records.waitFor(
        'PROCESS_INSTANCE',
        ofInstance(two, 'ELEMENT_COMPLETED', (r) => r.value.bpmnElementType === 'PROCESS'),
        15_000,
      );
      expect(done).toBeDefined();
      expect(seen).toContain(two);
      // It went by the closing worker and came back with its retries untouched, not by a timeout.
      const failed = await records.all('JOB', ofInstance(two, 'FAILED'));
      expect(failed.map((r) => [r.value.errorMessage, r.value.retries])).toEqual([
        [GIVEN_BACK_MESSAGE, 3],
      ]);
      expect(await records.all('JOB', ofInstance(two, 'TIMED_OUT'))).toEqual([]);
    } finally {
      release();
      await closing;
      await second.close();
    }
    // The job the first worker was working on is finished by it, not handed back.
    expect(seen).not.toContain(one);
    expect(await records.all('JOB', ofInstance(one, 'FAILED'))).toEqual([]);
  });
});
