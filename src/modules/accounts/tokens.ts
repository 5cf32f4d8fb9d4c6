import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { unauthorized } from '../../platform/errors.ts';

export interface AccessClaims {
  userId: string;
  username: string;
}

/** Short-lived HS256 access tokens. */
export class AccessTokens {
  readonly #key: Uint8Array;
  readonly #ttlSeconds: number;

  constructor(secret: string, ttlSeconds: number) {
    this.#key = new TextEncoder().encode(secret);
    this.#ttlSeconds = ttlSeconds;
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ username: claims.username, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setExpirationTime(`${this.#ttlSeconds}s`)
      .setIssuer('looply')
      .sign(this.#key);
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: 'looply', algorithms: ['HS256'] });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.username !== 'string') {
        throw unauthorized('INVALID_TOKEN', 'The access token is not valid. Please sign in again.');
      }
      return { userId: payload.sub, username: payload.username };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw unauthorized('TOKEN_EXPIRED', 'The access token has expired. Refresh it or sign in again.');
      }
      throw unauthorized('INVALID_TOKEN', 'The access token is not valid. Please sign in again.');
    }
  }
}

/** A refresh token is `<row id>.<secret>`; only the SHA-256 of the secret is stored. */
export interface RefreshTokenParts {
  id: string;
  secret: string;
}

export function newRefreshToken(): RefreshTokenParts & { token: string; secretHash: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
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
