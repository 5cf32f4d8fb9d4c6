import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { decodeTimePosition, encodeCursor } from '../../http/cursor.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { PageQuery, PublicUserSchema } from '../../http/schemas.ts';
import type { FollowService, UserPage } from './service.ts';

const Username = Type.Object({ username: Type.String({ maxLength: 64 }) });
const FollowStateSchema = Type.Object({ following: Type.Boolean(), requested: Type.Boolean() });
const UserPageSchema = Type.Object({
  users: Type.Array(PublicUserSchema),
  cursor: Type.Union([Type.String(), Type.Null()]),
  has_more: Type.Boolean(),
});

type PageRequest = { Params: { username: string }; Querystring: { cursor?: string; count?: number } };

function userPage(page: UserPage) {
  return { users: page.users, cursor: page.next ? encodeCursor(page.next) : null, has_more: page.next !== null };
}

export function registerFollowRoutes(app: FastifyInstance, follows: FollowService, rateLimit: RateLimiter): void {
  const tags = ['follows'];

  app.post<{ Params: { username: string } }>(
    '/v1/users/:username/follow',
    { schema: { tags, params: Username, response: { 200: FollowStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.follow);
      return follows.follow(viewer.userId, request.params.username);
    },
  );

  app.delete<{ Params: { username: string } }>(
    '/v1/users/:username/follow',
    { schema: { tags, params: Username, response: { 200: FollowStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.follow);
      return follows.unfollow(viewer.userId, request.params.username);
    },
  );

  app.get<PageRequest>(
    '/v1/users/:username/followers',
    { schema: { tags, params: Username, querystring: PageQuery, response: { 200: UserPageSchema } } },
    async (request) => {
      const after = decodeTimePosition(request.query.cursor);
      const viewerId = request.viewer?.userId ?? null;
      return userPage(await follows.followers(request.params.username, viewerId, after, request.query.count ?? 20));
    },
  );

  app.get<PageRequest>(
    '/v1/users/:username/following',
    { schema: { tags, params: Username, querystring: PageQuery, response: { 200: UserPageSchema } } },
    async (request) => {
      const after = decodeTimePosition(request.query.cursor);
      const viewerId = request.viewer?.userId ?? null;
      return userPage(await follows.following(request.params.username, viewerId, after, request.query.count ?? 20));
    },
  );

  app.get<{ Querystring: { cursor?: string; count?: number } }>(
    '/v1/users/me/follow-requests',
    {
      schema: {
        tags,
        querystring: PageQuery,
        response: {
          200: Type.Object({
            requests: Type.Array(Type.Object({ user: PublicUserSchema, requested_at: Type.String() })),
            cursor: Type.Union([Type.String(), Type.Null()]),
            has_more: Type.Boolean(),
          }),
        },
      },
    },
    async (request) => {
      const viewer = requireViewer(request);
      const after = decodeTimePosition(request.query.cursor);
      const page = await follows.followRequests(viewer.userId, after, request.query.count ?? 20);
      return {
        requests: page.requests,
        cursor: page.next ? encodeCursor(page.next) : null,
        has_more: page.next !== null,
      };
    },
  );

  app.get<{ Querystring: { cursor?: string; count?: number } }>(
    '/v1/users/me/blocked',
    { schema: { tags, querystring: PageQuery, response: { 200: UserPageSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      const after = decodeTimePosition(request.query.cursor);
      return userPage(await follows.blocked(viewer.userId, after, request.query.count ?? 20));
    },
  );

  app.post<{ Params: { username: string } }>(
    '/v1/users/me/follow-requests/:username/approve',
    { schema: { tags, params: Username } },
    async (request, reply) => {
      await follows.approveRequest(requireViewer(request).userId, request.params.username);
      reply.status(204);
    },
  );

  app.post<{ Params: { username: string } }>(
    '/v1/users/me/follow-requests/:username/deny',
    { schema: { tags, params: Username } },
    async (request, reply) => {
      await follows.denyRequest(requireViewer(request).userId, request.params.username);
      reply.status(204);
    },
  );

  app.post<{ Params: { username: string } }>(
    '/v1/users/:username/block',
    { schema: { tags, params: Username, response: { 200: Type.Object({ blocked: Type.Boolean() }) } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.follow);
      return follows.block(viewer.userId, request.params.username);
    },
  );

  app.delete<{ Params: { username: string } }>(
    '/v1/users/:username/block',
    { schema: { tags, params: Username, response: { 200: Type.Object({ blocked: Type.Boolean() }) } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.follow);
      return follows.unblock(viewer.userId, request.params.username);
    },
  );
}
