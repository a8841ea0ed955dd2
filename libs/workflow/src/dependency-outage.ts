/** A part the api cannot answer without; while one is away the api says so and when to retry. */
export type Dependency = 'database' | 'redis' | 'broker';

/** Seconds a client should wait before retrying a request refused for an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures: the peer is not there, went away, or does not answer. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * MySQL/MariaDB driver codes for a server that is away, refuses connections, or rolled the
 * statement's transaction back over another's locks (a lock wait timed out, a deadlock): each
 * succeeds when tried again shortly, so the api answers 503 and a job keeps its retries.
 */
const DATABASE_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
]);

/** gRPC status codes the broker's gateway answers with while it cannot serve. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/**
 * Which dependency an error says is away, or null for any other failure. Read from the error's
 * class and codes as the clients raise them (mysql2 through TypeORM, ioredis, the Zeebe gRPC
 * client), never from a message a user could have written.
 */
export function outageOf(error: unknown, depth = 0): Dependency | null {
  if (typeof error !== 'object' || error === null || depth > 3) return null;
  const { name, code, message, driverError, cause } = error as ErrorLike;
  if (name === 'MaxRetriesPerRequestError') return 'redis';
  // ioredis, when its connection is down and the command cannot be queued.
  if (message === 'Connection is closed.') return 'redis';
  if (driverError) return outageOf(driverError, depth + 1) ?? null;
  if (typeof code === 'string' && DATABASE_CODES.has(code)) return 'database';
  if (typeof code === 'string' && SOCKET_CODES.has(code))
    return 'fatal' in error || 'sqlMessage' in error ? 'database' : null;
  if ((code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) && 'details' in error)
    return 'broker';
  return cause ? outageOf(cause, depth + 1) : null;
}
