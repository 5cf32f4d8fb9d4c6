import type { Cache } from '../../platform/cache/cache.ts';
import { AppError } from '../../platform/errors.ts';

export interface LoginBackoffPolicy {
  freeFailures: number;
  baseLockMs: number;
  maxLockMs: number;
  failureMemoryMs: number;
}

/** How long the `failures`-th failed sign-in in a row locks the account: 0, then doubling from the base, bounded. */
export function lockMsAfter(failures: number, policy: LoginBackoffPolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** doublings);
}

export interface FailedLogin {
  failures: number;
  /** The lock this failure started (0: none). */
  lockMs: number;
}

/**
 * Exponential backoff per account name after failed sign-ins, shared by every node through the cache. Keyed by the
 * name asked for, so an unknown name behaves exactly like a known one. While an account is locked no password is
 * checked, so a guess cannot be confirmed then; a right password only ends the backoff when it is accepted.
 */
export class LoginGuard {
  readonly #cache: Cache;
  readonly #policy: LoginBackoffPolicy;

  constructor(cache: Cache, policy: LoginBackoffPolicy) {
    this.#cache = cache;
    this.#policy = policy;
  }

  /** Throws 429 LOGIN_LOCKED while the account's sign-in is locked. */
  async assertOpen(name: string): Promise<void> {
    const until = Number((await this.#cache.get(lockKey(name))) ?? 0);
    const waitMs = until - Date.now();
    if (waitMs <= 0) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppError(
      429,
      'LOGIN_LOCKED',
      `Too many failed sign-ins to this account. Try again in ${retryAfterSeconds} s.`,
      { retryAfterSeconds },
    );
  }

  async recordFailure(name: string): Promise<FailedLogin> {
    const failures = await this.#cache.incrBy(failuresKey(name), 1, this.#policy.failureMemoryMs);
    const lockMs = lockMsAfter(failures, this.#policy);
    if (lockMs > 0) await this.#cache.set(lockKey(name), String(Date.now() + lockMs), lockMs);
    return { failures, lockMs };
  }

  async recordSuccess(name: string): Promise<void> {
    await Promise.all([this.#cache.delete(failuresKey(name)), this.#cache.delete(lockKey(name))]);
  }
}

const failuresKey = (name: string) => `login:failures:${name}`;
const lockKey = (name: string) => `login:locked:${name}`;
