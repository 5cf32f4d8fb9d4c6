import type { Cache } from '../../platform/cache/cache.ts';

/**
 * Sessions (refresh-token families) ended before their access tokens expire, as keys in the cache: with Redis every
 * node reads the same set, so a revoked session's access tokens stop within a request everywhere. An entry only has
 * to outlive the tokens issued before it, so it is kept for an access token's lifetime plus the allowed clock skew.
 * The refresh tokens' own revocation is durable in the store; losing this set (an unpersisted Redis restart) lets
 * already issued access tokens live out their short lifetime.
 */
export class SessionRevocations {
  readonly #cache: Cache;
  readonly #keepMs: number;

  constructor(cache: Cache, keepMs: number) {
    this.#cache = cache;
    this.#keepMs = keepMs;
  }

  revoke(sessionId: string): Promise<void> {
    return this.#cache.set(keyOf(sessionId), '1', this.#keepMs);
  }

  /** One cache read: asked on every request that carries an access token. */
  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.#cache.get(keyOf(sessionId))) !== null;
  }
}

const keyOf = (sessionId: string) => `session:revoked:${sessionId}`;
