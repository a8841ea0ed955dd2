import { eventually } from './eventually';

describe('eventually', () => {
  it('returns the first value that is as wanted', async () => {
    let reads = 0;
    const value = await eventually(
      async () => ++reads,
      (n) => n >= 3,
      { intervalMs: 1 },
    );
    expect(value).toBe(3);
    expect(reads).toBe(3);
  });

  it("fails at the deadline naming the check's source and the last value read", async () => {
    await expect(
      eventually(
        async () => ({ items: ['task-1'] }),
        (page) => page.items.length === 0,
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow(
      /^waited 0\.0 s for \(page\) => page\.items\.length === 0; the last value read: \{"items":\["task-1"\]\}$/,
    );
  });

  it('says what it waited for in the words given, and shows a response as its status and body', async () => {
    const response = { status: 404, body: { code: 'LOAN_NOT_FOUND' }, req: { huge: true } };
    await expect(
      eventually(
        async () => response,
        (r) => r.status === 200,
        { timeoutMs: 10, intervalMs: 5, what: 'the loan to be registered' },
      ),
    ).rejects.toThrow(
      'for the loan to be registered; the last value read: {"status":404,"body":{"code":"LOAN_NOT_FOUND"}}',
    );
  });

  it('takes a bare number as the timeout', async () => {
    const started = Date.now();
    await expect(
      eventually(
        async () => 0,
        (n) => n > 0,
        30,
      ),
    ).rejects.toThrow('waited 0.0 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
  });
});
