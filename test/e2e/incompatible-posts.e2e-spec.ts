import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '@loanflow/persistence';
import { incompatibleRolePairs } from '@loanflow/domain';
import { DEMO_PASSWORD, DEMO_USERS } from '@loanflow/identity';
import { components } from '@loanflow/api-client';
import { httpOf, Staff, startApi } from '../support';

/** Posts the bank's rules forbid one person to hold: refused from the directory and an admin's change. */
describe('incompatible posts', () => {
  let api: INestApplication;
  let staff: Staff;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startApi();
    staff = new Staff(api);
    dataSource = api.get(DataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  const rolesOf = async (username: string) =>
    (
      await dataSource.query<{ role: string }[]>(
        `SELECT r.role FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = ? ORDER BY r.role`,
        [username],
      )
    ).map((row) => row.role);

  const setRoles = (roles: components['schemas']['UserRolesRequest']['roles'], username: string) =>
    staff.as('admin', (api) =>
      api.PUT('/api/admin/users/{username}/roles', {
        params: { path: { username } },
        body: { roles },
      }),
    );
  const codeOf = (response: request.Response) => (response.body as { code: string }).code;

  it('seeds a demo bank in which no one holds posts that may not be combined', () => {
    for (const user of DEMO_USERS)
      expect([user.username, incompatibleRolePairs(user.roles)]).toEqual([user.username, []]);
  });

  it('refuses an admin’s grant of reviewer to the mortgage clerk, audited, and changes nothing', async () => {
    const refused = await setRoles(['mortgage-clerk', 'reviewer'], 'ma.mortgage');
    expect(refused.response.status).toBe(403);
    expect(refused.error?.code).toBe('INCOMPATIBLE_ROLES');
    expect(await rolesOf('ma.mortgage')).toEqual(['mortgage-clerk']);
    const audit = await dataSource.getRepository(AuditEntryEntity).findOne({
      where: { action: 'user.roles', outcome: 'refused', actor: 'admin' },
      order: { id: 'DESC' },
    });
    expect(audit?.reason).toContain('ma.mortgage → mortgage-clerk, reviewer: INCOMPATIBLE_ROLES');
    // A combination the rules allow goes through, and back.
    const granted = await setRoles(
      ['customer-manager', 'reviewer', 'collection-officer'],
      'zhou.cm',
    );
    expect(granted.response.status).toBe(200);
    expect(await rolesOf('zhou.cm')).toEqual([
      'collection-officer',
      'customer-manager',
      'reviewer',
    ]);
    await setRoles(['customer-manager', 'reviewer'], 'zhou.cm');
    expect(await rolesOf('zhou.cm')).toEqual(['customer-manager', 'reviewer']);
  });

  it('refuses sign-in and every request to a user whose stored posts may not be combined', async () => {
    const token = await staff.token('song.archive');
    await dataSource.query(
      `INSERT INTO user_role (user_id, role) SELECT id, 'auditor' FROM app_user WHERE username = 'song.archive'`,
    );
    try {
      const me = await request(httpOf(api))
        .get('/api/auth/me')
        .set('authorization', `Bearer ${token}`);
      expect(me.status).toBe(403);
      expect(codeOf(me)).toBe('INCOMPATIBLE_ROLES');
      const login = await request(httpOf(api))
        .post('/api/auth/login')
        .send({ username: 'song.archive', password: DEMO_PASSWORD });
      expect(login.status).toBe(403);
      expect(codeOf(login)).toBe('INCOMPATIBLE_ROLES');
    } finally {
      await dataSource.query(
        `DELETE r FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = 'song.archive' AND r.role = 'auditor'`,
      );
    }
    const back = await request(httpOf(api))
      .post('/api/auth/login')
      .send({ username: 'song.archive', password: DEMO_PASSWORD });
    expect(back.status).toBe(200);
  });
});
