import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serviceUrl, uniqueName } from '../../../test/support/services.ts';
import type { Cache } from './cache.ts';
import { createMemoryCache } from './memory-cache.ts';
import { createRedisCache } from './redis-cache.ts';

const redisUrl = serviceUrl('REDIS_URL');

/** Each test's caches share one prefix; afterEach closes them and removes the prefix's keys. */
interface Harness {
  open(options?: { otherPrefix?: boolean }): Promise<Cache>;
  dispose(): Promise<void>;
}

function memoryHarness(): Harness {
  const opened: Cache[] = [];
  return {
    async open() {
      const cache = createMemoryCache();
      opened.push(cache);
      return cache;
    },
    async dispose() {
      await Promise.all(opened.map((cache) => cache.close()));
    },
  };
}

function redisHarness(url: string): Harness {
  const opened: Cache[] = [];
  const prefixes = new Set<string>();
  const keyPrefix = `${uniqueName('test')}:`;
  return {
    async open(options) {
      const prefix = options?.otherPrefix ? `${uniqueName('test')}:` : keyPrefix;
      prefixes.add(prefix);
      const cache = await createRedisCache({ url, keyPrefix: prefix });
      opened.push(cache);
      return cache;
    },
    async dispose() {
      await Promise.all(opened.map((cache) => cache.close()));
      const admin = new Redis(url);
      try {
        for (const prefix of prefixes) {
          for await (const keys of admin.scanStream({ match: `${prefix}*`, count: 500 })) {
            if ((keys as string[]).length > 0) await admin.del(...(keys as string[]));
          }
        }
      } finally {
        await admin.quit();
      }
    },
  };
}

const variants: Array<{ name: string; harness: () => Harness }> = [{ name: 'memory', harness: memoryHarness }];
if (redisUrl) variants.push({ name: 'redis', harness: () => redisHarness(redisUrl) });

/** Collects messages; `until` waits for a message, proving everything published before it has been delivered. */
function collector() {
  const messages: string[] = [];
  return {
    messages,
    onMessage: (message: string) => messages.push(message),
    until: (message: string) => vi.waitFor(() => expect(messages).toContain(message), { timeout: 2000 }),
  };
}

/** A collector subscribed to `channel` on `cache`. */
async function listening(cache: Pick<Cache, 'subscribe'>, channel: string) {
  const heard = collector();
  await cache.subscribe(channel, heard.onMessage);
  return heard;
}

