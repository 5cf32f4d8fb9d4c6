import type { FastifyRequest } from 'fastify';
import type { RateLimitRule } from '../config.ts';
import type { Cache } from '../platform/cache/cache.ts';
import { AppError } from '../platform/errors.ts';
import { requireViewer } from './auth.ts';

export interface RateLimiter {
  /** Limits a signed-in user by id and a visitor by address. */
  (request: FastifyRequest, rule: RateLimitRule): Promise<void>;
  /**
   * Limits one named subject whoever sends the request: `addressOf(request)`, or `account:<name>` for sign-in,
   * where a bearer token proves nothing about who is guessing.
   */
  subject(rule: RateLimitRule, subject: string): Promise<void>;
}

/** The client address as a rate-limit subject (X-Forwarded-For only from proxies TRUST_PROXY names). */
export function addressOf(request: FastifyRequest): string {
  return `ip:${request.ip}`;
}

/** `scale` 0 turns limiting off. */
export function createRateLimiter(cache: Cache, scale: number): RateLimiter {
  const subject = async (rule: RateLimitRule, key: string) => {
    if (scale === 0) return;
    const limit = Math.max(1, Math.round(rule.limit * scale));
    const result = await cache.rateLimit(`rl:${rule.name}:${key}`, limit, rule.windowMs);
    if (!result.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      throw new AppError(429, 'RATE_LIMITED', `Too many requests. Try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      });
    }
  };
  const byViewer = (request: FastifyRequest, rule: RateLimitRule) =>
    subject(rule, request.viewer ? `u:${request.viewer.userId}` : addressOf(request));
  return Object.assign(byViewer, { subject });
}

/** The signed-in viewer's id once the request is within `rule`: 401 without a viewer, then 429 over the limit. */
export async function limitedViewerId(request: FastifyRequest, rateLimit: RateLimiter, rule: RateLimitRule) {
  const viewer = requireViewer(request);
  await rateLimit(request, rule);
  return viewer.userId;
}
