/**
 * The broker's clock, through its management API. Only a broker started with
 * ZEEBE_CLOCK_CONTROLLED=true (the stack's test profile) lets it be moved. The clock is shared by
 * every instance on that broker and moving it also expires activated jobs' deadlines.
 */
export class BrokerClock {
  constructor(private readonly managementUrl: string) {}

  async now(): Promise<Date> {
    const body = await this.call('GET');
    return new Date(body.epochMilli);
  }

  /** Moves the clock forward by `ms`; timers due by then fire on the broker's next timer sweep. */
  async advance(ms: number): Promise<Date> {
    if (!Number.isInteger(ms) || ms <= 0)
      throw new Error(`clock offset must be a positive whole number of ms, got ${ms}`);
    const body = await this.call('POST', '/add', { offsetMilli: ms });
    return new Date(body.epochMilli);
  }

  /** Stops the clock at `at` (forward or back); it stays there until moved or reset. */
  async pin(at: Date): Promise<Date> {
    const body = await this.call('POST', '/pin', { epochMilli: at.getTime() });
    return new Date(body.epochMilli);
  }

  /** Back to the system clock. */
  async reset(): Promise<void> {
    await this.call('DELETE');
  }

  private async call(
    method: string,
    path = '',
    payload?: unknown,
  ): Promise<{ epochMilli: number }> {
    const response = await fetch(`${this.managementUrl}/actuator/clock${path}`, {
      method,
      headers: payload ? { 'content-type': 'application/json' } : undefined,
      body: payload ? JSON.stringify(payload) : undefined,
    });
    if (!response.ok) {
      const hint =
        response.status === 404 || response.status === 405
          ? ' (is the broker started with ZEEBE_CLOCK_CONTROLLED=true?)'
          : '';
      throw new Error(`broker clock ${method} ${path || '/'} answered ${response.status}${hint}`);
    }
    return method === 'DELETE'
      ? { epochMilli: Date.now() }
      : ((await response.json()) as { epochMilli: number });
  }
}
