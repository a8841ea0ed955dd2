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
