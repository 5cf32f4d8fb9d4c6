import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceUrl, uniqueName } from '../../../test/support/services.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import { createMemoryCache } from '../../platform/cache/memory-cache.ts';
import { createRedisCache } from '../../platform/cache/redis-cache.ts';
import { CounterBuffer, type Deltas } from './counter-buffer.ts';

const redisUrl = serviceUrl('REDIS_URL');
const FIELDS = { v: ['likes', 'saves'], u: ['likes'] } as const;

const variants: Array<{ name: string; open: () => Promise<{ cache: Cache; dispose: () => Promise<void> }> }> = [
  {
    name: 'in-process',
    open: async () => {
      const cache = createMemoryCache();
      return { cache, dispose: () => cache.close() };
    },
  },
];
if (redisUrl) {
  variants.push({
    name: 'redis',
    open: async () => {
      const prefix = `${uniqueName('counters')}:`;
      const cache = await createRedisCache({ url: redisUrl, keyPrefix: prefix });
      return {
        cache,
        async dispose() {
          await cache.close();
          const admin = new Redis(redisUrl);
          const keys = await admin.keys(`${prefix}*`);
          if (keys.length > 0) await admin.del(...keys);
          await admin.quit();
        },
      };
    },
  });
}

/** A stand-in for the counter tables: what flushes applied, per subject and field. */
function fakeStore() {
  const stored = new Map<string, number>();
  return {
    stored,
    value: (subject: string, field: string) => stored.get(`${subject}.${field}`) ?? 0,
    async apply(batch: Map<string, Deltas>) {
      for (const [subject, deltas] of batch) {
        for (const [field, delta] of Object.entries(deltas)) {
          stored.set(`${subject}.${field}`, (stored.get(`${subject}.${field}`) ?? 0) + delta);
        }
      }
    },
  };
}

async function drain(buffer: CounterBuffer, apply: (batch: Map<string, Deltas>) => Promise<void>) {
  while ((await buffer.flush(apply)) > 0) {
    // until the dirty log is empty
  }
}

describe.each(variants)('counter buffer on the $name cache', ({ open }) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
  });

  it('loses and doubles nothing when 1,000 increments race with two flushers', async () => {
    const opened = await open();
    dispose = opened.dispose;
    // Two buffers on one cache behave as two worker processes would.
    const writer = new CounterBuffer(opened.cache, { fields: FIELDS, batchSize: 7 });
    const otherWorker = new CounterBuffer(opened.cache, { fields: FIELDS, batchSize: 7 });
    const store = fakeStore();
    const expected = new Map<string, number>();
    let writing = true;
    const flushing = [writer, otherWorker].map(async (buffer) => {
      while (writing) await buffer.flush((batch) => store.apply(batch));
    });
    await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const subject = i % 3 === 0 ? 'u:creator' : `v:video-${i % 5}`;
        const field = subject.startsWith('u:') || i % 2 ? 'likes' : 'saves';
        const by = i % 7 === 0 ? -1 : 1;
        expected.set(`${subject}.${field}`, (expected.get(`${subject}.${field}`) ?? 0) + by);
        await writer.add(subject, field, by);
      }),
    );
    writing = false;
    await Promise.all(flushing);
    await drain(writer, (batch) => store.apply(batch));

    expect(Object.fromEntries(store.stored)).toEqual(Object.fromEntries(expected));
    const pending = await writer.pending(['u:creator', 'v:video-0', 'v:video-1']);
    for (const deltas of pending.values()) expect(Object.values(deltas).every((value) => value === 0)).toBe(true);
  });

  it('shows stored + pending at every moment while flushes move the deltas', async () => {
    const opened = await open();
    dispose = opened.dispose;
    const buffer = new CounterBuffer(opened.cache, { fields: FIELDS });
    const store = fakeStore();
    for (let i = 0; i < 5; i += 1) await buffer.add('v:a', 'likes', 1);
    expect((await buffer.pending(['v:a'])).get('v:a')).toEqual({ likes: 5, saves: 0 });
    await drain(buffer, (batch) => store.apply(batch));
    expect(store.value('v:a', 'likes')).toBe(5);
    expect((await buffer.pending(['v:a'])).get('v:a')).toEqual({ likes: 0, saves: 0 });
    await buffer.add('v:a', 'likes', -2);
    expect(store.value('v:a', 'likes') + ((await buffer.pending(['v:a'])).get('v:a')?.likes ?? 0)).toBe(3);
  });

  it('never shows a count that a flush is moving from the buffer to the store, not even for a moment', async () => {
    const opened = await open();
    dispose = opened.dispose;
    const buffer = new CounterBuffer(opened.cache, { fields: FIELDS });
    const store = fakeStore();
    for (let i = 0; i < 40; i += 1) await buffer.add('v:c', 'likes', 1);
    let flushing = true;
    const flush = (async () => {
      // A slow store keeps the deltas out of both places for a while: taken from the cache, not yet committed.
      await buffer.flush(async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await store.apply(batch);
      });
      flushing = false;
    })();
    const seen = new Set<number>();
    while (flushing) {
      const { stored, pending } = await buffer.settled(['v:c'], async () => store.value('v:c', 'likes'));
      seen.add(stored + (pending.get('v:c')?.likes ?? 0));
    }
    await flush;
    expect([...seen]).toEqual([40]);
    expect(store.value('v:c', 'likes')).toBe(40);
  });

  it('puts the deltas back when writing them to the store fails', async () => {
    const opened = await open();
    dispose = opened.dispose;
    const buffer = new CounterBuffer(opened.cache, { fields: FIELDS });
    const store = fakeStore();
    await buffer.add('v:a', 'likes', 3);
    await expect(
      buffer.flush(async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    expect((await buffer.pending(['v:a'])).get('v:a')?.likes).toBe(3);
    await drain(buffer, (batch) => store.apply(batch));
    expect(store.value('v:a', 'likes')).toBe(3);
  });

  it('skips a log slot a writer numbered but never filled, after a grace period', async () => {
    const opened = await open();
    dispose = opened.dispose;
    const buffer = new CounterBuffer(opened.cache, { fields: FIELDS, prefix: 't:', emptySlotGraceMs: 50 });
    const store = fakeStore();
    await opened.cache.incrBy('t:log:head', 1); // a writer died between numbering its slot and filling it
    await buffer.add('v:b', 'likes', 1);
    expect(await buffer.flush((batch) => store.apply(batch))).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await drain(buffer, (batch) => store.apply(batch));
    expect(store.value('v:b', 'likes')).toBe(1);
  });
});
