/**
 * A register's state in memory, for the fakes of unit specs: a transaction works on a copy that
 * replaces the state only when the work succeeds (a rolled-back transaction leaves nothing), and
 * `once` keeps each effect's result as IdempotencyService does, so a second delivery replays it.
 */
export class InMemoryTransactions<S> {
  private readonly results = new Map<string, unknown>();

  constructor(
    public state: S,
    private readonly copy: (state: S) => S,
  ) {}

  async run<T>(work: (next: S) => Promise<T>): Promise<T> {
    const next = this.copy(this.state);
    const result = await work(next);
    this.state = next;
    return result;
  }

  async once<T>(
    effect: string,
    work: (next: S) => Promise<T>,
  ): Promise<{ result: T; replayed: boolean }> {
    if (this.results.has(effect)) return { result: this.results.get(effect) as T, replayed: true };
    const result = await this.run(work);
    this.results.set(effect, result);
    return { result, replayed: false };
  }
}
