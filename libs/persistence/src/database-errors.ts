import { QueryFailedError } from 'typeorm';

/** MySQL/MariaDB refused an insert because a row with that unique key exists. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string })?.code === 'ER_DUP_ENTRY'
  );
}
