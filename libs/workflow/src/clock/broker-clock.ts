/**
 * The broker's clock, through its management API. Only a broker started with
 * ZEEBE_CLOCK_CONTROLLED=true (the stack's test, bench and cluster profiles) lets it be moved. The
 * clock is shared by every instance on that broker and moving it also expires activated jobs'
 * deadlines.
 *
 * A cluster has one clock per broker: `managementUrl` may list them, comma separated. Moving time
 * then sets every broker to the same target (the furthest clock plus the offset), so a broker that
 * restarted (its clock back at the system time) is brought in line on the next move.
 */
export class BrokerClock {
  private readonly urls: string[];

  constructor(managementUrl: string) {
    this.urls = managementUrl
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean);
    if (this.urls.length === 0) throw new Error('BrokerClock needs a management URL');
  }

  /** The furthest clock of the brokers that answer (one, for a single broker). */
  async now(): Promise<Date> {
    return new Date(Math.max(...(await this.readAll()).map((clock) => clock.at)));
  }

  /** Moves the clock forward by `ms`; timers due by then fire on the broker's next timer sweep. */
  async advance(ms: number): Promise<Date> {
    if (!Number.isInteger(ms) || ms <= 0)
      throw new Error(`clock offset must be a positive whole number of ms, got ${ms}`);
    const [only] = this.urls;
    if (only !== undefined && this.urls.length === 1) {
      const body = await this.call(only, 'POST', '/add', { offsetMilli: ms });
      return new Date(body.epochMilli);
    }
    const clocks = await this.readAll();
    const target = Math.max(...clocks.map((clock) => clock.at)) + ms;
    const moved = await Promise.all(
      clocks.map(({ url, at }) =>
        this.call(url, 'POST', '/add', { offsetMilli: Math.max(1, target - at) }),
      ),
    );
    return new Date(Math.max(...moved.map((body) => body.epochMilli)));
  }

  /**
   * Brings every broker to the furthest one (a restarted broker's clock is back at the system time);
   * true when one had to move.
   */
  async align(): Promise<boolean> {
    const clocks = await this.readAll();
    const target = Math.max(...clocks.map((clock) => clock.at));
    // A second of slack: the reads themselves take a moment.
    const behind = clocks.filter((clock) => target - clock.at > 1000);
    await Promise.all(
      behind.map(({ url, at }) => this.call(url, 'POST', '/add', { offsetMilli: target - at })),
    );
    return behind.length > 0;
  }

  /** Stops the clock at `at` (forward or back); it stays there until moved or reset. */
  async pin(at: Date): Promise<Date> {
    const moved = await Promise.all(
      this.urls.map((url) => this.call(url, 'POST', '/pin', { epochMilli: at.getTime() })),
    );
    return new Date(Math.max(...moved.map((body) => body.epochMilli)));
  }

  /** Back to the system clock. */
  async reset(): Promise<void> {
    await Promise.all(this.urls.map((url) => this.call(url, 'DELETE')));
  }

  /** Each broker's clock, read now. */
  private async readAll(): Promise<{ url: string; at: number }[]> {
    return Promise.all(
      this.urls.map(async (url) => ({ url, at: (await this.call(url, 'GET')).epochMilli })),
    );
  }

  private async call(
    url: string,
    method: string,
    path = '',
    payload?: unknown,
  ): Promise<{ epochMilli: number }> {
    const response = await fetch(`${url}/actuator/clock${path}`, {
      method,
      headers: payload ? { 'content-type': 'application/json' } : undefined,
      body: payload ? JSON.stringify(payload) : undefined,
    });
    if (!response.ok) {
      const hint =
        response.status === 404 || response.status === 405
          ? ' (is the broker started with ZEEBE_CLOCK_CONTROLLED=true?)'
          : '';
      throw new Error(
        `broker clock ${method} ${url}${path || '/'} answered ${response.status}${hint}`,
      );
    }
    return method === 'DELETE'
      ? { epochMilli: Date.now() }
      : ((await response.json()) as { epochMilli: number });
  }
}
