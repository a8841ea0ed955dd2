import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '@loanflow/config';

const ISSUER = 'loanflow';
const AUDIENCE = 'loanflow-api';

export interface VerifiedToken {
  username: string;
  /** Roles the identity provider asserted; undefined for the API's own tokens (roles come from the database). */
  roles?: string[];
  source: 'loanflow' | 'oidc';
}

/** Issues the API's own short-lived tokens and verifies them, or the bank identity provider's. */
@Injectable()
export class Tokens {
  private readonly secret: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: AppConfig) {
    this.secret = new TextEncoder().encode(config.AUTH_TOKEN_SECRET);
    if (config.OIDC_JWKS_URL) this.jwks = createRemoteJWKSet(new URL(config.OIDC_JWKS_URL));
  }

  async issue(username: string): Promise<{ accessToken: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.config.AUTH_TOKEN_TTL_MINUTES * 60_000);
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.secret);
    return { accessToken, expiresAt };
  }

  /** Throws when the token is malformed, expired, or signed by no one we trust. */
  async verify(token: string): Promise<VerifiedToken> {
    const issuer = peekIssuer(token);
    if (issuer === ISSUER) {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (!payload.sub) throw new Error('token names no subject');
      return { username: payload.sub, source: 'loanflow' };
    }
    if (this.jwks && issuer === this.config.OIDC_ISSUER) {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.config.OIDC_ISSUER,
        audience: this.config.OIDC_AUDIENCE,
      });
      const username = claimString(payload, this.config.OIDC_USERNAME_CLAIM);
      if (!username) throw new Error(`token has no ${this.config.OIDC_USERNAME_CLAIM} claim`);
      const roles = payload[this.config.OIDC_ROLES_CLAIM];
      return {
        username,
        roles: Array.isArray(roles) ? roles.map(String) : undefined,
        source: 'oidc',
      };
    }
    throw new Error('token from an untrusted issuer');
  }
}

function peekIssuer(token: string): string | undefined {
  const [, body] = token.split('.');
  if (!body) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JWTPayload;
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

function claimString(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
