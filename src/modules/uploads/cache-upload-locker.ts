import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';
import type { Cache, Unsubscribe } from '../../platform/cache/cache.ts';

export interface UploadLockTiming {
  /** How long a lease outlives its last renewal: how long a crashed holder keeps an upload locked. */
  leaseMs: number;
  /** Pause between a waiter's attempts to take the lease. */
  retryMs: number;
  /** How often a waiter repeats its release request, in case the holder missed it. */
  reaskMs: number;
  /** A waiter gives up (ERR_LOCK_TIMEOUT) after this long, like tus' MemoryLocker. */
  acquireTimeoutMs: number;
}

const DEFAULT_TIMING: UploadLockTiming = { leaseMs: 10_000, retryMs: 75, reaskMs: 1000, acquireTimeoutMs: 30_000 };

/**
 * tus' per-upload lock on the shared cache, so two PATCHes of one upload stay apart whichever api nodes receive them.
 * The lock is a lease: a random token under `tus-lock:<id>`, renewed while held and left to expire when its holder
 * dies. A waiter asks the holder to let go on `tus-release:<id>`; the holder then has tus end its request.
 */
export class CacheUploadLocker implements Locker {
  readonly #cache: Cache;
  readonly #timing: UploadLockTiming;

  constructor(cache: Cache, timing: Partial<UploadLockTiming> = {}) {
    this.#cache = cache;
    this.#timing = { ...DEFAULT_TIMING, ...timing };
  }

  newLock(id: string): Lock {
    return new CacheUploadLock(this.#cache, id, this.#timing);
  }
}

interface Holding {
  token: string;
  renewal: NodeJS.Timeout;
  stopListening: Unsubscribe;
}

class CacheUploadLock implements Lock {
  readonly #cache: Cache;
  readonly #key: string;
  readonly #channel: string;
  readonly #timing: UploadLockTiming;
  #holding: Holding | null = null;

  constructor(cache: Cache, id: string, timing: UploadLockTiming) {
    this.#cache = cache;
    this.#key = `tus-lock:${id}`;
    this.#channel = `tus-release:${id}`;
    this.#timing = timing;
  }

  async lock(signal: AbortSignal, cancelReq: RequestRelease): Promise<void> {
    if (this.#holding) throw new Error('This upload lock is held already.');
    const token = randomUUID();
    // Listening before taking the lease, so a waiter that sees it taken has its request heard. Requests that arrive
    // while this lock is still waiting are meant for the current holder; the waiter repeats them, so none is lost.
    const stopListening = await this.#cache.subscribe(this.#channel, (requester) => {
      if (requester !== token && this.#holding?.token === token) void cancelReq();
    });
    try {
      await this.#acquire(token, AbortSignal.any([signal, AbortSignal.timeout(this.#timing.acquireTimeoutMs)]));
    } catch (error) {
      await stopListening();
      throw error;
    }
    this.#holding = { token, stopListening, renewal: this.#renewEvery(token, cancelReq) };
  }

  async unlock(): Promise<void> {
    const holding = this.#holding;
    if (!holding) throw new Error('Releasing an unlocked lock!');
    this.#holding = null;
    clearInterval(holding.renewal);
    try {
      await this.#cache.deleteIfValue(this.#key, holding.token);
    } finally {
      await holding.stopListening();
    }
  }

  async #acquire(token: string, deadline: AbortSignal): Promise<void> {
    let askedAt = Number.NEGATIVE_INFINITY;
    for (;;) {
      if (deadline.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
      if (await this.#cache.setIfAbsent(this.#key, token, this.#timing.leaseMs)) return;
      if (performance.now() - askedAt >= this.#timing.reaskMs) {
        askedAt = performance.now();
        await this.#cache.publish(this.#channel, token);
      }
      try {
        await sleep(this.#timing.retryMs, undefined, { signal: deadline });
      } catch {
        throw ERRORS.ERR_LOCK_TIMEOUT;
      }
    }
  }

  #renewEvery(token: string, cancelReq: RequestRelease): NodeJS.Timeout {
    let renewing = false;
    const renewal = setInterval(
      async () => {
        if (renewing) return;
        renewing = true;
        try {
          const kept = await this.#cache.extendIfValue(this.#key, token, this.#timing.leaseMs);
          // The lease lapsed (the cache was unreachable for longer than it lasts): someone else may be writing now.
          if (!kept && this.#holding?.token === token) await cancelReq();
        } catch {
          // Unreachable for now: the next renewal tries again, and the lease lasts three of them.
        } finally {
          renewing = false;
        }
      },
      Math.max(1, Math.floor(this.#timing.leaseMs / 3)),
    );
    renewal.unref();
    return renewal;
  }
}
