/**
 * A failure no retry can mend (a worker bug, a permanently refused request): the job goes straight
 * to an incident with this message, for an operator to read, fix and retry.
 */
export class NonRetryableJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonRetryableJobError';
  }
}

/**
 * A record the job needs is being written by a person's task completion the broker has accepted but
 * the database has not committed yet (the completion's effects commit just after the broker's yes,
 * and the next job can start in between; after a crash the outbox's sweeper commits them). Not a
 * failure of the job: it is tried again shortly with its retries kept.
 */
export class RecordPendingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordPendingError';
  }
}
