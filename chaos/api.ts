/**
 * The demo bank's staff through the two api processes: each call goes to the next api in turn and,
 * when that api is down (refused, reset, 502/503), to the other one until a deadline. Tokens are
 * signed by the secret both share, so a sign-in on one is good on the other.
 */
import { DEMO_PASSWORD } from '@loanflow/identity';
import { itemAt } from '@loanflow/domain';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export class FailoverApi {
  private readonly tokens = new Map<string, string>();
  private next = 0;
  /** Calls that met a dead or unavailable api and went on to another. */
  failovers = 0;

  constructor(
    private readonly bases: string[],
    private readonly patienceMs = 180_000,
  ) {}

  /** The api the next call goes to (the fault injector kills it during a completion). */
  peek(): number {
    return this.next % this.bases.length;
  }

  async call(
    username: string,
    method: string,
    path: string,
    body?: object | (() => FormData),
  ): Promise<Reply> {
    const until = Date.now() + this.patienceMs;
    for (;;) {
      const base = itemAt(this.bases, this.next++ % this.bases.length, 'the apis');
      try {
        let reply = await this.send(base, username, method, path, body);
        // A token refused (an api restarted meanwhile): sign in again once.
        if (reply.status === 401) reply = await this.send(base, username, method, path, body);
        // A dependency down answers 503 (or 500 from a half-open pool): ask again shortly.
        if (reply.status >= 500 && Date.now() < until) {
          this.failovers++;
          await sleep(500);
          continue;
        }
        return reply;
      } catch (error) {
        if (Date.now() >= until) throw error;
        this.failovers++;
        await sleep(300);
      }
    }
  }

  private async send(
    base: string,
    username: string,
    method: string,
    path: string,
    body?: object | (() => FormData),
  ): Promise<Reply> {
    const token = await this.token(base, username);
    const form = isFormMaker(body) ? body() : undefined;
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(!form && body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${token}`,
      },
      body: form ?? (body ? JSON.stringify(body) : undefined),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    if (response.status === 401) this.tokens.delete(username);
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed };
  }

  private async token(base: string, username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!login.ok) throw new Error(`${username} could not sign in: ${login.status}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    this.tokens.set(username, token);
    return token;
  }
}

/** A multipart body comes as a function that makes it: a retry on the other api sends a new one. */
function isFormMaker(body: object | (() => FormData) | undefined): body is () => FormData {
  return typeof body === 'function';
}
