import { ArrivalWaits } from './arrival-waits';

describe('ArrivalWaits', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('ends the waits on the arrived loan and the waits on any loan, not the others', async () => {
    const waits = new ArrivalWaits(10);
    const mine = waits.until('LN-1', 20_000);
    const any = waits.until(null, 20_000);
    const other = waits.until('LN-2', 20_000);
    waits.arrived('LN-1');
    await expect(mine.ended).resolves.toBe('arrived');
    await expect(any.ended).resolves.toBe('arrived');
    expect(waits.waiting).toBe(1);
    jest.advanceTimersByTime(20_000);
    await expect(other.ended).resolves.toBe('timed-out');
    expect(waits.waiting).toBe(0);
  });

  it('a task of no loan ends only the waits on any loan', async () => {
    const waits = new ArrivalWaits(10);
    const onLoan = waits.until('LN-1', 5_000);
    const any = waits.until(null, 5_000);
    waits.arrived(null);
    await expect(any.ended).resolves.toBe('arrived');
    expect(waits.waiting).toBe(1);
    onLoan.cancel();
    await expect(onLoan.ended).resolves.toBe('timed-out');
    expect(waits.waiting).toBe(0);
  });

  it('times out after its time and not before', async () => {
    const waits = new ArrivalWaits(10);
    let ended: string | undefined;
    void waits.until('LN-1', 3_000).ended.then((why) => (ended = why));
    jest.advanceTimersByTime(2_999);
    await Promise.resolve();
    expect(ended).toBeUndefined();
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(ended).toBe('timed-out');
  });

  it('refuses a wait past its capacity at once and keeps none for no time', async () => {
    const waits = new ArrivalWaits(2);
    waits.until('LN-1', 1_000);
    waits.until('LN-2', 1_000);
    await expect(waits.until('LN-3', 1_000).ended).resolves.toBe('refused');
    await expect(waits.until('LN-3', 0).ended).resolves.toBe('timed-out');
    expect(waits.waiting).toBe(2);
  });

  it('once closed, ends every wait and refuses new ones: a stopping process answers at once', async () => {
    const waits = new ArrivalWaits(10);
    const waiting = waits.until('LN-1', 20_000);
    waits.close();
    await expect(waiting.ended).resolves.toBe('refused');
    await expect(waits.until(null, 20_000).ended).resolves.toBe('refused');
    expect(waits.waiting).toBe(0);
  });

  it('an arrival after a wait ended changes nothing', async () => {
    const waits = new ArrivalWaits(10);
    const wait = waits.until('LN-1', 1_000);
    wait.cancel();
    waits.arrived('LN-1');
    await expect(wait.ended).resolves.toBe('timed-out');
    expect(waits.waiting).toBe(0);
  });
});