describe.each(variants)('cache contract: $name', ({ name, harness: makeHarness }) => {
  let harness: Harness;
  afterEach(async () => {
    await harness.dispose();
  });
  const open = () => {
    harness = makeHarness();
    return harness.open();
  };

  it('gets, sets, overwrites and deletes values', async () => {
    const cache = await open();
    expect(cache.kind).toBe(name);
    await cache.ping();
    expect(await cache.get('greeting')).toBeNull();
    await cache.set('greeting', 'hello');
    expect(await cache.get('greeting')).toBe('hello');
    await cache.set('greeting', 'hi');
    expect(await cache.get('greeting')).toBe('hi');
    await cache.delete('greeting');
    expect(await cache.get('greeting')).toBeNull();
    await cache.delete('never-set');
  });

  it('expires values after their TTL and keeps values set without one', async () => {
    const cache = await open();
    await cache.set('short', 'a', 150);
    await cache.set('forever', 'b');
    await cache.set('was-short', 'c', 150);
    await cache.set('was-short', 'd');
    expect(await cache.get('short')).toBe('a');
    await vi.waitFor(async () => expect(await cache.get('short')).toBeNull(), { timeout: 2000, interval: 25 });
    await sleep(50);
    expect(await cache.get('forever')).toBe('b');
    expect(await cache.get('was-short')).toBe('d');
  });

  it('rejects a TTL that is not a positive integer', async () => {
    const cache = await open();
    await expect(cache.set('k', 'v', 0)).rejects.toThrow(RangeError);
    await expect(cache.incrBy('k', 1, 1.5)).rejects.toThrow(RangeError);
  });

  it('sets a value only when its key is absent', async () => {
    const cache = await open();
    expect(await cache.setIfAbsent('lease', 'first', 60_000)).toBe(true);
    expect(await cache.setIfAbsent('lease', 'second', 60_000)).toBe(false);
    expect(await cache.get('lease')).toBe('first');
    await cache.delete('lease');
    expect(await cache.setIfAbsent('lease', 'third', 150)).toBe(true);
    await vi.waitFor(async () => expect(await cache.get('lease')).toBeNull(), { timeout: 2000, interval: 25 });
    expect(await cache.setIfAbsent('lease', 'after-expiry', 60_000)).toBe(true);
    await expect(cache.setIfAbsent('other', 'v', 0)).rejects.toThrow(RangeError);
  });

  it('lets exactly one of many concurrent setIfAbsent calls win', async () => {
    const cache = await open();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => cache.setIfAbsent('race', `c${i}`, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await cache.get('race')).toBe(`c${results.indexOf(true)}`);
  });

  it('extends a TTL only while the key holds the given value', async () => {
    const cache = await open();
    expect(await cache.extendIfValue('absent', 'v', 60_000)).toBe(false);
    expect(await cache.get('absent')).toBeNull();
    await cache.set('lease', 'mine', 300);
    expect(await cache.extendIfValue('lease', 'theirs', 60_000)).toBe(false);
    await sleep(150);
    expect(await cache.extendIfValue('lease', 'mine', 600)).toBe(true);
    // Past the original 300 ms, kept alive by the extension.
    await sleep(300);
    expect(await cache.get('lease')).toBe('mine');
    await vi.waitFor(async () => expect(await cache.get('lease')).toBeNull(), { timeout: 2000, interval: 25 });
    expect(await cache.extendIfValue('lease', 'mine', 60_000)).toBe(false);
    await expect(cache.extendIfValue('lease', 'mine', 1.5)).rejects.toThrow(RangeError);
  });

  it('deletes a key only while it holds the given value', async () => {
    const cache = await open();
    expect(await cache.deleteIfValue('absent', 'v')).toBe(false);
    await cache.set('lease', 'mine', 60_000);
    expect(await cache.deleteIfValue('lease', 'theirs')).toBe(false);
    expect(await cache.get('lease')).toBe('mine');
    expect(await cache.deleteIfValue('lease', 'mine')).toBe(true);
    expect(await cache.get('lease')).toBeNull();
    expect(await cache.deleteIfValue('lease', 'mine')).toBe(false);
    await cache.set('expiring', 'mine', 100);
    await sleep(200);
    expect(await cache.deleteIfValue('expiring', 'mine')).toBe(false);
  });

  it('adds to counters atomically under concurrency', async () => {
    const cache = await open();
    expect(await cache.incrBy('fresh', 5)).toBe(5);
    expect(await cache.incrBy('fresh', -7)).toBe(-2);
    expect(await cache.get('fresh')).toBe('-2');
    const deltas = Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? -1 : 1));
    await Promise.all(deltas.map((by) => cache.incrBy('views', by)));
    const sum = deltas.reduce((total, by) => total + by, 0);
    expect(await cache.incrBy('views', 0)).toBe(sum);
  });

  it('rejects non-integer increments and non-integer stored values', async () => {
    const cache = await open();
    await expect(cache.incrBy('n', 0.5)).rejects.toThrow();
    await cache.set('word', 'abc');
    await expect(cache.incrBy('word', 1)).rejects.toThrow();
  });

  it('sets a counter TTL only when the increment creates the key', async () => {
    const cache = await open();
    await cache.incrBy('windowed', 1, 150);
    // Had this reset the TTL to a minute, the key would not expire below.
    await cache.incrBy('windowed', 1, 60_000);
    expect(await cache.get('windowed')).toBe('2');
    await vi.waitFor(async () => expect(await cache.get('windowed')).toBeNull(), { timeout: 2000, interval: 25 });
    expect(await cache.incrBy('windowed', 1, 60_000)).toBe(1);
  });

  it('takes counters without losing concurrent increments', async () => {
    const cache = await open();
    expect(await cache.takeCounter('absent')).toBe(0);
    let taken = 0;
    let increments = 0;
    for (let round = 0; round < 20; round++) {
      const work: Array<Promise<unknown>> = [];
      for (let i = 0; i < 50; i++) {
        work.push(cache.incrBy('buffered', 1));
        increments++;
        if (i % 10 === 5) work.push(cache.takeCounter('buffered').then((value) => (taken += value)));
      }
      await Promise.all(work);
    }
    const rest = await cache.takeCounter('buffered');
    taken += rest;
    expect(taken).toBe(increments);
    expect(await cache.get('buffered')).toBeNull();
  });

  it('allows exactly `limit` calls per sliding window', async () => {
    const cache = await open();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await cache.rateLimit('login:ip', 3, 400));
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    const denied = results[3];
    expect(denied?.retryAfterMs).toBeGreaterThan(0);
    expect(denied?.retryAfterMs).toBeLessThanOrEqual(400);
    expect((await cache.rateLimit('login:other-ip', 3, 400)).allowed).toBe(true);
    await sleep((denied?.retryAfterMs ?? 0) + 20);
    expect(await cache.rateLimit('login:ip', 3, 400)).toMatchObject({ allowed: true });
  });

  it('slides the window instead of resetting it', async () => {
    const cache = await open();
    expect((await cache.rateLimit('upload', 2, 600)).allowed).toBe(true);
    await sleep(200);
    expect((await cache.rateLimit('upload', 2, 600)).allowed).toBe(true);
    const denied = await cache.rateLimit('upload', 2, 600);
    expect(denied.allowed).toBe(false);
    // The first call leaves the window 600 ms after it was made, at least 200 ms ago.
    expect(denied.retryAfterMs).toBeLessThanOrEqual(420);
  });

  it('admits exactly `limit` of many concurrent calls', async () => {
    const cache = await open();
    const results = await Promise.all(Array.from({ length: 40 }, () => cache.rateLimit('burst', 7, 10_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
  });

  it('delivers published messages to every subscriber until it unsubscribes', async () => {
    const cache = await open();
    const first = collector();
    const second = collector();
    const sentinel = collector();
    const unsubscribeFirst = await cache.subscribe('video:1', first.onMessage);
    const unsubscribeSecond = await cache.subscribe('video:1', second.onMessage);
    await cache.subscribe('sentinel', sentinel.onMessage);
    await cache.publish('nobody-listens', 'x');
    await cache.publish('video:1', 'hello');
    await first.until('hello');
    await second.until('hello');

    await unsubscribeFirst();
    await unsubscribeFirst();
    await cache.publish('video:1', 'again');
    await second.until('again');

    await unsubscribeSecond();
    await cache.publish('video:1', 'late');
    await cache.publish('sentinel', 'done');
    await sentinel.until('done');
    expect(first.messages).toEqual(['hello']);
    expect(second.messages).toEqual(['hello', 'again']);
  });

  it('keeps delivering to other subscribers when one handler throws', async () => {
    const cache = await open();
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const healthy = collector();
      await cache.subscribe('events', () => {
        throw new Error('handler bug');
      });
      await cache.subscribe('events', healthy.onMessage);
      await cache.publish('events', 'one');
      await healthy.until('one');
      expect(warnings).toHaveBeenCalledWith(expect.objectContaining({ message: 'handler bug' }));
    } finally {
      warnings.mockRestore();
    }
  });
});

