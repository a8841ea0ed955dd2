import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppConfig, ConfigError } from '@loanflow/config';
import { tokenKeyId } from './token-keys';
import { Tokens } from './tokens';

const SECRET_A = 'rotation-key-A-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SECRET_B = 'rotation-key-B-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
/** Published in an earlier version of this repository: anyone could sign with it. */
const OLD_DEVELOPMENT_SECRET = 'loanflow-development-only-secret-change-me';

const configWith = (settings: Partial<AppConfig>) => Object.assign(new AppConfig(), settings);
const key = (secret: string) => new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);

/** A token as the api would sign it with `secret`, minus what `omit` names, plus `claims`. */
function sign(
  secret: string,
  options: { omit?: string[]; claims?: Record<string, unknown>; kid?: string | null } = {},
) {
  const omit = new Set(options.omit ?? []);
  const claims: Record<string, unknown> = {
    sub: 'admin',
    iss: 'loanflow',
    aud: 'loanflow-api',
    iat: now(),
    exp: now() + 600,
    ...options.claims,
  };
  for (const claim of omit) delete claims[claim];
  const kid = options.kid === undefined ? tokenKeyId(secret) : options.kid;
  return new SignJWT(claims)
    .setProtectedHeader(kid === null ? { alg: 'HS256' } : { alg: 'HS256', kid })
    .sign(key(secret));
}

describe('the API’s own tokens', () => {
  const tokens = new Tokens(configWith({ AUTH_TOKEN_SECRET: SECRET_A }));

  it('carry exp, iat, iss, aud, sub and a kid derived from the secret, never the secret', async () => {
    const { accessToken } = await tokens.issue('li.cm');
    const [header, body] = accessToken
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as object);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: tokenKeyId(SECRET_A) });
    expect(Object.keys(body).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
    expect(accessToken).not.toContain(Buffer.from(SECRET_A).toString('base64url').slice(0, 12));
    expect(tokenKeyId(SECRET_A)).toHaveLength(16);
    expect(tokenKeyId(SECRET_A)).not.toBe(tokenKeyId(SECRET_B));
    await expect(tokens.verify(accessToken)).resolves.toEqual({
      username: 'li.cm',
      source: 'loanflow',
    });
  });

  it.each(['exp', 'iat', 'iss', 'aud', 'sub'])('are refused without %s', async (claim) => {
    await expect(tokens.verify(await sign(SECRET_A))).resolves.toMatchObject({ username: 'admin' });
    const without = await sign(SECRET_A, { omit: [claim] });
    await expect(tokens.verify(without)).rejects.toThrow(
      claim === 'iss' ? /untrusted issuer/ : new RegExp(`"${claim}"`),
    );
  });

  it('refuse the old development secret, a missing kid, and a kid naming no active key', async () => {
    await expect(tokens.verify(await sign(OLD_DEVELOPMENT_SECRET))).rejects.toThrow(
      /key that is not active/,
    );
    await expect(
      tokens.verify(await sign(OLD_DEVELOPMENT_SECRET, { kid: tokenKeyId(SECRET_A) })),
    ).rejects.toThrow(/signature verification failed/);
    await expect(tokens.verify(await sign(SECRET_A, { kid: null }))).rejects.toThrow(/kid/);
    await expect(tokens.verify(await sign(SECRET_A, { kid: 'another-key' }))).rejects.toThrow(
      /not active/,
    );
  });

  it('refuse an iat in the future beyond 30 s, a lifetime beyond the TTL, and expiry', async () => {
    const at = (iat: number, exp = iat + 600) => sign(SECRET_A, { claims: { iat, exp } });
    await expect(tokens.verify(await at(now() + 20))).resolves.toBeDefined();
    await expect(tokens.verify(await at(now() + 120))).rejects.toThrow(/"iat"/);
    await expect(tokens.verify(await at(now() - 31 * 60, now() + 3600))).rejects.toThrow(/"iat"/);
    await expect(tokens.verify(await at(now() - 700))).rejects.toThrow(/"exp"/);
  });

  it('refuse another algorithm under a known key', async () => {
    const hs512 = await new SignJWT({ sub: 'admin', iss: 'loanflow', aud: 'loanflow-api' })
      .setProtectedHeader({ alg: 'HS512', kid: tokenKeyId(SECRET_A) })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key(SECRET_A + SECRET_A));
    await expect(tokens.verify(hs512)).rejects.toThrow(/alg/);
  });

  it('rotate: the new secret signs, the previous one still verifies, then it is gone', async () => {
    const before = await tokens.issue('li.cm');
    const rotating = new Tokens(
      configWith({ AUTH_TOKEN_SECRET: SECRET_B, AUTH_TOKEN_PREVIOUS_SECRET: SECRET_A }),
    );
    await expect(rotating.verify(before.accessToken)).resolves.toMatchObject({ username: 'li.cm' });
    const during = await rotating.issue('li.cm');
    expect(
      JSON.parse(Buffer.from(during.accessToken.split('.')[0], 'base64url').toString()),
    ).toMatchObject({
      kid: tokenKeyId(SECRET_B),
    });
    const after = new Tokens(configWith({ AUTH_TOKEN_SECRET: SECRET_B }));
    await expect(after.verify(during.accessToken)).resolves.toMatchObject({ username: 'li.cm' });
    await expect(after.verify(before.accessToken)).rejects.toThrow(/not active/);
  });

  it('cannot be issued or verified without a secret: the process refuses to start', () => {
    expect(() => new Tokens(configWith({}))).toThrow(ConfigError);
    expect(() => new Tokens(configWith({}))).toThrow(/AUTH_TOKEN_SECRET is not set/);
  });
});

