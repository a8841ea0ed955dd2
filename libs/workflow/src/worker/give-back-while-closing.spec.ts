import { giveBackJobsWhileClosing, GIVEN_BACK_MESSAGE } from './give-back-while-closing';

/** The shape of the SDK worker this module wraps: a closing flag and its answer handler. */
class FakeWorker {
  closing = false;
  readonly delivered: string[] = [];
  handleJobResponse = (response: { jobs: { key: string; retries: number }[] }) => {
    this.delivered.push(...response.jobs.map((job) => job.key));
  };
}

describe('giveBackJobsWhileClosing', () => {
  const failer = () => {
    const failed: unknown[] = [];
    return { failed, failJob: async (request: unknown) => void failed.push(request) };
  };

  it('lets an open worker work its jobs', () => {
    const worker = new FakeWorker();
    const client = failer();
    expect(giveBackJobsWhileClosing(worker, client)).toBe(true);
    worker.handleJobResponse({ jobs: [{ key: '1', retries: 3 }] });
    expect(worker.delivered).toEqual(['1']);
    expect(client.failed).toEqual([]);
  });

  it('hands back, retries kept and no back-off, what arrives once it closes', () => {
    const worker = new FakeWorker();
    const client = failer();
    giveBackJobsWhileClosing(worker, client);
    worker.closing = true;
    worker.handleJobResponse({
      jobs: [
        { key: '7', retries: 2 },
        { key: '8', retries: 5 },
      ],
    });
    expect(worker.delivered).toEqual([]);
    expect(client.failed).toEqual([
      { jobKey: '7', errorMessage: GIVEN_BACK_MESSAGE, retries: 2, retryBackOff: 0 },
      { jobKey: '8', errorMessage: GIVEN_BACK_MESSAGE, retries: 5, retryBackOff: 0 },
    ]);
  });

  it('leaves a worker of another shape as it is', () => {
    const worker = { close: () => undefined };
    expect(giveBackJobsWhileClosing(worker, failer())).toBe(false);
    expect(Object.keys(worker)).toEqual(['close']);
  });
});
