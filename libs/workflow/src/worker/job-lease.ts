/**
 * How long the broker lets a worker hold a job before giving it to another, at a time. A job whose
 * worker declares a longer budget (a run over the whole book, a slow outside system) is activated
 * for one lease and renewed while its handler runs, up to its budget.
 *
 * Why not activate it for its whole budget: the broker can activate a job for a poll whose answer
 * never reaches the worker (a race in the gateway's long polling, most often when the broker's clock
 * moves and many polls end at once; camunda/camunda#5925, #9221). Nothing then runs the job until
 * its timeout passes. Measured in the portfolio bench: the day's bureau refresh (budget five
 * minutes) was activated at 02:00:00.185, never started, timed out at 02:05:00.847 and then ran in
 * 0.7 s. With a lease, such a loss costs the lease, not the budget.
 */
export const JOB_LEASE_MS = 20_000;

/**
 * A job's budget unless its worker declares one. Short, because a worker process that dies holding
 * jobs leaves them to wait out their hold before another worker gets them (jobs that arrive while
 * it closes are handed back at once: giveBackJobsWhileClosing). Workers that call slow systems or
 * work through the book declare a longer one, and are renewed lease by lease.
 */
export const DEFAULT_JOB_TIMEOUT_MS = 20_000;

/** Sends the renewal to the broker (UpdateJobTimeout): the job's deadline becomes now + timeout. */
export type RenewJob = (jobKey: string, timeoutMs: number) => Promise<void>;

export interface JobLeaseTerms {
  /** One lease, in ms. */
  readonly leaseMs: number;
  /** The worker's declared budget for the job, in ms: never renewed past it. */
  readonly budgetMs: number;
}

/** The timeout a job is activated with: one lease, or the whole budget when it is shorter. */
export function activationTimeout({ leaseMs, budgetMs }: JobLeaseTerms): number {
  return Math.min(leaseMs, budgetMs);
}

/**
 * True when the broker refused a renewal because this activation is over: the job is gone
 * (NOT_FOUND: completed or cancelled) or no longer activated (FAILED_PRECONDITION: its hold ran
 * out, e.g. when the broker's clock moved past it, and it waits for a worker again).
 */
export function activationIsOver(error: Error): boolean {
  const code = (error as Error & { code?: unknown }).code;
  return code === 5 || code === 9 || /^(5 NOT_FOUND|9 FAILED_PRECONDITION)\b/.test(error.message);
}

/**
 * Renews the job's hold every half lease while its handler runs, until the budget is spent; the
 * returned function stops it (call it before the outcome goes to the broker). A renewal the broker
 * refuses is reported; the next one is tried after a passing failure (the gateway unavailable),
 * and none after the broker said this activation is over. A job given to another worker meanwhile
 * is then worked twice, which every handler already allows (idempotent by job and loan).
 */
export function holdWhileRunning(
  jobKey: string,
  terms: JobLeaseTerms,
  renew: RenewJob,
  onRefused: (error: Error) => void,
): () => void {
  if (terms.budgetMs <= terms.leaseMs) return () => undefined;
  const began = Date.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(tick, terms.leaseMs / 2);
    timer.unref?.();
  };
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
  const tick = () => {
    if (stopped) return;
    const left = terms.budgetMs - (Date.now() - began);
    if (left <= 0) return;
    const timeout = Math.min(terms.leaseMs, left);
    renew(jobKey, timeout).catch((error: Error) => {
      if (stopped) return;
      onRefused(error);
      if (activationIsOver(error)) stop();
    });
    if (timeout === terms.leaseMs) schedule();
  };
  schedule();
  return stop;
}
