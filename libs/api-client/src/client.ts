import createClient, { Client, Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The API, typed from its OpenAPI document: paths, parameters, bodies and documented answers. */
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** The API's origin (`http://127.0.0.1:3000`); empty in the console, which is served beside it. */
  baseUrl: string;
  /** The bearer token for each request, read when the request is made; none before signing in. */
  token?: () => string | null | undefined | Promise<string | null | undefined>;
  fetch?: typeof fetch;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const { token } = options;
  if (token) client.use(bearer(token));
  return client;
}

function bearer(token: NonNullable<ApiClientOptions['token']>): Middleware {
  return {
    async onRequest({ request }) {
      const value = await token();
      if (value) request.headers.set('authorization', `Bearer ${value}`);
      return request;
    },
  };
}

/**
 * A multipart body (files with their fields), sent as it is: the document describes the parts as
 * a schema, which a FormData cannot be checked against, so its type stands aside here only.
 */
export function formBody(form: FormData): { body: never; bodySerializer: () => FormData } {
  return { body: form as never, bodySerializer: () => form };
}
