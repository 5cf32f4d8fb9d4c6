import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../../config.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { PageQuery } from '../../http/schemas.ts';
import type { FeedService } from './service.ts';

export function registerFeedRoutes(app: FastifyInstance, feed: FeedService, rateLimit: RateLimiter): void {
  app.get<{ Querystring: { cursor?: string; count?: number } }>(
    '/v1/feed/fyp',
    { schema: { tags: ['feed'], querystring: PageQuery } },
    async (request) => {
      await rateLimit(request, RATE_LIMITS.fyp);
      const after = decodeCursor(request.query.cursor, ['at', 'id'] as const);
      const page = await feed.forYou(after, request.query.count ?? 10);
      return {
        videos: page.videos,
        cursor: page.next ? encodeCursor(page.next) : null,
        has_more: page.next !== null,
        prefetch_hints: page.prefetch_hints,
      };
    },
  );
}
