import type { AuditAct, AuditTrail } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import type { UserEntity } from '@loanflow/persistence';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { verifyPassword } from '../password';
import { PasswordChange } from './password-change';
import { PasswordChangeRecords, PasswordChangeTransaction } from './password-change-records';
import type { PasswordAttempt, PasswordCheck } from './password-check';

const CURRENT = 'Demo-password-2026';
const FRESH = 'Correct-horse-battery-9';
const ADDRESS = '10.20.30.40';
const USER_ID = '17';

interface State {
  hashes: Record<string, string>;
  audited: AuditAct[];
}

/** The register in memory: one user, 17, with the hash `old-hash`. A failed change keeps it. */
class FakePasswordChangeRecords extends PasswordChangeRecords {
  readonly register = new InMemoryTransactions<State>(
    { hashes: { [USER_ID]: 'old-hash' }, audited: [] },
    (state) => structuredClone(state),
  );
  auditFails = false;

  get state(): State {
    return this.register.state;
  }

  transaction<T>(work: (tx: PasswordChangeTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) =>
      work({
        setPasswordHash: async (userId, passwordHash) => {
          s.hashes[userId] = passwordHash;
        },
        audit: async (act) => {
          if (this.auditFails) throw new Error('audit chain head is locked');
          s.audited.push(act);
        },
      }),
    );
  }
}

const changer = staffPrincipal('zhou.changer', ['customer-manager'], 'SB-HZ-XH');

/**
 * The sign-in limits as the password check keeps them: `limited` refuses before any check, and
 * a current password other than CURRENT is wrong.
 */
function passwordCheck(limited?: DomainError) {
  const attempts: PasswordAttempt[] = [];
  const check = {
    assertAllowed: async (_username: string, _address: string) => {
      if (limited) throw limited;
    },
    verify: async (attempt: PasswordAttempt) => {
      attempts.push(attempt);
      return attempt.password === CURRENT ? ({ id: USER_ID } as UserEntity) : null;
    },
  };
  return { check: check as unknown as PasswordCheck, attempts };
}

function changeWith(limited?: DomainError) {
  const records = new FakePasswordChangeRecords();
  const { check, attempts } = passwordCheck(limited);
  const refused: AuditAct[] = [];
  const audit = {
    record: async (act: AuditAct) => {
      refused.push(act);
    },
  } as unknown as AuditTrail;
  return { change: new PasswordChange(check, audit, records), records, attempts, refused };
}

describe('a signed-in user changing their own password', () => {
  it('keeps the new password’s hash and audits the change in the same transaction', async () => {
    const { change, records, attempts } = changeWith();
    await change.change(changer, CURRENT, FRESH, ADDRESS);
    const stored = records.state.hashes[USER_ID] ?? null;
    expect(await verifyPassword(FRESH, stored)).toBe(true);
    expect(await verifyPassword(CURRENT, stored)).toBe(false);
    expect(records.state.audited).toEqual([
      {
        actor: { username: 'zhou.changer', roles: ['customer-manager'], orgUnitCode: 'SB-HZ-XH' },
        action: 'auth.password-change',
        outcome: 'ok',
      },
    ]);
    // The current password is checked under the sign-in limits, as the user, from their address.
    expect(attempts).toEqual([
      expect.objectContaining({
        username: 'zhou.changer',
        password: CURRENT,
        address: ADDRESS,
        action: 'auth.password-change',
        refusedReason: 'the current password was wrong',
      }),
    ]);
  });

  it('refuses a new password against the policy on the field, every reason at once, checking nothing', async () => {
    const { change, records, attempts, refused } = changeWith();
    await expect(
      change.change(changer, CURRENT, 'zhou.changer', ADDRESS),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      message: 'The new password does not meet the policy.',
      details: {
        fieldErrors: [
          {
            field: 'newPassword',
            reasons: ['must not be the user name'],
          },
        ],
      },
    });
    await expect(change.change(changer, 'short', 'short', ADDRESS)).rejects.toThrowDomainError(
      'VALIDATION_FAILED',
      {
        details: {
          fieldErrors: [
            {
              field: 'newPassword',
              reasons: ['must be at least 12 characters', 'must differ from the current password'],
            },
          ],
        },
      },
    );
    // A bad new password costs no guess at the current one.
    expect(attempts).toEqual([]);
    expect(refused).toEqual([]);
    expect(records.state).toEqual({ hashes: { [USER_ID]: 'old-hash' }, audited: [] });
  });

  it('refuses while the user name is locked or throttled, audited, before the current password is checked', async () => {
    const locked = new DomainError(
      'ACCOUNT_LOCKED',
      'Too many failed sign-ins for this user name.',
      {
        retryAfterSeconds: 600,
      },
    );
    const { change, records, attempts, refused } = changeWith(locked);
    await expect(change.change(changer, CURRENT, FRESH, ADDRESS)).rejects.toThrowDomainError(
      'ACCOUNT_LOCKED',
      { details: { retryAfterSeconds: 600 } },
    );
    expect(attempts).toEqual([]);
    expect(refused).toEqual([
      {
        actor: { username: 'zhou.changer', roles: ['customer-manager'], orgUnitCode: 'SB-HZ-XH' },
        action: 'auth.password-change',
        outcome: 'refused',
        reason: 'refused before checking: Too many failed sign-ins for this user name.',
      },
    ]);
    expect(records.state.hashes[USER_ID]).toBe('old-hash');
  });

  it('refuses a wrong current password and keeps the old one', async () => {
    const { change, records, attempts } = changeWith();
    await expect(
      change.change(changer, 'not-the-password', FRESH, ADDRESS),
    ).rejects.toThrowDomainError('CURRENT_PASSWORD_WRONG', {
      message: 'The current password is wrong.',
    });
    // The check itself counted and audited the wrong guess; the change writes nothing.
    expect(attempts).toHaveLength(1);
    expect(records.state).toEqual({ hashes: { [USER_ID]: 'old-hash' }, audited: [] });
  });

  it('keeps the old password when the audit row cannot be written', async () => {
    const { change, records } = changeWith();
    records.auditFails = true;
    await expect(change.change(changer, CURRENT, FRESH, ADDRESS)).rejects.toThrow(
      'audit chain head is locked',
    );
    expect(records.state.hashes[USER_ID]).toBe('old-hash');
  });
});