describe.runIf(redisUrl)('redis cache across nodes', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.dispose();
  });
  const openTwo = async () => {
    harness = redisHarness(redisUrl as string);
    return Promise.all([harness.open(), harness.open()]);
  };

  it('shares values between connections', async () => {
    const [a, b] = await openTwo();
    await a.set('session', 'token');
    expect(await b.get('session')).toBe('token');
    await b.delete('session');
    expect(await a.get('session')).toBeNull();
  });

  it('shares counters, and takes lose no increments from another node', async () => {
    const [a, b] = await openTwo();
    await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).incrBy('likes', 1)));
    expect(await b.incrBy('likes', 0)).toBe(300);
    expect(await a.takeCounter('likes')).toBe(300);

    let taken = 0;
    let incrementing = true;
    const increments = (async () => {
      for (let batch = 0; batch < 50; batch++)
        await Promise.all(Array.from({ length: 20 }, () => a.incrBy('views', 1)));
      incrementing = false;
    })();
    const takes = (async () => {
      let nonEmptyTakes = 0;
      while (incrementing) {
        const value = await b.takeCounter('views');
        taken += value;
        if (value > 0) nonEmptyTakes++;
      }
      return nonEmptyTakes;
    })();
    const [, nonEmptyTakes] = await Promise.all([increments, takes]);
    const rest = await b.takeCounter('views');
    taken += rest;
    // The takes really did interleave with the increments.
    expect(nonEmptyTakes).toBeGreaterThan(1);
    expect(taken).toBe(1000);
  });

  it('enforces one rate limit across nodes', async () => {
    const [a, b] = await openTwo();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).rateLimit('signup', 5, 10_000)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('delivers messages published on one node to subscribers on another', async () => {
    const [a, b] = await openTwo();
    const onA = await listening(a, 'feed');
    const onB = await listening(b, 'feed');
    await a.publish('feed', 'from-a');
    await b.publish('feed', 'from-b');
    await onA.until('from-b');
    await onB.until('from-b');
    expect(onA.messages).toEqual(['from-a', 'from-b']);
    expect(onB.messages).toEqual(['from-a', 'from-b']);
  });

  it('lets one node hold a lease the other can neither take, renew nor release', async () => {
    const [a, b] = await openTwo();
    expect(await a.setIfAbsent('lease', 'token-a', 60_000)).toBe(true);
    expect(await b.setIfAbsent('lease', 'token-b', 60_000)).toBe(false);
    expect(await b.extendIfValue('lease', 'token-b', 60_000)).toBe(false);
    expect(await b.deleteIfValue('lease', 'token-b')).toBe(false);
    expect(await b.get('lease')).toBe('token-a');
    expect(await a.extendIfValue('lease', 'token-a', 60_000)).toBe(true);
    expect(await a.deleteIfValue('lease', 'token-a')).toBe(true);
    expect(await b.setIfAbsent('lease', 'token-b', 60_000)).toBe(true);
  });

  it('isolates deployments with different key prefixes', async () => {
    const [a] = await openTwo();
    const other = await harness.open({ otherPrefix: true });
    const heard = await listening(other, 'feed');
    const sentinel = await listening(other, 'sentinel');
    await a.set('shared-name', 'mine');
    await a.publish('feed', 'not for you');
    expect(await other.get('shared-name')).toBeNull();
    await other.publish('sentinel', 'done');
    await sentinel.until('done');
    expect(heard.messages).toEqual([]);
  });
});
