export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** When not allowed: how long until one more request would be allowed. */
  retryAfterMs: number;
}

export type Unsubscribe = () => Promise<void>;

/**
 * Cache, counters, rate limits and pub/sub. In-process for one node; Redis when `REDIS_URL` is set,
 * so that every API node sees the same values and messages.
 */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  /** `ttlMs` omitted: kept until deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Stores the value only when the key is absent; true when it did. A lease lock's acquisition. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Restarts the key's TTL only while it still holds `value`; true when it did. A lease lock's renewal. */
  extendIfValue(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key only while it still holds `value`; true when it did. A lease lock's release. */
  deleteIfValue(key: string, value: string): Promise<boolean>;
  /** Atomically adds `by` (may be negative) and returns the new value; a missing key counts as 0. */
  incrBy(key: string, by: number, ttlMs?: number): Promise<number>;
  /** Atomically reads and deletes a counter: how buffered increments are flushed without losing any. */
  takeCounter(key: string): Promise<number>;
  /** Sliding-window limit: at most `limit` calls per `windowMs` for this key. */
  rateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<Unsubscribe>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
