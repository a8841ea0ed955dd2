import { DEMO_PASSWORD } from '@loanflow/identity';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Calls the API as demo users, signing each in once (and again when a token has run out). */
export class ApiClient {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async post(username: string, path: string, body: object): Promise<ApiResponse> {
    let response = await this.send(username, path, body);
    // Tokens last 30 minutes of wall time; a full run takes longer.
    if (response.status === 401) {
      this.tokens.delete(username);
      response = await this.send(username, path, body);
    }
    return response;
  }

  private async send(username: string, path: string, body: object): Promise<ApiResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await this.token(username)}`,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  private async token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      const login = await fetch(`${this.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (!login.ok) throw new Error(`${username} could not sign in: ${login.status}`);
      token = ((await login.json()) as { accessToken: string }).accessToken;
      this.tokens.set(username, token);
    }
    return token;
  }
}

/** Runs `work` on every item, at most `concurrency` at a time. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
