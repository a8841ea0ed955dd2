import { EventEmitter } from 'node:events';
import { pollWithoutPause } from './poll-without-pause';

/** The shape of the SDK worker this module wraps: its poll, its answer and stream-end handlers. */
class FakeWorker {
  polls = 0;
  readonly delivered: unknown[] = [];
  readonly ended: string[] = [];
  readonly capacityEmitter = new EventEmitter();
  poll = async () => {
    this.polls++;
  };
  handleJobResponse = (response: unknown) => {
    this.delivered.push(response);
  };
  handleStreamEnd = (id: string) => {
    this.ended.push(id);
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('pollWithoutPause', () => {
  it('asks for the first jobs at once', async () => {
    const worker = new FakeWorker();
    expect(pollWithoutPause(worker)).toBe(true);
    await nextTurn();
    expect(worker.polls).toBe(1);
  });

  it('asks again at once when a long poll ended with jobs', async () => {
    const worker = new FakeWorker();
    pollWithoutPause(worker);
    await nextTurn();
    worker.polls = 0;
    worker.handleJobResponse({ jobs: [{ key: '1' }] });
    worker.handleStreamEnd('a');
    await nextTurn();
    expect(worker.delivered).toEqual([{ jobs: [{ key: '1' }] }]);
    expect(worker.ended).toEqual(['a']);
    expect(worker.polls).toBe(1);
  });

  it('leaves a poll that ended without jobs (a deadline, the gateway away) to the timer', async () => {
    const worker = new FakeWorker();
    pollWithoutPause(worker);
    await nextTurn();
    worker.polls = 0;
    worker.handleStreamEnd('a');
    worker.handleJobResponse({ jobs: [] });
    worker.handleStreamEnd('b');
    worker.handleStreamEnd('c');
    await nextTurn();
    // Only the end that followed an answer asks again.
    expect(worker.ended).toEqual(['a', 'b', 'c']);
    expect(worker.polls).toBe(1);
  });

  it('asks again when a finished job frees room', async () => {
    const worker = new FakeWorker();
    pollWithoutPause(worker);
    await nextTurn();
    worker.polls = 0;
    worker.capacityEmitter.emit('AVAILABLE');
    await nextTurn();
    expect(worker.polls).toBe(1);
  });

  it('leaves a worker of another shape as it is', () => {
    const worker = { close: () => undefined };
    expect(pollWithoutPause(worker)).toBe(false);
    expect(Object.keys(worker)).toEqual(['close']);
  });
});
