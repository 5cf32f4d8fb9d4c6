import type { Cache, RateLimitResult, Unsubscribe } from './cache.ts';

const SWEEP_INTERVAL_MS = 30_000;
const INTEGER_STRING = /^-?\d+$/;

interface Entry {
  value: string;
  /** On the monotonic clock (`performance.now()`); Infinity when the entry never expires. */
  expiresAt: number;
}

interface Subscription {
  onMessage: (message: string) => void;
  active: boolean;
}

function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

function toInteger(key: string, value: string): number {
  const parsed = Number(value);
  if (!INTEGER_STRING.test(value) || !Number.isSafeInteger(parsed)) {
    throw new Error(`value at ${JSON.stringify(key)} is not an integer`);
  }
  return parsed;
}

function deliver(subscription: Subscription, message: string): void {
  if (!subscription.active) return;
  try {
    subscription.onMessage(message);
  } catch (error) {
    // One failing handler must not starve the others; the app can log these via process.on('warning').
    process.emitWarning(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The single-node cache: everything lives in this process and is lost on restart. */
export function createMemoryCache(): Cache {
  const entries = new Map<string, Entry>();
  /** Per rate-limited key: the times of the allowed calls still inside the window, oldest first. */
  const hitLogs = new Map<string, { hits: number[]; windowMs: number }>();
  const channels = new Map<string, Set<Subscription>>();

  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [key, log] of hitLogs) {
      const newest = log.hits.at(-1);
      if (newest === undefined || newest <= now - log.windowMs) hitLogs.delete(key);
    }
  }, SWEEP_INTERVAL_MS);
  sweep.unref();

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= performance.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function expiry(ttlMs: number | undefined): number {
    if (ttlMs === undefined) return Number.POSITIVE_INFINITY;
    assertInteger('ttlMs', ttlMs, 1);
    return performance.now() + ttlMs;
  }

  return {
    kind: 'memory',

    async get(key) {
      return live(key)?.value ?? null;
    },

    async set(key, value, ttlMs) {
      entries.set(key, { value, expiresAt: expiry(ttlMs) });
    },

    async delete(key) {
      entries.delete(key);
      hitLogs.delete(key);
    },

    async setIfAbsent(key, value, ttlMs) {
      const expiresAt = expiry(ttlMs);
      if (live(key)) return false;
      entries.set(key, { value, expiresAt });
      return true;
    },

    async extendIfValue(key, value, ttlMs) {
      const expiresAt = expiry(ttlMs);
      const entry = live(key);
      if (entry?.value !== value) return false;
      entry.expiresAt = expiresAt;
      return true;
    },

    async deleteIfValue(key, value) {
      if (live(key)?.value !== value) return false;
      entries.delete(key);
      return true;
    },

    async incrBy(key, by, ttlMs) {
      assertInteger('by', by, Number.MIN_SAFE_INTEGER);
      const entry = live(key);
      if (!entry) {
        entries.set(key, { value: String(by), expiresAt: expiry(ttlMs) });
        return by;
      }
      const next = toInteger(key, entry.value) + by;
      assertInteger('the counter', next, Number.MIN_SAFE_INTEGER);
      entry.value = String(next);
      return next;
    },

    async takeCounter(key) {
      const entry = live(key);
      if (!entry) return 0;
      const value = toInteger(key, entry.value);
      entries.delete(key);
      return value;
    },

    async rateLimit(key, limit, windowMs): Promise<RateLimitResult> {
      assertInteger('limit', limit, 1);
      assertInteger('windowMs', windowMs, 1);
      const now = performance.now();
      let log = hitLogs.get(key);
      if (!log) {
        log = { hits: [], windowMs };
        hitLogs.set(key, log);
      }
      log.windowMs = windowMs;
      const { hits } = log;
      while (hits.length > 0 && (hits[0] as number) <= now - windowMs) hits.shift();
      if (hits.length < limit) {
        hits.push(now);
        return { allowed: true, remaining: limit - hits.length, retryAfterMs: 0 };
      }
      // Denied calls are not logged. One more call fits once all but limit-1 of the logged calls have left the window.
      const freesSlot = hits[hits.length - limit] as number;
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, Math.ceil(freesSlot + windowMs - now)) };
    },

    async publish(channel, message) {
      const subscriptions = channels.get(channel);
      if (!subscriptions) return;
      const targets = [...subscriptions];
      queueMicrotask(() => {
        for (const subscription of targets) deliver(subscription, message);
      });
    },

    async subscribe(channel, onMessage): Promise<Unsubscribe> {
      const subscription: Subscription = { onMessage, active: true };
      let subscriptions = channels.get(channel);
      if (!subscriptions) {
        subscriptions = new Set();
        channels.set(channel, subscriptions);
      }
      subscriptions.add(subscription);
      const owner = subscriptions;
      return async () => {
        subscription.active = false;
        owner.delete(subscription);
        if (owner.size === 0 && channels.get(channel) === owner) channels.delete(channel);
      };
    },

    async ping() {},

    async close() {
      clearInterval(sweep);
      for (const subscriptions of channels.values()) {
        for (const subscription of subscriptions) subscription.active = false;
      }
      channels.clear();
      entries.clear();
      hitLogs.clear();
    },
  };
}
