import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, PageQuery } from '../../http/schemas.ts';
import {
  HashtagPageSchema,
  SearchAnswerSchema,
  SearchTypeSchema,
  SoundVideosPageSchema,
  SuggestAnswerSchema,
} from './schemas.ts';
import type { SearchService } from './service.ts';

// No maxLength on the query: the service answers a long one with QUERY_TOO_LONG rather than a schema error.
const SearchQuery = Type.Object({
  query: Type.Optional(Type.String()),
  type: Type.Optional(SearchTypeSchema),
  ...PageQuery.properties,
});

const SuggestQuery = Type.Object({ query: Type.Optional(Type.String()) });

export function registerSearchRoutes(app: FastifyInstance, search: SearchService, rateLimit: RateLimiter): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/v1/search',
    { schema: { tags: ['search'], querystring: SearchQuery, response: { 200: SearchAnswerSchema } } },
    async (request) => {
      await rateLimit(request, RATE_LIMITS.search);
      const { query, type, cursor, count } = request.query;
      return search.search({ query, type: type ?? 'all', cursor, count, viewerId: request.viewer?.userId ?? null });
    },
  );

  api.get(
    '/v1/search/suggest',
    { schema: { tags: ['search'], querystring: SuggestQuery, response: { 200: SuggestAnswerSchema } } },
    async (request) => {
      await rateLimit(request, RATE_LIMITS.suggest);
      return search.suggest(request.query.query, request.viewer?.userId ?? null);
    },
  );

  api.get(
    '/v1/hashtags/:name',
    {
      schema: {
        tags: ['search'],
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        querystring: PageQuery,
        response: { 200: HashtagPageSchema },
      },
    },
    async (request) => search.hashtag(request.params.name, request.query, request.viewer?.userId ?? null),
  );

  api.get(
    '/v1/sounds/:id/videos',
    {
      schema: {
        tags: ['search'],
        params: IdParam,
        querystring: PageQuery,
        response: { 200: SoundVideosPageSchema },
      },
    },
    async (request) => search.soundVideos(request.params.id, request.query, request.viewer?.userId ?? null),
  );
}