describe('tokens of the bank identity provider', () => {
  const ISSUER = 'https://idp.bank.example';
  let server: Server;
  let privateKey: KeyLike;
  let jwksUrl: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'bank-1', alg: 'RS256' };
    server = createServer((_, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const oidcTokens = (audience?: string) =>
    new Tokens(
      configWith({
        AUTH_TOKEN_SECRET: SECRET_A,
        OIDC_ISSUER: ISSUER,
        OIDC_JWKS_URL: jwksUrl,
        OIDC_AUDIENCE: audience,
      }),
    );

  const providerToken = (omit: string[] = [], claims: Record<string, unknown> = {}) => {
    const all: Record<string, unknown> = {
      preferred_username: 'li.cm',
      iss: ISSUER,
      aud: 'loanflow',
      iat: now(),
      exp: now() + 300,
      ...claims,
    };
    for (const claim of omit) delete all[claim];
    return new SignJWT(all).setProtectedHeader({ alg: 'RS256', kid: 'bank-1' }).sign(privateKey);
  };

  it('need exp and iat, and aud when OIDC_AUDIENCE is set', async () => {
    const tokens = oidcTokens('loanflow');
    await expect(tokens.verify(await providerToken())).resolves.toMatchObject({
      username: 'li.cm',
      source: 'oidc',
    });
    for (const claim of ['exp', 'iat', 'aud']) {
      await expect(tokens.verify(await providerToken([claim]))).rejects.toThrow(`"${claim}"`);
    }
    await expect(oidcTokens().verify(await providerToken(['aud']))).resolves.toBeDefined();
    await expect(oidcTokens().verify(await providerToken(['exp']))).rejects.toThrow('"exp"');
  });

  it('are refused when issued in the future', async () => {
    const tokens = oidcTokens('loanflow');
    await expect(
      tokens.verify(await providerToken([], { iat: now() + 10 })),
    ).resolves.toBeDefined();
    await expect(tokens.verify(await providerToken([], { iat: now() + 300 }))).rejects.toThrow(
      /"iat"/,
    );
  });
});
