import type { FastifyRequest } from 'fastify';
import type { RateLimitRule } from '../config.ts';
import type { Cache } from '../platform/cache/cache.ts';
import { AppError } from '../platform/errors.ts';

export type RateLimiter = (request: FastifyRequest, rule: RateLimitRule) => Promise<void>;

/** Limits a signed-in user by id and a visitor by address; `scale` 0 turns limiting off. */
export function createRateLimiter(cache: Cache, scale: number): RateLimiter {
  return async (request, rule) => {
    if (scale === 0) return;
    const subject = request.viewer ? `u:${request.viewer.userId}` : `ip:${request.ip}`;
    const limit = Math.max(1, Math.round(rule.limit * scale));
    const result = await cache.rateLimit(`rl:${rule.name}:${subject}`, limit, rule.windowMs);
    if (!result.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      throw new AppError(429, 'RATE_LIMITED', `Too many requests. Try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      });
    }
  };
}
