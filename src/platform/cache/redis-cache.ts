import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Cache, RateLimitResult, Unsubscribe } from './cache.ts';

export interface RedisCacheOptions {
  url: string;
  /** Prepended to every key and channel, so several deployments (or test runs) can share one server. */
  keyPrefix?: string;
}

/** Sets the TTL only when INCRBY created the key, so repeated increments never extend it. */
const INCR_BY_WITH_TTL = `
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

/**
 * Sliding-window log in a sorted set scored by the Redis server clock, so nodes with skewed clocks agree.
 * Denied calls are not logged. Returns {allowed, remaining, retryAfterMs}.
 */
const RATE_LIMIT = `
local key, limit, window, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count < limit then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window)
  return {1, limit - count - 1, 0}
end
local frees = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
return {0, 0, math.max(1, math.ceil(tonumber(frees[2]) + window - now))}`;

/** Compare-and-set on a lease: only its holder (who knows the value) may renew or release it. */
const EXTEND_IF_VALUE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`;

const DELETE_IF_VALUE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`;

interface ScriptCommands {
  looplyIncrByWithTtl(key: string, by: number, ttlMs: number): Promise<number>;
  looplyRateLimit(key: string, limit: number, windowMs: number, member: string): Promise<[number, number, number]>;
  looplyExtendIfValue(key: string, value: string, ttlMs: number): Promise<number>;
  looplyDeleteIfValue(key: string, value: string): Promise<number>;
}

function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

async function connect(url: string, keyPrefix: string): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, keyPrefix });
  // connect() only rejects with "Connection is closed"; the cause arrives as an 'error' event.
  let cause: unknown;
  const remember = (error: unknown) => {
    cause = error;
  };
  client.on('error', remember);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw cause ?? error;
  } finally {
    client.off('error', remember);
  }
  return client;
}

function deliver(onMessage: (message: string) => void, message: string): void {
  try {
    onMessage(message);
  } catch (error) {
    // A throw here would escape into ioredis's socket handler; the app can log these via process.on('warning').
    process.emitWarning(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The multi-node cache: every API node connected to the same Redis sees the same values, limits and messages. */
export async function createRedisCache(options: RedisCacheOptions): Promise<Cache> {
  const prefix = options.keyPrefix ?? '';
  const client = (await connect(options.url, prefix)) as Redis & ScriptCommands;
  client.defineCommand('looplyIncrByWithTtl', { lua: INCR_BY_WITH_TTL, numberOfKeys: 1 });
  client.defineCommand('looplyRateLimit', { lua: RATE_LIMIT, numberOfKeys: 1 });
  client.defineCommand('looplyExtendIfValue', { lua: EXTEND_IF_VALUE, numberOfKeys: 1 });
  client.defineCommand('looplyDeleteIfValue', { lua: DELETE_IF_VALUE, numberOfKeys: 1 });

  // Keyed by the prefixed channel name. A handler is wrapped in an object so the same function can subscribe twice.
  const handlers = new Map<string, Set<{ onMessage: (message: string) => void }>>();
  let subscriber: Promise<Redis> | undefined;

  function openSubscriber(): Promise<Redis> {
    subscriber ??= connect(options.url, '').then(
      (connection) => {
        connection.on('message', (channel: string, message: string) => {
          for (const handler of handlers.get(channel) ?? []) deliver(handler.onMessage, message);
        });
        return connection;
      },
      (error: unknown) => {
        subscriber = undefined;
        throw error;
      },
    );
    return subscriber;
  }

  return {
    kind: 'redis',

    async get(key) {
      return client.get(key);
    },

    async set(key, value, ttlMs) {
      if (ttlMs === undefined) {
        await client.set(key, value);
        return;
      }
      assertInteger('ttlMs', ttlMs, 1);
      await client.set(key, value, 'PX', ttlMs);
    },

    async delete(key) {
      await client.del(key);
    },

    async setIfAbsent(key, value, ttlMs) {
      assertInteger('ttlMs', ttlMs, 1);
      return (await client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },

    async extendIfValue(key, value, ttlMs) {
      assertInteger('ttlMs', ttlMs, 1);
      return (await client.looplyExtendIfValue(key, value, ttlMs)) === 1;
    },

    async deleteIfValue(key, value) {
      return (await client.looplyDeleteIfValue(key, value)) === 1;
    },

    async incrBy(key, by, ttlMs) {
      assertInteger('by', by, Number.MIN_SAFE_INTEGER);
      if (ttlMs === undefined) return client.incrby(key, by);
      assertInteger('ttlMs', ttlMs, 1);
      return client.looplyIncrByWithTtl(key, by, ttlMs);
    },

    async takeCounter(key) {
      const value = await client.getdel(key);
      if (value === null) return 0;
      const parsed = Number(value);
      if (!Number.isSafeInteger(parsed)) throw new Error(`value at ${JSON.stringify(key)} is not an integer`);
      return parsed;
    },

    async rateLimit(key, limit, windowMs): Promise<RateLimitResult> {
      assertInteger('limit', limit, 1);
      assertInteger('windowMs', windowMs, 1);
      const [allowed, remaining, retryAfterMs] = await client.looplyRateLimit(key, limit, windowMs, randomUUID());
      return { allowed: allowed === 1, remaining, retryAfterMs };
    },

    async publish(channel, message) {
      await client.publish(prefix + channel, message);
    },

    async subscribe(channel, onMessage): Promise<Unsubscribe> {
      const connection = await openSubscriber();
      const name = prefix + channel;
      const handler = { onMessage };
      let channelHandlers = handlers.get(name);
      if (!channelHandlers) {
        channelHandlers = new Set();
        handlers.set(name, channelHandlers);
      }
      channelHandlers.add(handler);
      // Sent in the same tick as the map update, so SUBSCRIBE/UNSUBSCRIBE reach Redis in the order of the map changes.
      await connection.subscribe(name);
      const owner = channelHandlers;
      return async () => {
        if (!owner.delete(handler) || owner.size > 0 || handlers.get(name) !== owner) return;
        handlers.delete(name);
        await connection.unsubscribe(name);
      };
    },

    async ping() {
      await client.ping();
    },

    async close() {
      const connection = await subscriber?.catch(() => undefined);
      handlers.clear();
      await Promise.all([client.quit(), connection?.quit()]);
    },
  };
}
