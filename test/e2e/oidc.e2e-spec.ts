import { INestApplication } from '@nestjs/common';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { httpOf, startApi } from '../support';

const ISSUER = 'https://idp.bank.example';
const AUDIENCE = 'loanflow';

/** A bank identity provider stand-in: a real HTTP JWKS endpoint on loopback, keys made here. */
describe('tokens from the bank identity provider (OIDC, JWKS)', () => {
  let jwks: Server;
  let api: INestApplication;
  let privateKey: KeyLike;
  const saved = { ...process.env };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const publicJwk: JWK = {
      ...(await exportJWK(pair.publicKey)),
      kid: 'bank-key-1',
      alg: 'RS256',
      use: 'sig',
    };
    jwks = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    Object.assign(process.env, {
      OIDC_ISSUER: ISSUER,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      OIDC_AUDIENCE: AUDIENCE,
    });
    api = await startApi();
  });

  afterAll(async () => {
    await api.close();
    jwks.close();
    process.env = saved;
  });

  const tokenFor = (claims: Record<string, unknown>, key: KeyLike = privateKey, issuer = ISSUER) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'bank-key-1' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  it('maps the user name claim to the LoanFlow user and takes roles from the roles claim', async () => {
    const token = await tokenFor({
      preferred_username: 'li.cm',
      roles: ['customer-manager', 'not-a-loanflow-role'],
    });
    const me = await request(httpOf(api))
      .get('/api/auth/me')
      .set('authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'li.cm',
      roles: ['customer-manager'],
      orgUnitCode: 'SB-HZ-XH',
    });
  });

  it('refuses a roles claim that gives one person posts the bank keeps apart, saying why', async () => {
    const token = await tokenFor({
      preferred_username: 'ma.mortgage',
      roles: ['mortgage-clerk', 'reviewer'],
    });
    const refused = await request(httpOf(api))
      .get('/api/auth/me')
      .set('authorization', `Bearer ${token}`);
    expect(refused.status).toBe(403);
    const refusal = refused.body as {
      code: string;
      message: string;
      details: { roles: string[] };
    };
    expect(refusal.code).toBe('INCOMPATIBLE_ROLES');
    expect(refusal.message).toContain('one person may not hold both');
    expect([...refusal.details.roles].sort()).toEqual(['mortgage-clerk', 'reviewer']);
  });

  it('refuses a token signed with another key, an unknown user and an untrusted issuer', async () => {
    const stranger = await generateKeyPair('RS256');
    const forged = await tokenFor({ preferred_username: 'li.cm' }, stranger.privateKey);
    const unknown = await tokenFor({ preferred_username: 'nobody' });
    const elsewhere = await tokenFor(
      { preferred_username: 'li.cm' },
      privateKey,
      'https://evil.example',
    );
    for (const token of [forged, unknown, elsewhere]) {
      const response = await request(httpOf(api))
        .get('/api/auth/me')
        .set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect((response.body as { code: string }).code).toBe('UNAUTHENTICATED');
    }
  });

  it('still accepts the API’s own tokens', async () => {
    const login = await request(httpOf(api))
      .post('/api/auth/login')
      .send({ username: 'wang.reviewer', password: 'LoanFlow#2026' });
    const me = await request(httpOf(api))
      .get('/api/auth/me')
      .set('authorization', `Bearer ${(login.body as { accessToken: string }).accessToken}`);
    expect((me.body as { roles: string[] }).roles).toEqual(['reviewer']);
  });
});
