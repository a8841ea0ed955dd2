import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '@loanflow/config';
import { TokenKeyRing } from './token-keys';

const ISSUER = 'loanflow';
const AUDIENCE = 'loanflow-api';

/** Clocks of the api and the identity provider may differ this much (exp, nbf, iat). */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** Claims a token is refused without: jose checks only the claims it is told to require. */
const OWN_REQUIRED_CLAIMS = ['exp', 'iat', 'iss', 'aud', 'sub'];
const OIDC_REQUIRED_CLAIMS = ['exp', 'iat', 'iss'];

export interface VerifiedToken {
  username: string;
  /** Roles the identity provider asserted; undefined for the API's own tokens (roles come from the database). */
  roles?: string[];
  source: 'loanflow' | 'oidc';
}

/** Issues the API's own short-lived tokens and verifies them, or the bank identity provider's. */
@Injectable()
export class Tokens {
  private readonly keys: TokenKeyRing;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: AppConfig) {
    this.keys = TokenKeyRing.fromConfig(config);
    if (config.OIDC_JWKS_URL) this.jwks = createRemoteJWKSet(new URL(config.OIDC_JWKS_URL));
  }

  async issue(username: string): Promise<{ accessToken: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.config.AUTH_TOKEN_TTL_MINUTES * 60_000);
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.keys.signing.kid })
      .setSubject(username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.keys.signing.key);
    return { accessToken, expiresAt };
  }

  /** Throws when the token is malformed, expired, incomplete, or signed by no key we trust. */
  async verify(token: string): Promise<VerifiedToken> {
    const issuer = peekIssuer(token);
    if (issuer === ISSUER) {
      const { payload } = await jwtVerify(
        token,
        (header) => this.keys.verificationKey(header.kid),
        {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          requiredClaims: OWN_REQUIRED_CLAIMS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          // Also refuses an iat in the future, and a lifetime longer than the one we issue.
          maxTokenAge: this.config.AUTH_TOKEN_TTL_MINUTES * 60,
        },
      );
      if (!payload.sub) throw new Error('token names no subject');
      return { username: payload.sub, source: 'loanflow' };
    }
    if (this.jwks && issuer === this.config.OIDC_ISSUER) {
      const audience = this.config.OIDC_AUDIENCE;
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.config.OIDC_ISSUER,
        audience,
        requiredClaims: audience ? [...OIDC_REQUIRED_CLAIMS, 'aud'] : OIDC_REQUIRED_CLAIMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      refuseFutureIssuedAt(payload);
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

/** jose checks iat against a maximum age only; the provider's lifetimes are its own, so by hand. */
function refuseFutureIssuedAt(payload: JWTPayload): void {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_TOLERANCE_SECONDS) {
    throw new Error('"iat" claim timestamp check failed (it should be in the past)');
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
