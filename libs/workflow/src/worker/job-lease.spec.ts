import { activationTimeout, holdWhileRunning } from './job-lease';

describe('job lease', () => {
  // Jest's modern fake timers move Date.now with the timers.
  const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('activates for one lease, or for the budget when that is shorter', () => {
    expect(activationTimeout({ leaseMs: 20_000, budgetMs: 300_000 })).toBe(20_000);
    expect(activationTimeout({ leaseMs: 20_000, budgetMs: 5_000 })).toBe(5_000);
  });

  it('renews every half lease while the handler runs, and stops when told', async () => {
    const renewals: [string, number][] = [];
    const stop = holdWhileRunning(
      'J1',
      { leaseMs: 20_000, budgetMs: 300_000 },
      async (key, timeout) => void renewals.push([key, timeout]),
      () => undefined,
    );
    await advance(9_999);
    expect(renewals).toEqual([]);
    await advance(1);
    expect(renewals).toEqual([['J1', 20_000]]);
    await advance(20_000);
    expect(renewals).toHaveLength(3);
    stop();
    await advance(60_000);
    expect(renewals).toHaveLength(3);
  });

  it('never holds the job past its budget: the last renewal is for what is left', async () => {
    const renewals: number[] = [];
    holdWhileRunning(
      'J2',
      { leaseMs: 20_000, budgetMs: 45_000 },
      async (_key, timeout) => void renewals.push(timeout),
      () => undefined,
    );
    await advance(120_000);
    // At 10 s (20 s more), 20 s (20 s more), 30 s (15 s left, the last), then nothing.
    expect(renewals).toEqual([20_000, 20_000, 15_000]);
  });

  it('does nothing for a job whose budget is one lease or less', async () => {
    const renew = jest.fn(async () => undefined);
    holdWhileRunning('J3', { leaseMs: 20_000, budgetMs: 20_000 }, renew, () => undefined);
    await advance(60_000);
    expect(renew).not.toHaveBeenCalled();
  });

  it('reports a renewal refused in passing and tries again at the next half lease', async () => {
    const refusals: string[] = [];
    let calls = 0;
    const stop = holdWhileRunning(
      'J4',
      { leaseMs: 20_000, budgetMs: 300_000 },
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('14 UNAVAILABLE: the gateway is restarting');
      },
      (error) => refusals.push(error.message),
    );
    await advance(20_000);
    expect(refusals).toEqual(['14 UNAVAILABLE: the gateway is restarting']);
    expect(calls).toBe(2);
    stop();
  });

  it.each([
    ['gone', Object.assign(new Error('no such job'), { code: 5 })],
    ['no longer activated', new Error('9 FAILED_PRECONDITION: ... but it is not active')],
  ])('stops renewing once the broker says the job is %s', async (_, refusal) => {
    const refusals: string[] = [];
    let calls = 0;
    const stop = holdWhileRunning(
      'J5',
      { leaseMs: 20_000, budgetMs: 300_000 },
      async () => {
        calls += 1;
        throw refusal;
      },
      (error) => refusals.push(error.message),
    );
    await advance(100_000);
    expect(calls).toBe(1);
    expect(refusals).toEqual([refusal.message]);
    stop();
  });
});
