import { EventEmitter } from 'node:events';
import { JobPush, PushCall, reopenBackoff } from './job-push';

/** A stream call as grpc-js gives it: events, pause/resume, cancel (which ends in an error event). */
class FakeCall extends EventEmitter implements PushCall {
  paused = false;
  cancelled = false;
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  cancel() {
    this.cancelled = true;
    this.emit('error', new Error('Cancelled on client'));
  }
}

/** A job handler whose jobs end when the test says. */
function heldJobs() {
  const running: (() => void)[] = [];
  return {
    running,
    handle: (_job: string) => new Promise<void>((resolve) => running.push(resolve)),
    finishOne: async () => {
      running.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function pushWith(maxInFlight: number) {
  const calls: FakeCall[] = [];
  const delivers: ((job: string) => Promise<void>)[] = [];
  const breaks: { error: unknown; nextInMs: number }[] = [];
  let refuse = 0;
  const jobs = heldJobs();
  const push = new JobPush<string>(
    (deliver) => {
      if (refuse > 0) {
        refuse -= 1;
        return Promise.reject(new Error('14 UNAVAILABLE: broker restarting'));
      }
      const call = new FakeCall();
      // The SDK's own listener, which prints the error: replaced by the push's.
      call.on('error', () => {
        throw new Error('the SDK listener must not run');
      });
      calls.push(call);
      delivers.push(deliver);
      return Promise.resolve(call);
    },
    jobs.handle,
    {
      maxInFlight,
      reopenDelayMs: reopenBackoff,
      onBroken: (error, nextInMs) => breaks.push({ error, nextInMs }),
    },
  );
  return {
    push,
    calls,
    breaks,
    jobs,
    deliver: (job: string) => void delivers[delivers.length - 1]?.(job),
    refuseNext: (times: number) => (refuse = times),
  };
}

describe('JobPush', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('stops reading at the bound of jobs in flight and reads again as one ends', async () => {
    const { push, calls, deliver, jobs } = pushWith(2);
    await push.start();
    const [call] = calls;
    deliver('a');
    expect(call?.paused).toBe(false);
    deliver('b');
    expect(call?.paused).toBe(true);
    expect(jobs.running).toHaveLength(2);
    await jobs.finishOne();
    expect(call?.paused).toBe(false);
    deliver('c');
    expect(call?.paused).toBe(true);
    await jobs.finishOne();
    await jobs.finishOne();
    expect(call?.paused).toBe(false);
    push.close();
  });

  it('opens the stream again after a break, once for an error and its status together, with a growing wait', async () => {
    const { push, calls, breaks } = pushWith(4);
    await push.start();
    calls[0]?.emit('error', new Error('14 UNAVAILABLE: Connection dropped'));
    calls[0]?.emit('status', { code: 14, details: 'Connection dropped' });
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatchObject({ nextInMs: 1_000 });
    expect(String(breaks[0]?.error)).toContain('Connection dropped');
    await jest.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    calls[1]?.emit('status', { code: 0, details: 'gateway shutting down' });
    expect(breaks[1]).toMatchObject({ nextInMs: 2_000 });
    expect(String(breaks[1]?.error)).toContain('job stream ended: code 0 (gateway shutting down)');
    await jest.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(3);
    push.close();
  });

  it('keeps trying when opening fails (the broker is down), and waits no longer than 30 s', async () => {
    const { push, calls, breaks, refuseNext } = pushWith(4);
    refuseNext(7);
    await push.start();
    expect(calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 8_000 + 16_000 + 30_000 + 30_000);
    expect(breaks.map((b) => b.nextInMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(calls).toHaveLength(1);
    push.close();
  });

  it('starts the wait from 1 s again once a job has come through', async () => {
    const { push, calls, breaks, deliver, jobs } = pushWith(4);
    await push.start();
    calls[0]?.emit('status', { code: 14 });
    await jest.advanceTimersByTimeAsync(1_000);
    calls[1]?.emit('status', { code: 14 });
    await jest.advanceTimersByTimeAsync(2_000);
    deliver('a');
    await jobs.finishOne();
    calls[2]?.emit('status', { code: 14 });
    expect(breaks.map((b) => b.nextInMs)).toEqual([1_000, 2_000, 1_000]);
    push.close();
  });

  it("keeps the stream on the SDK's own 'end' (its long-poll time-out), which does not end the call", async () => {
    const { push, calls, breaks, deliver, jobs } = pushWith(4);
    await push.start();
    calls[0]?.emit('end');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(breaks).toHaveLength(0);
    expect(calls).toHaveLength(1);
    deliver('a');
    expect(jobs.running).toHaveLength(1);
    await jobs.finishOne();
    push.close();
  });

  it('closes for good: the call is cancelled without an unhandled error and never opened again', async () => {
    const { push, calls, breaks } = pushWith(4);
    await push.start();
    push.close();
    expect(calls[0]?.cancelled).toBe(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(breaks).toHaveLength(0);
  });

  it('does not open again when closed while a reopening waits', async () => {
    const { push, calls } = pushWith(4);
    await push.start();
    calls[0]?.emit('status', { code: 14 });
    push.close();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
  });
});
