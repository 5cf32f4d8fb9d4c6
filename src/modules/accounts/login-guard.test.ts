import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOGIN_BACKOFF } from '../../config.ts';
import { createMemoryCache } from '../../platform/cache/memory-cache.ts';
import { LoginGuard, lockMsAfter } from './login-guard.ts';

describe('login backoff', () => {
  it('lets the first failures go, then locks for a doubling time up to the bound', () => {
    const policy = { freeFailures: 3, baseLockMs: 1000, maxLockMs: 5000, failureMemoryMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 40, 10_000].map((failures) => lockMsAfter(failures, policy))).toEqual([
      0, 0, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
    expect(lockMsAfter(LOGIN_BACKOFF.freeFailures - 1, LOGIN_BACKOFF)).toBe(0);
    expect(lockMsAfter(1_000_000, LOGIN_BACKOFF)).toBe(LOGIN_BACKOFF.maxLockMs);
  });

  const cache = createMemoryCache();
  afterEach(() => vi.useRealTimers());

  it('refuses a locked name with LOGIN_LOCKED and Retry-After, opens again when the lock ends, forgets on success', async () => {
    const guard = new LoginGuard(cache, { freeFailures: 2, baseLockMs: 200, maxLockMs: 400, failureMemoryMs: 60_000 });
    await guard.assertOpen('ann');
    expect(await guard.recordFailure('ann')).toEqual({ failures: 1, lockMs: 0 });
    await guard.assertOpen('ann');
    expect(await guard.recordFailure('ann')).toEqual({ failures: 2, lockMs: 200 });
    await expect(guard.assertOpen('ann')).rejects.toMatchObject({
      status: 429,
      code: 'LOGIN_LOCKED',
      details: { retryAfterSeconds: 1 },
    });
    await guard.assertOpen('bob');
    await vi.waitFor(() => guard.assertOpen('ann'), { timeout: 2000, interval: 20 });
    expect(await guard.recordFailure('ann')).toEqual({ failures: 3, lockMs: 400 });
    await guard.recordSuccess('ann');
    await guard.assertOpen('ann');
    expect(await guard.recordFailure('ann')).toEqual({ failures: 1, lockMs: 0 });
  });
});
