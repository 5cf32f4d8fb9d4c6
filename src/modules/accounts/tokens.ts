import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ACCESS_TOKEN_CLOCK_SKEW_SECONDS } from '../../config.ts';
import { unauthorized } from '../../platform/errors.ts';

export interface AccessClaims {
  userId: string;
  username: string;
  /** The session (refresh-token family) the token was issued to: revoking it stops the token (`sid`). */
  sessionId: string;
}

const invalidToken = () => unauthorized('INVALID_TOKEN', 'The access token is not valid. Please sign in again.');

/** Short-lived HS256 access tokens. */
export class AccessTokens {
  readonly #secret: string;
  readonly #key: Uint8Array;
  readonly #ttlSeconds: number;

  constructor(secret: string, ttlSeconds: number) {
    this.#secret = secret;
    this.#key = new TextEncoder().encode(secret);
    this.#ttlSeconds = ttlSeconds;
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ username: claims.username, typ: 'access', sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setExpirationTime(`${this.#ttlSeconds}s`)
      .setIssuer('looply')
      .sign(this.#key);
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      // Without `exp` a token would never end; `iat` is required so one from the future can be refused.
      const { payload } = await jwtVerify(token, this.#key, {
        issuer: 'looply',
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'sid'],
      });
      const { sub, username, sid, iat } = payload;
      if (payload.typ !== 'access' || typeof sub !== 'string' || typeof username !== 'string') throw invalidToken();
      if (typeof sid !== 'string' || sid === '') throw invalidToken();
      if (typeof iat !== 'number' || iat > Date.now() / 1000 + ACCESS_TOKEN_CLOCK_SKEW_SECONDS) throw invalidToken();
      return { userId: sub, username, sessionId: sid };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw unauthorized('TOKEN_EXPIRED', 'The access token has expired. Refresh it or sign in again.');
      }
      throw invalidToken();
    }
  }

  /**
   * The secret of the refresh token that replaces one with `secret`: whoever presents the old token again within
   * the grace window gets the same successor, and only its hash is stored. Keyed by the signing secret, so the
   * database alone does not lead from an old token to its successor.
   */
  successorSecret(secret: string): string {
    return createHmac('sha256', this.#secret).update('refresh-successor:').update(secret).digest('base64url');
  }
}

/** A refresh token is `<row id>.<secret>`; only the SHA-256 of the secret is stored. */
export interface RefreshTokenParts {
  id: string;
  secret: string;
}

/** A new refresh token: a random secret, or the one given (a successor's, see `successorSecret`). */
export function newRefreshToken(secret = randomBytes(32).toString('base64url')): RefreshTokenParts & {
  token: string;
  secretHash: string;
} {
  const id = randomUUID();
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function parseRefreshToken(token: string): RefreshTokenParts | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
