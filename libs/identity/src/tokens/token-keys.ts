import { createHash } from 'node:crypto';
import { AppConfig, requireSettings } from '@loanflow/config';

export interface TokenKey {
  /** The `kid` header: derived from a hash of the secret, never the secret itself. */
  kid: string;
  key: Uint8Array;
}

/** A stable, public name for a secret: 16 characters of a domain-separated SHA-256. */
export function tokenKeyId(secret: string): string {
  return createHash('sha256')
    .update('loanflow access-token key id\0')
    .update(secret)
    .digest('base64url')
    .slice(0, 16);
}

function keyOf(secret: string): TokenKey {
  return { kid: tokenKeyId(secret), key: new TextEncoder().encode(secret) };
}

/**
 * The keys of the API's own tokens: the current one signs and verifies; during a rotation the
 * previous one still verifies what it signed. A token naming any other key is refused.
 */
export class TokenKeyRing {
  readonly signing: TokenKey;
  private readonly byKid: Map<string, TokenKey>;

  constructor(current: string, previous?: string) {
    this.signing = keyOf(current);
    const keys = previous ? [this.signing, keyOf(previous)] : [this.signing];
    this.byKid = new Map(keys.map((key) => [key.kid, key]));
  }

  /** Refuses to start without AUTH_TOKEN_SECRET (loadConfig has already judged its strength). */
  static fromConfig(config: AppConfig): TokenKeyRing {
    requireSettings(config, ['AUTH_TOKEN_SECRET']);
    return new TokenKeyRing(config.AUTH_TOKEN_SECRET!, config.AUTH_TOKEN_PREVIOUS_SECRET);
  }

  /** The key a token's header names; throws when it names none or one no longer active. */
  verificationKey(kid: unknown): Uint8Array {
    if (typeof kid !== 'string') throw new Error('token names no key (kid header missing)');
    const key = this.byKid.get(kid);
    if (!key) throw new Error('token names a key that is not active');
    return key.key;
  }
}
