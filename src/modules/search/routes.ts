import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, PageQuery } from '../../http/schemas.ts';
import { SEARCH_TYPES, type SearchService, type SearchType } from './service.ts';

// No maxLength on the query: the service answers a long one with QUERY_TOO_LONG rather than a schema error.
const SearchQuery = Type.Object({
  query: Type.Optional(Type.String()),
  type: Type.Optional(Type.Union(SEARCH_TYPES.map((type) => Type.Literal(type)))),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

const SuggestQuery = Type.Object({ query: Type.Optional(Type.String()) });

type Page = { cursor?: string; count?: number };

export function registerSearchRoutes(app: FastifyInstance, search: SearchService, rateLimit: RateLimiter): void {
  app.get<{ Querystring: { query?: string; type?: SearchType; cursor?: string; count?: number } }>(
    '/v1/search',
    { schema: { tags: ['search'], querystring: SearchQuery } },
    async (request) => {
      await rateLimit(request, RATE_LIMITS.search);
      const { query, type, cursor, count } = request.query;
      return search.search({ query, type: type ?? 'all', cursor, count, viewerId: request.viewer?.userId ?? null });
    },
  );

  app.get<{ Querystring: { query?: string } }>(
    '/v1/search/suggest',
    { schema: { tags: ['search'], querystring: SuggestQuery } },
    async (request) => {
      await rateLimit(request, RATE_LIMITS.suggest);
      return search.suggest(request.query.query, request.viewer?.userId ?? null);
    },
  );

  app.get<{ Params: { name: string }; Querystring: Page }>(
    '/v1/hashtags/:name',
    {
      schema: {
        tags: ['search'],
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        querystring: PageQuery,
      },
    },
    async (request) => search.hashtag(request.params.name, request.query, request.viewer?.userId ?? null),
  );

  app.get<{ Params: { id: string }; Querystring: Page }>(
    '/v1/sounds/:id/videos',
    {
      schema: {
        tags: ['search'],
        params: IdParam,
        querystring: PageQuery,
      },
    },
    async (request) => search.soundVideos(request.params.id, request.query, request.viewer?.userId ?? null),
  );
}
