import type { AuditAct, AuditTrail } from '@loanflow/audit';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { UserRoleRecords, UserRoleTransaction } from './user-role-records';
import { UserRoles } from './user-roles';

interface State {
  /** Each user's roles by user id. */
  roles: Record<string, string[]>;
  audited: AuditAct[];
}

const USERS: Record<string, string> = { 'ma.mortgage': '31', 'zhou.cm': '32', 'new.hire': '33' };

/** Users' posts in memory: a grant that fails leaves every role as it was. */
class FakeUserRoleRecords extends UserRoleRecords {
  readonly register = new InMemoryTransactions<State>(
    {
      roles: { '31': ['mortgage-clerk'], '32': ['reviewer', 'customer-manager'], '33': [] },
      audited: [],
    },
    (state) => structuredClone(state),
  );
  auditFails = false;

  get state(): State {
    return this.register.state;
  }

  async userId(username: string) {
    return USERS[username] ?? null;
  }

  transaction<T>(work: (tx: UserRoleTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) =>
      work({
        roles: async (userId) => [...(s.roles[userId] ?? [])],
        replaceRoles: async (userId, roles) => {
          s.roles[userId] = [...roles];
        },
        audit: async (act) => {
          if (this.auditFails) throw new Error('audit chain head is locked');
          s.audited.push(act);
        },
      }),
    );
  }
}

const admin = staffPrincipal('admin', ['admin'], 'HO', '/HO/');
const adminActor = { username: 'admin', roles: ['admin'], orgUnitCode: 'HO' };

function rolesWith(records = new FakeUserRoleRecords()) {
  const refused: AuditAct[] = [];
  const audit = {
    record: async (act: AuditAct) => {
      refused.push(act);
    },
  } as unknown as AuditTrail;
  return { userRoles: new UserRoles(records, audit), records, refused };
}

describe('an administrator granting a user’s posts', () => {
  it('replaces the user’s roles with the set asked for, once each and sorted, audited before → after', async () => {
    const { userRoles, records, refused } = rolesWith();
    const granted = await userRoles.replace(admin, 'zhou.cm', [
      'reviewer',
      'customer-manager',
      'collection-officer',
      'reviewer',
    ]);
    expect(granted).toEqual(['collection-officer', 'customer-manager', 'reviewer']);
    expect(records.state.roles['32']).toEqual(granted);
    expect(records.state.audited).toEqual([
      {
        actor: adminActor,
        action: 'user.roles',
        outcome: 'ok',
        inputs: { username: 'zhou.cm', roles: granted },
        reason:
          'zhou.cm: customer-manager, reviewer → collection-officer, customer-manager, reviewer',
      },
    ]);
    expect(refused).toEqual([]);
  });

  it('refuses posts one person may not hold, audits the refusal, and changes nothing', async () => {
    const { userRoles, records, refused } = rolesWith();
    await expect(
      userRoles.replace(admin, 'ma.mortgage', ['reviewer', 'mortgage-clerk']),
    ).rejects.toThrowDomainError('INCOMPATIBLE_ROLES', {
      message: /^one person may not hold both /,
      detailsIncluding: { roles: ['mortgage-clerk', 'reviewer'] },
    });
    expect(records.state.roles['31']).toEqual(['mortgage-clerk']);
    expect(records.state.audited).toEqual([]);
    expect(refused).toEqual([
      {
        actor: adminActor,
        action: 'user.roles',
        outcome: 'refused',
        inputs: { username: 'ma.mortgage', roles: ['mortgage-clerk', 'reviewer'] },
        reason: expect.stringMatching(
          /^ma\.mortgage → mortgage-clerk, reviewer: INCOMPATIBLE_ROLES: one person may not hold both /,
        ) as unknown,
      },
    ]);
  });

  it('refuses a technical role alongside a business post', async () => {
    const { userRoles, records } = rolesWith();
    await expect(
      userRoles.replace(admin, 'zhou.cm', ['admin', 'customer-manager']),
    ).rejects.toThrowDomainError('INCOMPATIBLE_ROLES');
    expect(records.state.roles['32']).toEqual(['reviewer', 'customer-manager']);
  });

  it('refuses a user who does not exist, before any rule or write', async () => {
    const { userRoles, records, refused } = rolesWith();
    await expect(
      userRoles.replace(admin, 'ghost', ['mortgage-clerk', 'reviewer']),
    ).rejects.toThrowDomainError('USER_NOT_FOUND', { message: 'There is no user ghost.' });
    expect(refused).toEqual([]);
    expect(records.state.audited).toEqual([]);
  });

  it('takes every post away with an empty set, and grants a first one, naming “no roles”', async () => {
    const { userRoles, records } = rolesWith();
    expect(await userRoles.replace(admin, 'ma.mortgage', [])).toEqual([]);
    expect(await userRoles.replace(admin, 'new.hire', ['customer-manager'])).toEqual([
      'customer-manager',
    ]);
    expect(records.state.roles).toMatchObject({ '31': [], '33': ['customer-manager'] });
    expect(records.state.audited.map((a) => a.reason)).toEqual([
      'ma.mortgage: mortgage-clerk → no roles',
      'new.hire: no roles → customer-manager',
    ]);
  });

  it('keeps the old roles when the audit row cannot be written', async () => {
    const records = new FakeUserRoleRecords();
    records.auditFails = true;
    const { userRoles } = rolesWith(records);
    await expect(userRoles.replace(admin, 'zhou.cm', ['customer-manager'])).rejects.toThrow(
      'audit chain head is locked',
    );
    expect(records.state.roles['32']).toEqual(['reviewer', 'customer-manager']);
  });
});
