/**
 * What a failed CompleteJob says about the job, read from the gRPC status the gateway answered with
 * (the Zeebe client keeps it in `code` and `details`).
 *
 * - gone: the engine no longer has the job (completed, cancelled, or never activated by us).
 * - rejected: the broker refused the command itself (bad variables, job not in a completable state):
 *   it certainly did not complete it.
 * - busy: the broker is under backpressure and refused it: certainly not completed.
 * - unreachable: no connection was made: certainly not completed.
 * - unknown: the request may have reached the broker (deadline passed, connection dropped); only the
 *   engine's records can tell.
 */
export type EngineAnswer =
  | { kind: 'gone' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'busy' }
  | { kind: 'unreachable' }
  | { kind: 'unknown' };

const GRPC = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  FAILED_PRECONDITION: 9,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
} as const;

export function engineAnswerOf(error: unknown): EngineAnswer {
  const { code, details, message } = (error ?? {}) as {
    code?: number | string;
    details?: string;
    message?: string;
  };
  const text = `${details ?? ''} ${message ?? ''}`;
  if (code === GRPC.NOT_FOUND || code === 'NOT_FOUND') return { kind: 'gone' };
  if (code === GRPC.INVALID_ARGUMENT || code === GRPC.FAILED_PRECONDITION)
    return { kind: 'rejected', reason: (details || message || 'refused by the engine').trim() };
  if (code === GRPC.RESOURCE_EXHAUSTED) return { kind: 'busy' };
  if (
    code === GRPC.UNAVAILABLE &&
    /No connection established|ECONNREFUSED|failed to connect|Name resolution failed/i.test(text)
  )
    return { kind: 'unreachable' };
  if (code === undefined && /NOT_FOUND/.test(text)) return { kind: 'gone' };
  return { kind: 'unknown' };
}
