import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS, type Lock } from '@tus/server';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serviceUrl, uniqueName } from '../../../test/support/services.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import { createMemoryCache } from '../../platform/cache/memory-cache.ts';
import { createRedisCache } from '../../platform/cache/redis-cache.ts';
import { CacheUploadLocker, type UploadLockTiming } from './cache-upload-locker.ts';

const redisUrl = serviceUrl('REDIS_URL');

// A lease long enough that a renewal delayed by a loaded machine (CI runs files in parallel) never lets it lapse.
const FAST: Partial<UploadLockTiming> = { leaseMs: 3000, retryMs: 20, reaskMs: 200, acquireTimeoutMs: 10_000 };

/** Two "nodes" sharing one lock store: one memory cache seen twice, or two Redis connections on one prefix. */
interface Nodes {
  a: Cache;
  b: Cache;
  dispose(): Promise<void>;
}

async function memoryNodes(): Promise<Nodes> {
  const cache = createMemoryCache();
  return { a: cache, b: cache, dispose: () => cache.close() };
}

async function redisNodes(url: string): Promise<Nodes> {
  const keyPrefix = `${uniqueName('test')}:`;
  const [a, b] = await Promise.all([createRedisCache({ url, keyPrefix }), createRedisCache({ url, keyPrefix })]);
  return {
    a,
    b,
    async dispose() {
      await Promise.all([a.close(), b.close()]);
      const admin = new Redis(url);
      try {
        for await (const keys of admin.scanStream({ match: `${keyPrefix}*`, count: 500 })) {
          if ((keys as string[]).length > 0) await admin.del(...(keys as string[]));
        }
      } finally {
        await admin.quit();
      }
    },
  };
}

const variants: Array<{ name: string; nodes: () => Promise<Nodes> }> = [{ name: 'memory', nodes: memoryNodes }];
if (redisUrl) variants.push({ name: 'redis', nodes: () => redisNodes(redisUrl) });

describe.each(variants)('cache upload locker: $name', ({ nodes: openNodes }) => {
  let nodes: Nodes;
  const held: Lock[] = [];
  afterEach(async () => {
    await Promise.all(held.splice(0).map((lock) => lock.unlock().catch(() => {})));
    await nodes.dispose();
  });
  const open = async () => {
    nodes = await openNodes();
    return {
      a: new CacheUploadLocker(nodes.a, FAST),
      b: new CacheUploadLocker(nodes.b, FAST),
    };
  };
  const never = () => new AbortController().signal;
  /** A lock `locker` takes on upload `id` and holds until the test ends. */
  const holding = async (locker: CacheUploadLocker, id: string) => {
    const lock = locker.newLock(id);
    await lock.lock(never(), () => {});
    held.push(lock);
    return lock;
  };

  it('gives an upload to one holder at a time, and other uploads to others', async () => {
    const { a, b } = await open();
    const id = randomUUID();
    const first = await holding(a, id);

    const _other = await holding(b, randomUUID());

    const second = b.newLock(id);
    let acquired = false;
    const waiting = second
      .lock(never(), () => {})
      .then(() => {
        acquired = true;
      });
    // Several renewals of the first lease pass; the second lock must still be waiting.
    await sleep(FAST.leaseMs as number);
    expect(acquired).toBe(false);
    await first.unlock();
    held.splice(held.indexOf(first), 1);
    await waiting;
    held.push(second);
    expect(acquired).toBe(true);
  });

  it('lets exactly one of many concurrent requests take a free upload', async () => {
    const { a, b } = await open();
    const id = randomUUID();
    const locks = Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).newLock(id));
    const controller = new AbortController();
    const outcomes = locks.map((lock) =>
      lock
        .lock(controller.signal, () => {})
        .then(
          () => 'acquired',
          (error: unknown) => error,
        ),
    );
    await sleep(200);
    controller.abort();
    const settled = await Promise.all(outcomes);
    expect(settled.filter((outcome) => outcome === 'acquired')).toHaveLength(1);
    expect(settled.filter((outcome) => outcome === ERRORS.ERR_LOCK_TIMEOUT)).toHaveLength(5);
    held.push(locks[settled.indexOf('acquired')] as Lock);
  });

  it('asks the holder to release, then acquires once it unlocks', async () => {
    const { a, b } = await open();
    const id = randomUUID();
    const first = a.newLock(id);
    const releaseRequested = vi.fn(async () => {
      // What tus does on cancelReq: end the request, which unlocks.
      await first.unlock();
    });
    await first.lock(never(), releaseRequested);

    const second = b.newLock(id);
    const secondReleaseRequested = vi.fn();
    await second.lock(never(), secondReleaseRequested);
    held.push(second);
    expect(releaseRequested).toHaveBeenCalledTimes(1);
    expect(secondReleaseRequested).not.toHaveBeenCalled();
  });

  it('takes over the lease of a holder that vanished once its TTL runs out', async () => {
    const { a, b } = await open();
    const id = randomUUID();
    // What a crashed node leaves behind: a lease nobody renews and nobody will release on request.
    expect(await nodes.a.setIfAbsent(`tus-lock:${id}`, 'crashed-node', FAST.leaseMs as number)).toBe(true);
    const started = performance.now();
    const _lock = await holding(b, id);
    expect(performance.now() - started).toBeGreaterThanOrEqual((FAST.leaseMs as number) - 100);
    expect(await nodes.b.get(`tus-lock:${id}`)).not.toBe('crashed-node');

    // And a live holder's lease outlasts its TTL, renewed while held.
    await sleep((FAST.leaseMs as number) + 500);
    const late = a.newLock(id);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(late.lock(controller.signal, () => {})).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
  });

  it('fails with ERR_LOCK_TIMEOUT when the signal aborts, and stops waiting', async () => {
    const { a, b } = await open();
    const id = randomUUID();
    const _holder = await holding(a, id);

    const controller = new AbortController();
    const waiter = b.newLock(id);
    const waiting = waiter.lock(controller.signal, () => {});
    await sleep(50);
    controller.abort();
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);

    const aborted = new AbortController();
    aborted.abort();
    await expect(b.newLock(randomUUID()).lock(aborted.signal, () => {})).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    await expect(waiter.unlock()).rejects.toThrow();
  });

  it('gives up after its own acquire timeout even when the signal never aborts', async () => {
    const { a } = await open();
    const id = randomUUID();
    const _holder = await holding(a, id);
    const impatient = new CacheUploadLocker(nodes.b, { ...FAST, acquireTimeoutMs: 150 });
    await expect(impatient.newLock(id).lock(never(), () => {})).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
  });

  it('tells its holder to stop when the lease was lost', async () => {
    const { a } = await open();
    const id = randomUUID();
    const lost = vi.fn();
    const lock = a.newLock(id);
    await lock.lock(never(), lost);
    held.push(lock);
    // Say the cache was unreachable for longer than the lease: it expired and someone else took it.
    await nodes.b.delete(`tus-lock:${id}`);
    expect(await nodes.b.setIfAbsent(`tus-lock:${id}`, 'someone-else', 60_000)).toBe(true);
    await vi.waitFor(() => expect(lost).toHaveBeenCalled(), { timeout: 5000 });
    // Its unlock leaves the other holder's lease alone.
    held.splice(0);
    await lock.unlock();
    expect(await nodes.b.get(`tus-lock:${id}`)).toBe('someone-else');
  });
});
