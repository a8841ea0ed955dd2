import { get } from './api';

/** What the API says about signing in through the bank's identity provider (null: not configured). */
export interface OidcOptions {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  scope: string;
}

const PENDING_KEY = 'loanflow.oidc';

export async function signInOptions(): Promise<{ password: boolean; oidc: OidcOptions | null }> {
  return get('/api/auth/config');
}

const redirectUri = () => `${window.location.origin}/auth/callback`;

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * Starts the authorization-code flow with PKCE (RFC 7636): a one-time verifier and state are kept
 * in this tab's session storage, the provider gets only the verifier's SHA-256 challenge.
 */
export async function startOidcSignIn(options: OidcOptions): Promise<void> {
  const verifier = randomString();
  const state = randomString(16);
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(
    PENDING_KEY,
    JSON.stringify({
      verifier,
      state,
      tokenEndpoint: options.tokenEndpoint,
      clientId: options.clientId,
    }),
  );
  const url = new URL(options.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: redirectUri(),
    scope: options.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** A sign-in through the identity provider that failed; `code` says why, in the locales' errors. */
export class SignInError extends Error {
  constructor(
    readonly code: 'OIDC_REFUSED' | 'OIDC_STATE_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

/** The provider sent the user back: exchanges the code for the access token the API accepts. */
export async function finishOidcSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    tokenEndpoint: string;
    clientId: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (params.get('error'))
    throw new SignInError('OIDC_REFUSED', params.get('error_description') ?? params.get('error')!);
  if (!pending || params.get('state') !== pending.state)
    throw new SignInError(
      'OIDC_STATE_MISMATCH',
      'the sign-in answer does not match a sign-in started here; start again',
    );
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token)
    throw new SignInError(
      'OIDC_REFUSED',
      `the identity provider refused the sign-in: ${body.error ?? response.status}`,
    );
  return body.access_token;
}
