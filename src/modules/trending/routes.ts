import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PAGE_LIMITS } from '../../config.ts';
import { TrendingAnswerSchema, TrendingTypeSchema } from './schemas.ts';
import type { TrendingService } from './service.ts';

const TrendingQuery = Type.Object({
  type: Type.Optional(TrendingTypeSchema),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMITS.maxCount })),
});

export function registerTrendingRoutes(app: FastifyInstance, trending: TrendingService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/v1/trending',
    { schema: { tags: ['trending'], querystring: TrendingQuery, response: { 200: TrendingAnswerSchema } } },
    async (request) =>
      trending.trending(request.query.type ?? 'hashtags', request.query.count ?? 20, request.viewer?.userId ?? null),
  );
}
