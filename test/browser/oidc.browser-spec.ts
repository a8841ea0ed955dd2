import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { TestStack } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, visible } from './support/browser';

const ISSUER = 'https://idp.bank.example';
const CLIENT = 'loanflow-console';

/**
 * A stand-in for the bank's identity provider on loopback: it signs the user in at once (as
 * li.cm), answers the code exchange only for the verifier whose challenge it was given (PKCE),
 * and publishes its keys. The console signs in through it as a bank would have it.
 */
class IdentityProvider {
  readonly exchanges: { code: string; verified: boolean }[] = [];
  private readonly challenges = new Map<string, string>();
  private server?: Server;
  private key?: KeyLike;
  private jwk?: JWK;
  url = '';

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256');
    this.key = pair.privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): void {
    this.server?.close();
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    res.setHeader('access-control-allow-origin', '*');
    if (url.pathname === '/jwks') {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify({ keys: [this.jwk] }));
    }
    if (url.pathname === '/authorize') {
      const code = `code-${this.challenges.size + 1}`;
      this.challenges.set(code, url.searchParams.get('code_challenge') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.statusCode = 302;
      res.setHeader('location', back.toString());
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const code = form.get('code') ?? '';
      const verifier = form.get('code_verifier') ?? '';
      const verified =
        this.challenges.get(code) === createHash('sha256').update(verifier).digest('base64url') &&
        form.get('client_id') === CLIENT;
      this.exchanges.push({ code, verified });
      res.setHeader('content-type', 'application/json');
      if (!verified) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: 'invalid_grant' }));
      }
      this.challenges.delete(code);
      const token = await new SignJWT({ preferred_username: 'li.cm', roles: ['customer-manager'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setIssuer(ISSUER)
        .setAudience('loanflow')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(this.key!);
      return res.end(
        JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 600 }),
      );
    }
    res.statusCode = 404;
    res.end();
  }
}

describe('console sign-in through the bank’s identity provider (authorization code with PKCE)', () => {
  const idp = new IdentityProvider();
  const saved = { ...process.env };
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    await idp.start();
    Object.assign(process.env, {
      OIDC_ISSUER: ISSUER,
      OIDC_JWKS_URL: `${idp.url}/jwks`,
      OIDC_AUDIENCE: 'loanflow',
      OIDC_AUTHORIZATION_URL: `${idp.url}/authorize`,
      OIDC_TOKEN_URL: `${idp.url}/token`,
      OIDC_CLIENT_ID: CLIENT,
    });
    stack = await TestStack.open({ api: true });
    browser = await Browser.open(await listen(stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    idp.stop();
    process.env = saved;
  });

  it('tells the console where to sign in, and nothing secret', async () => {
    const config = await fetch(`${browser.baseUrl}/api/auth/config`).then((r) => r.json());
    expect(config).toEqual({
      password: true,
      oidc: {
        issuer: ISSUER,
        authorizationEndpoint: `${idp.url}/authorize`,
        tokenEndpoint: `${idp.url}/token`,
        clientId: CLIENT,
        scope: 'openid profile',
      },
    });
  });

  it('signs in through the provider and lands in the inbox as the bank’s user', async () => {
    const page = await browser.page();
    await page.goto(`${browser.baseUrl}/login`);
    await page.getByRole('button', { name: zh.login.oidc }).click();
    await page.getByTestId('user-name').waitFor();
    const me = (await stack.staff!.get('li.cm', '/api/auth/me')).body as { displayName: string };
    await expect(page.getByTestId('user-name').innerText()).resolves.toBe(me.displayName);
    await expect(visible(page.getByRole('heading', { name: zh.inbox.title }))).resolves.toBe(true);
    // The provider saw the verifier that matched the challenge it was given.
    expect(idp.exchanges).toEqual([{ code: 'code-1', verified: true }]);
    await page.close();
  });

  it('refuses an answer that does not belong to a sign-in started in this tab', async () => {
    const page = await browser.page();
    await page.goto(`${browser.baseUrl}/auth/callback?code=forged&state=forged`);
    await expect(page.getByTestId('error').getAttribute('data-code')).resolves.toBe(
      'OIDC_STATE_MISMATCH',
    );
    await expect(page.getByTestId('error').innerText()).resolves.toContain(
      zh.errors.OIDC_STATE_MISMATCH,
    );
    // Nothing was exchanged and nobody is signed in.
    expect(idp.exchanges.map((e) => e.code)).not.toContain('forged');
    await expect(page.getByTestId('user-name').count()).resolves.toBe(0);
    await page.close();
  });
});
