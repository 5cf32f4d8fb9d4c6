import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { TRENDING_TYPES, type TrendingService, type TrendingType } from './service.ts';

const TrendingQuery = Type.Object({
  type: Type.Optional(Type.Union(TRENDING_TYPES.map((type) => Type.Literal(type)))),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export function registerTrendingRoutes(app: FastifyInstance, trending: TrendingService): void {
  app.get<{ Querystring: { type?: TrendingType; count?: number } }>(
    '/v1/trending',
    { schema: { tags: ['trending'], querystring: TrendingQuery } },
    async (request) =>
      trending.trending(request.query.type ?? 'hashtags', request.query.count ?? 20, request.viewer?.userId ?? null),
  );
}
