import { DOMAIN_ERROR_CODE, isDomainError } from '@loanflow/domain';
import { outageOf } from '../dependency-outage';
import { NonRetryableJobError, RecordPendingError } from './job-errors';
import type { JobVariables, RetryBackoff } from './job-worker.types';

export type JobOutcome =
  | { kind: 'completed'; variables: JobVariables }
  | { kind: 'bpmn_error'; code: string; message: string; variables: JobVariables }
  | { kind: 'failed' | 'invalid_input'; message: string; retries: number; backoffMs: number };

export const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 1000, maxMs: 60_000 };

/** How soon a job refused for a dependency's outage is tried again (its retries kept). */
export const OUTAGE_BACKOFF_MS = 5000;

/** How soon a job waiting for a completion's record to commit is tried again (its retries kept). */
export const RECORD_PENDING_BACKOFF_MS = 2000;

/** Zeebe's default retries on a service task; used to count attempts from the retries left. */
const DEFAULT_JOB_RETRIES = 3;

/** Exponential backoff: initial, 2x, 4x ... capped, growing as the retries left shrink. */
export function backoffFor(retriesLeft: number, backoff: RetryBackoff): number {
  const attempt = Math.max(0, DEFAULT_JOB_RETRIES - retriesLeft);
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
}

export function invalidInput(type: string, problems: string[]): JobOutcome {
  return {
    kind: 'invalid_input',
    message: `Invalid input for ${type}: ${problems.join('; ')}`,
    retries: 0,
    backoffMs: 0,
  };
}

/** What the handler returned, checked against the variables it declared it writes. */
export function outcomeOfResult(
  type: string,
  result: unknown,
  outputs: readonly string[] | undefined,
): JobOutcome {
  if (result === undefined || result === null) return { kind: 'completed', variables: {} };
  if (typeof result !== 'object' || Array.isArray(result)) {
    return contractBreach(
      type,
      `its handler returned ${Array.isArray(result) ? 'an array' : typeof result}, not variables`,
    );
  }
  const undeclared = Object.keys(result).filter((name) => !(outputs ?? []).includes(name));
  if (undeclared.length > 0) {
    return contractBreach(type, `its handler wrote undeclared variables ${undeclared.join(', ')}`);
  }
  return { kind: 'completed', variables: result as JobVariables };
}

/**
 * What the handler threw: a DomainError is a business outcome the model may catch (BPMN error of
 * the same code); a NonRetryableJobError goes to an incident at once; a dependency that is away
 * (the database, Redis or the broker refusing or dropping connections) keeps the job's retries
 * and tries again every few seconds, for an outage is nobody's fault in the job and must not end
 * in an incident someone has to retry by hand once it is over; anything else is a failure retried
 * with backoff until the retries run out.
 */
export function outcomeOfError(
  error: unknown,
  retriesLeft: number,
  backoff: RetryBackoff,
): JobOutcome {
  if (isDomainError(error) && DOMAIN_ERROR_CODE.test(error.code)) {
    return {
      kind: 'bpmn_error',
      code: error.code,
      message: error.message,
      variables: { ...error.details },
    };
  }
  const message =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `non-error thrown: ${String(error)}`;
  if (error instanceof NonRetryableJobError) {
    return { kind: 'failed', message, retries: 0, backoffMs: 0 };
  }
  // Not the job's fault: tried again soon with the same retries, never an incident.
  const keepRetries = (text: string, waitMs: number): JobOutcome => ({
    kind: 'failed',
    message: text,
    retries: Math.max(1, retriesLeft),
    backoffMs: Math.min(backoff.maxMs, waitMs),
  });
  if (error instanceof RecordPendingError) return keepRetries(message, RECORD_PENDING_BACKOFF_MS);
  const away = outageOf(error);
  if (away) return keepRetries(`${away} unavailable (retries kept): ${message}`, OUTAGE_BACKOFF_MS);
  const retries = Math.max(0, retriesLeft - 1);
  return {
    kind: 'failed',
    message,
    retries,
    backoffMs: retries > 0 ? backoffFor(retriesLeft, backoff) : 0,
  };
}

function contractBreach(type: string, what: string): JobOutcome {
  return {
    kind: 'failed',
    message: `Worker contract breach in ${type}: ${what}`,
    retries: 0,
    backoffMs: 0,
  };
}
