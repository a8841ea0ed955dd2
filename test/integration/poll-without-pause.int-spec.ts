import {
  closeJobStream,
  giveBackJobsWhileClosing,
  lastJobStream,
  pollWithoutPause,
  ZeebeClient,
} from '@loanflow/workflow';
import { deploy, fixturePath, testZeebeClient } from '../support';

const TYPE = 'test.no-pause';
/** Its own type: a long poll of the first test's closed worker can never take its jobs. */
const STREAM_TYPE = 'test.no-pause-stream';
/** The SDK's poll tick, set far beyond the spec's wait: only the wrapper's own requests can serve it. */
const TICK_MS = 600_000;

/** Jobs of earlier runs on a long-lived broker are completed too, but only this run's are counted. */
const RUN = `run-${Date.now()}`;
const ofThisRun = (job: { variables: Record<string, unknown> }) => job.variables.run === RUN;

describe('a worker asks for the next job as soon as a long poll answers (real broker)', () => {
  let client: ZeebeClient;

  beforeAll(async () => {
    client = testZeebeClient();
    await deploy(client, fixturePath('no-pause.bpmn'));
    await deploy(client, fixturePath('no-pause-stream.bpmn'));
  });

  afterAll(async () => {
    await client.close();
  });

  it('works three jobs of one type in a row without waiting for the SDK’s tick', async () => {
    const worked: string[] = [];
    const worker = client.createWorker({
      taskType: TYPE,
      pollInterval: TICK_MS,
      loglevel: 'NONE',
      taskHandler: (job) => {
        if (ofThisRun(job)) worked.push(job.elementId);
        return job.complete();
      },
    });
    // As the product pairs them: a job its last long poll brings while it closes goes back at once,
    // instead of waiting out its hold away from the next test's worker.
    giveBackJobsWhileClosing(worker, client);
    try {
      // Wraps the pinned SDK's worker: if its members were renamed this would say so.
      expect(pollWithoutPause(worker)).toBe(true);
      const outcome = await client.createProcessInstanceWithResult({
        bpmnProcessId: 'test-no-pause',
        variables: { run: RUN },
        requestTimeout: 30_000,
      });
      expect(outcome.bpmnProcessId).toBe('test-no-pause');
      // Each job was created only after the one before completed: every one came from a request
      // the wrapper opened, none from the tick.
      expect(worked).toEqual(['One', 'Two', 'Three']);
    } finally {
      await worker.close(5_000);
    }
  });

  it('closes a job stream without ending the process, and the stream takes no more jobs', async () => {
    const streamed: string[] = [];
    const stream = await client.streamJobs({
      type: STREAM_TYPE,
      worker: 'spec-stream',
      // A job the broker pushes before it learns the stream is gone comes back after this hold.
      timeout: 1_000,
      tenantIds: ['<default>'],
      taskHandler: (job) => {
        if (ofThisRun(job)) streamed.push(job.elementId);
        return job.complete();
      },
    });
    const call = lastJobStream(client);
    expect(call).toBeDefined();
    closeJobStream(call, () => stream.close());
    // The cancellation arrives as an error event after the close: without a listener, Node would
    // end this process here.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const polled: string[] = [];
    const worker = client.createWorker({
      taskType: STREAM_TYPE,
      loglevel: 'NONE',
      // A job the broker pushed to the closed stream is yielded back without waking an open long
      // poll (seen under load): a short long poll picks it up within seconds.
      longPoll: 2_000,
      taskHandler: (job) => {
        if (ofThisRun(job)) polled.push(job.elementId);
        return job.complete();
      },
    });
    giveBackJobsWhileClosing(worker, client);
    pollWithoutPause(worker);
    try {
      await client.createProcessInstanceWithResult({
        bpmnProcessId: 'test-no-pause-stream',
        variables: { run: RUN },
        requestTimeout: 30_000,
      });
      expect(streamed).toEqual([]);
      expect(polled).toEqual(['One', 'Two', 'Three']);
    } finally {
      await worker.close(5_000);
    }
  });
});
