import { QueryFailedError } from 'typeorm';
import { isLockConflict, retryingLockConflicts } from './database-errors';

const failed = (code: string) =>
  new QueryFailedError('UPDATE t SET x = 1', [], Object.assign(new Error(code), { code }));

describe('a transaction rolled back over locks is run again', () => {
  it('knows a deadlock and a lock wait timeout from other failures', () => {
    expect(isLockConflict(failed('ER_LOCK_DEADLOCK'))).toBe(true);
    expect(isLockConflict(failed('ER_LOCK_WAIT_TIMEOUT'))).toBe(true);
    expect(isLockConflict(failed('ER_DUP_ENTRY'))).toBe(false);
    expect(isLockConflict(new Error('ER_LOCK_DEADLOCK'))).toBe(false);
  });

  it('retries a conflict until the work succeeds, within the attempts', async () => {
    let runs = 0;
    const result = await retryingLockConflicts(async () => {
      runs += 1;
      if (runs < 3) throw failed('ER_LOCK_DEADLOCK');
      return 'done';
    });
    expect(result).toBe('done');
    expect(runs).toBe(3);
  });

  it('gives up after the last attempt, at once on other errors, and when told not to', async () => {
    let runs = 0;
    const always = () => {
      runs += 1;
      return Promise.reject(failed('ER_LOCK_DEADLOCK'));
    };
    await expect(retryingLockConflicts(always, () => true, 2)).rejects.toThrow(QueryFailedError);
    expect(runs).toBe(2);

    runs = 0;
    await expect(
      retryingLockConflicts(() => {
        runs += 1;
        return Promise.reject(failed('ER_DUP_ENTRY'));
      }),
    ).rejects.toThrow(QueryFailedError);
    expect(runs).toBe(1);

    runs = 0;
    await expect(retryingLockConflicts(always, () => false)).rejects.toThrow(QueryFailedError);
    expect(runs).toBe(1);
  });
});
