import { ApiClient, createApiClient } from './client';

/** What every call of the typed client answers: the raw response beside the parsed body. */
interface Answered {
  response: Response;
}

/**
 * Calls the API as named staff (the CLI's demo data, the benches), each signed in once with a
 * password and again when the token has run out: tokens last 30 minutes, a long run lasts longer.
 */
export class StaffSessions {
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly clients = new Map<string, ApiClient>();
  private readonly anonymous: ApiClient;

  constructor(
    private readonly baseUrl: string,
    private readonly passwordOf: (username: string) => string,
    private readonly options: { fetch?: typeof fetch } = {},
  ) {
    this.anonymous = createApiClient({ baseUrl, fetch: options.fetch });
  }

  /** Makes `call` as `username`; a 401 signs in again and makes it once more. */
  async as<R extends Answered>(username: string, call: (api: ApiClient) => Promise<R>): Promise<R> {
    const first = await call(this.clientOf(username));
    if (first.response.status !== 401) return first;
    this.tokens.delete(username);
    return call(this.clientOf(username));
  }

  private clientOf(username: string): ApiClient {
    let client = this.clients.get(username);
    if (!client) {
      client = createApiClient({
        baseUrl: this.baseUrl,
        token: () => this.tokenOf(username),
        fetch: this.options.fetch,
      });
      this.clients.set(username, client);
    }
    return client;
  }

  private tokenOf(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.signIn(username);
      // A failed sign-in is not kept: the next call tries again.
      token.catch(() => this.tokens.delete(username));
      this.tokens.set(username, token);
    }
    return token;
  }

  private async signIn(username: string): Promise<string> {
    const { data, error, response } = await this.anonymous.POST('/api/auth/login', {
      body: { username, password: this.passwordOf(username) },
    });
    if (!data)
      throw new Error(`${username} could not sign in: ${response.status} ${error?.message ?? ''}`);
    return data.accessToken;
  }
}
