import type { components } from '@loanflow/api-client';
import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource, In, Like, MoreThan } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { DEMO_PASSWORD, hashPassword, RefusalAudit, tokenKeyId } from '@loanflow/identity';
import { AuditEntryEntity, UserEntity, UserRoleEntity } from '@loanflow/persistence';
import { httpOf, startApi } from '../support';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

/** The value that was once the default signing secret, written in the source. */
const OLD_DEVELOPMENT_SECRET = 'loanflow-development-only-secret-change-me';
const RUN = randomBytes(4).toString('hex');
const SECRET_A = randomBytes(48).toString('base64url');
const SECRET_B = randomBytes(48).toString('base64url');
/** This spec's own sign-in counters: its failures throttle no one else sharing the Redis. */
const PREFIX = `loanflow:authtest-${RUN}:login:`;
const USERS = {
  locked: `auth-lock-${RUN}`,
  throttled: `auth-throttle-${RUN}`,
  timing: `auth-timing-${RUN}`,
  changer: `auth-change-${RUN}`,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A token as the api signs its own, with what `omit` names left out and `kid` chosen. */
function ownToken(
  secret: string,
  options: { omit?: string[]; kid?: string | null; sub?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    sub: options.sub ?? 'admin',
    iss: 'loanflow',
    aud: 'loanflow-api',
    iat: now,
    exp: now + 600,
  };
  for (const claim of options.omit ?? []) delete claims[claim];
  const kid = options.kid === undefined ? tokenKeyId(secret) : options.kid;
  return new SignJWT(claims)
    .setProtectedHeader(kid === null ? { alg: 'HS256' } : { alg: 'HS256', kid })
    .sign(new TextEncoder().encode(secret));
}

describe('auth hardening on the real api, MySQL and Redis', () => {
  const saved = { ...process.env };
  let api: INestApplication;
  let redis: Redis;
  let dataSource: DataSource;

  const http = () => request(httpOf(api));
  const login = (username: string, password = DEMO_PASSWORD, app = api) =>
    request(httpOf(app)).post('/api/auth/login').send({ username, password });
  const me = (token: string, app = api) =>
    request(httpOf(app)).get('/api/auth/me').set('authorization', `Bearer ${token}`);
  const tokenOf = async (username: string, password = DEMO_PASSWORD) => {
    const response = await login(username, password);
    expect(response.status).toBe(200);
    return (response.body as { accessToken: string }).accessToken;
  };
  /** A wrong password that is actually checked: waits out a throttle the previous one started. */
  const failOnce = async (username: string) => {
    for (;;) {
      const response = await login(username, 'not-the-password');
      if (response.status !== 429) return response;
      await sleep(Number(response.headers['retry-after']) * 1000);
    }
  };
  const clearCounters = async () => {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
  };

  beforeAll(async () => {
    Object.assign(process.env, { AUTH_TOKEN_SECRET: SECRET_A, LOGIN_COUNTER_PREFIX: PREFIX });
    delete process.env.AUTH_TOKEN_PREVIOUS_SECRET;
    redis = new Redis(loadConfig().REDIS_URL);
    api = await startApi();
    dataSource = api.get(DataSource);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const username of Object.values(USERS)) {
      await dataSource.getRepository(UserEntity).insert({
        username,
        displayName: `Auth test ${username}`,
        orgUnitCode: 'SB-HZ-XH',
        passwordHash,
        active: true,
      });
      const { id } = await dataSource.getRepository(UserEntity).findOneByOrFail({ username });
      await dataSource
        .getRepository(UserRoleEntity)
        .insert({ userId: id, role: 'customer-manager' });
    }
  });

  beforeEach(clearCounters);

  afterAll(async () => {
    const users = await dataSource
      .getRepository(UserEntity)
      .findBy({ username: In(Object.values(USERS)) });
    await dataSource.getRepository(UserRoleEntity).delete({ userId: In(users.map((u) => u.id)) });
    await dataSource.getRepository(UserEntity).delete({ username: In(Object.values(USERS)) });
    await clearCounters();
    await api.close();
    redis.disconnect();
    process.env = saved;
  });

  describe('tokens', () => {
    it('refuses a token signed with the old development secret, as the test found it and complete', async () => {
      const asFound = await ownToken(OLD_DEVELOPMENT_SECRET, { omit: ['exp', 'iat'], kid: null });
      const complete = await ownToken(OLD_DEVELOPMENT_SECRET);
      const underOurKid = await ownToken(OLD_DEVELOPMENT_SECRET, { kid: tokenKeyId(SECRET_A) });
      for (const token of [asFound, complete, underOurKid]) {
        const response = await me(token);
        expect(response.status).toBe(401);
        expect((response.body as ErrorAnswer).code).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses a token without exp (or iat), and one whose kid names no active key', async () => {
      expect((await me(await ownToken(SECRET_A))).status).toBe(200);
      expect((await me(await ownToken(SECRET_A, { omit: ['exp'] }))).status).toBe(401);
      expect((await me(await ownToken(SECRET_A, { omit: ['iat'] }))).status).toBe(401);
      expect((await me(await ownToken(SECRET_A, { kid: 'no-such-key' }))).status).toBe(401);
      expect((await me(await ownToken(SECRET_A, { kid: null }))).status).toBe(401);
    });

    it('accepts the previous key during a rotation, and not after it', async () => {
      const before = await tokenOf('li.cm');
      process.env.AUTH_TOKEN_SECRET = SECRET_B;
      process.env.AUTH_TOKEN_PREVIOUS_SECRET = SECRET_A;
      const rotating = await startApi();
      delete process.env.AUTH_TOKEN_PREVIOUS_SECRET;
      const after = await startApi();
      process.env.AUTH_TOKEN_SECRET = SECRET_A;
      try {
        expect((await me(before, rotating)).status).toBe(200);
        const issued = await login('li.cm', DEMO_PASSWORD, rotating);
        const header = JSON.parse(
          Buffer.from(
            (issued.body as { accessToken: string }).accessToken.split('.')[0],
            'base64url',
          ).toString(),
        ) as { kid: string };
        expect(header.kid).toBe(tokenKeyId(SECRET_B));
        expect((await me((issued.body as { accessToken: string }).accessToken, after)).status).toBe(
          200,
        );
        expect((await me(before, after)).status).toBe(401);
      } finally {
        await rotating.close();
        await after.close();
      }
    });
  });

  describe('sign-in limits', () => {
    it('throttles after three failures with 429 and Retry-After, even the right password', async () => {
      for (let i = 0; i < 3; i++) expect((await failOnce(USERS.throttled)).status).toBe(401);
      const throttled = await login(USERS.throttled);
      expect(throttled.status).toBe(429);
      expect((throttled.body as ErrorAnswer).code).toBe('LOGIN_THROTTLED');
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((throttled.body as ErrorAnswer).details.retryAfterSeconds).toBe(
        Number(throttled.headers['retry-after']),
      );
      await sleep(Number(throttled.headers['retry-after']) * 1000);
      expect((await login(USERS.throttled)).status).toBe(200);
    });

    it('locks a name after five failures, refuses the right password, an admin lifts it', async () => {
      const ghost = `nobody-${RUN}`;
      const answers = { real: [] as number[], ghost: [] as number[] };
      for (let i = 0; i < 5; i++) {
        answers.real.push((await failOnce(USERS.locked)).status);
        answers.ghost.push((await failOnce(ghost)).status);
      }
      expect(answers.real).toEqual([401, 401, 401, 401, 401]);
      expect(answers.ghost).toEqual(answers.real);

      const locked = await login(USERS.locked);
      expect(locked.status).toBe(423);
      expect((locked.body as ErrorAnswer).code).toBe('ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      const ghostLocked = await login(ghost, 'anything');
      expect([ghostLocked.status, (ghostLocked.body as ErrorAnswer).code]).toEqual([
        423,
        'ACCOUNT_LOCKED',
      ]);
      expect((ghostLocked.body as ErrorAnswer).message).toBe((locked.body as ErrorAnswer).message);

      const admin = await tokenOf('admin');
      const lockouts = await http()
        .get('/api/admin/lockouts')
        .set('authorization', `Bearer ${admin}`);
      expect(lockouts.status).toBe(200);
      expect(
        (lockouts.body as { username: string }[]).map((l: { username: string }) => l.username),
      ).toEqual(expect.arrayContaining([USERS.locked, ghost]));
      const notAdmin = await tokenOf('li.cm');
      const refused = await http()
        .post(`/api/admin/users/${USERS.locked}/unlock`)
        .set('authorization', `Bearer ${notAdmin}`);
      expect([refused.status, (refused.body as ErrorAnswer).code]).toEqual([403, 'ROLE_REQUIRED']);

      const lifted = await http()
        .post(`/api/admin/users/${USERS.locked}/unlock`)
        .set('authorization', `Bearer ${admin}`);
      expect(lifted.status).toBe(200);
      expect(lifted.body).toEqual({ username: USERS.locked, wasLocked: true });
      expect((await login(USERS.locked)).status).toBe(200);

      const rows = await dataSource.getRepository(AuditEntryEntity).find({
        where: { action: In(['auth.lockout', 'auth.unlock']), reason: Like(`%${USERS.locked}%`) },
        order: { id: 'ASC' },
      });
      expect(rows.map((row) => [row.action, row.actor])).toEqual([
        ['auth.lockout', USERS.locked],
        ['auth.unlock', 'admin'],
      ]);
    });

    it('answers an unknown user like a wrong password: same status, code, message and time', async () => {
      const timed = async (username: string) => {
        await clearCounters();
        const started = performance.now();
        const response = await login(username, 'Wrong-password-1');
        return { ms: performance.now() - started, response };
      };
      await timed(USERS.timing); // warm up both paths
      await timed(`unknown-${RUN}`);
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 10; i++) {
        const a = await timed(USERS.timing);
        const b = await timed(`unknown-${RUN}-${i}`);
        expect([
          b.response.status,
          (b.response.body as ErrorAnswer).code,
          (b.response.body as ErrorAnswer).message,
        ]).toEqual([
          a.response.status,
          (a.response.body as ErrorAnswer).code,
          (a.response.body as ErrorAnswer).message,
        ]);
        expect(a.response.status).toBe(401);
        wrong.push(a.ms);
        unknown.push(b.ms);
      }
      const ratio = median(unknown) / median(wrong);
      console.log(
        `sign-in refusal medians: wrong password ${median(wrong).toFixed(1)} ms, unknown user ${median(unknown).toFixed(1)} ms (ratio ${ratio.toFixed(2)})`,
      );
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.6);
    });
  });

  describe('password change', () => {
    it('checks the current password and the policy; the new one signs in, old tokens live on', async () => {
      const token = await tokenOf(USERS.changer);
      const change = (body: object, bearer = token) =>
        http().post('/api/auth/password').set('authorization', `Bearer ${bearer}`).send(body);
      const fresh = 'Correct-horse-battery-9';

      expect((await http().post('/api/auth/password').send({})).status).toBe(401);
      const wrong = await change({ currentPassword: 'not-it', newPassword: fresh });
      expect([wrong.status, (wrong.body as ErrorAnswer).code]).toEqual([
        403,
        'CURRENT_PASSWORD_WRONG',
      ]);
      const weak = await change({ currentPassword: DEMO_PASSWORD, newPassword: 'short' });
      expect([weak.status, (weak.body as ErrorAnswer).code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((weak.body as ErrorAnswer).fieldErrors).toEqual([
        { field: 'newPassword', reasons: ['must be at least 12 characters'] },
      ]);
      const same = await change({ currentPassword: DEMO_PASSWORD, newPassword: USERS.changer });
      expect((same.body as ErrorAnswer).fieldErrors[0].reasons).toContain(
        'must not be the user name',
      );

      expect((await change({ currentPassword: DEMO_PASSWORD, newPassword: fresh })).status).toBe(
        204,
      );
      expect((await login(USERS.changer)).status).toBe(401);
      const renewed = await tokenOf(USERS.changer, fresh);
      // Tokens issued before the change stay valid until they expire (documented).
      expect((await me(token)).status).toBe(200);

      // Back to the demo password.
      expect(
        (await change({ currentPassword: fresh, newPassword: DEMO_PASSWORD }, renewed)).status,
      ).toBe(204);
      expect((await login(USERS.changer)).status).toBe(200);
      const rows = await dataSource.getRepository(AuditEntryEntity).find({
        where: { action: 'auth.password-change', actor: USERS.changer },
        order: { id: 'ASC' },
      });
      expect(rows.map((row) => row.outcome)).toEqual(['refused', 'ok', 'ok']);
    });
  });

  describe('a flood of bad tokens', () => {
    it('writes at most a handful of audit rows, and costs reads little', async () => {
      const token = await tokenOf('li.cm');
      const read = async () => {
        const started = performance.now();
        expect((await me(token)).status).toBe(200);
        return performance.now() - started;
      };
      for (let i = 0; i < 20; i++) await read();
      const quiet: number[] = [];
      for (let i = 0; i < 100; i++) quiet.push(await read());

      const audit = api.get(RefusalAudit);
      await audit.flush();
      const rows = dataSource.getRepository(AuditEntryEntity);
      const lastId = (await rows.find({ order: { id: 'DESC' }, take: 1 }))[0]?.id ?? '0';
      const forged = await ownToken(OLD_DEVELOPMENT_SECRET, { omit: ['exp'], kid: null });
      // Other specs' apis count their own refusals from this address: this flood's rows name it.
      const path = `/api/tasks?flood=${Date.now()}`;

      const started = performance.now();
      for (let i = 0; i < 300; i++) {
        const response = await http().get(path).set('authorization', `Bearer ${forged}`);
        expect(response.status).toBe(401);
      }
      const sequentialMs = performance.now() - started;

      // Then 300 more at the pace the penetration test used (about 86 a second, 10 clients).
      let flooding = true;
      const flood = Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < 30; i++) {
            await http().get(path).set('authorization', 'Bearer x.y.z').expect(401);
            await sleep(115);
          }
        }),
      ).finally(() => (flooding = false));
      const loaded: number[] = [];
      while (flooding) loaded.push(await read());
      await flood;
      await audit.flush();

      const written = (await rows.findBy({ id: MoreThan(lastId) })).filter((row) =>
        row.reason?.includes(path),
      );
      console.log(
        `300 bad tokens in ${sequentialMs.toFixed(0)} ms (${(sequentialMs / 300).toFixed(2)} ms each); ` +
          `reads: median ${median(quiet).toFixed(2)} ms quiet, ${median(loaded).toFixed(2)} ms during ` +
          `300 more at ~86/s (${loaded.length} reads); audit rows written: ${written.length}`,
      );
      expect(written.length).toBeLessThanOrEqual(4);
      expect(written.every((row) => row.action === 'access.unauthenticated')).toBe(true);
      expect(
        written.reduce((sum, row) => sum + Number(/^(\d+) /.exec(row.reason ?? '')?.[1]), 0),
      ).toBe(600);
    });
  });
});
