/** Why a wait for a new task ended. */
export type WaitEnd = 'arrived' | 'timed-out' | 'refused';

interface Waiter {
  loan: string | null;
  end: (why: WaitEnd) => void;
}

/** One wait: how it ended, and a way to drop it when the caller no longer needs it. */
export interface ArrivalWait {
  ended: Promise<WaitEnd>;
  cancel(): void;
}

/**
 * Requests waiting for a task to be filed in the inbox, by the loan they watch (or any loan). An
 * arrival ends the waits that watch its loan and every wait that watches no loan; a wait no arrival
 * ends times out. What arrived is not handed over: a wait only says "look again", and the reader's
 * own query, with the reader's own rights, decides what they see.
 */
export class ArrivalWaits {
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  /** At most `capacity` waits at once: past it a wait ends at once ('refused') and the caller answers what it has. */
  constructor(private readonly capacity: number) {}

  get waiting(): number {
    return this.waiters.size;
  }

  /**
   * Ends at the next arrival for `loan` (any loan when null), or after `ms`. Taken before the
   * caller looks, so a task filed while it looks is not missed.
   */
  until(loan: string | null, ms: number): ArrivalWait {
    if (this.closed || this.waiters.size >= this.capacity || ms <= 0)
      return { ended: Promise.resolve(ms <= 0 ? 'timed-out' : 'refused'), cancel: () => undefined };
    let resolve: (why: WaitEnd) => void = () => undefined;
    const ended = new Promise<WaitEnd>((settle) => (resolve = settle));
    const waiter: Waiter = {
      loan,
      end: (why) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(why);
      },
    };
    const timer = setTimeout(() => waiter.end('timed-out'), ms);
    this.waiters.add(waiter);
    return { ended, cancel: () => waiter.end('timed-out') };
  }

  /** A task of `loan` (null: of no loan) was filed. */
  arrived(loan: string | null): void {
    for (const waiter of [...this.waiters])
      if (waiter.loan === null || waiter.loan === loan) waiter.end('arrived');
  }

  /** Every wait ends now and no new one waits: the process is stopping. */
  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.end('refused');
  }
}
