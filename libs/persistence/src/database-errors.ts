import { QueryFailedError } from 'typeorm';

/** MySQL/MariaDB refused an insert because a row with that unique key exists. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string })?.code === 'ER_DUP_ENTRY'
  );
}

/**
 * InnoDB gave up a transaction because of another's locks (a deadlock, or a lock not granted in
 * time). The transaction was rolled back whole; running it again is the documented remedy.
 */
export function isLockConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string })?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/**
 * A `NOWAIT` locking read found the row locked by another transaction (MariaDB reports it as a
 * lock wait timeout, MySQL 8 as ER_LOCK_NOWAIT).
 */
export function isRowLockedElsewhere(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string })?.code;
  return code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'ER_LOCK_NOWAIT';
}

/**
 * Runs `work` (one whole transaction) again when InnoDB rolled it back for a lock conflict, up to
 * `attempts` times, with a short random pause so two rivals do not meet again in step. `mayRetry`
 * lets a caller refuse a retry once the work has had an effect outside the database.
 */
export async function retryingLockConflicts<T>(
  work: () => Promise<T>,
  mayRetry: () => boolean = () => true,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isLockConflict(error) || !mayRetry()) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
    }
  }
}
