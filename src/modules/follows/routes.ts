import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { decodeTimePosition, encodeCursor } from '../../http/cursor.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { NoContent, PageQuery } from '../../http/schemas.ts';
import { UsernameParam } from '../accounts/schemas.ts';
import { BlockStateSchema, FollowRequestPageSchema, FollowStateSchema, UserPageSchema } from './schemas.ts';
import type { FollowService, UserPage } from './service.ts';

function userPage(page: UserPage) {
  return { users: page.users, cursor: page.next ? encodeCursor(page.next) : null, has_more: page.next !== null };
}

export function registerFollowRoutes(app: FastifyInstance, follows: FollowService, rateLimit: RateLimiter): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['follows'];

  api.post(
    '/v1/users/:username/follow',
    { schema: { tags, params: UsernameParam, response: { 200: FollowStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.follow);
      return follows.follow(viewer.userId, request.params.username);
    },
  );

  api.delete(
    '/v1/users/:username/follow',
    { schema: { tags, params: UsernameParam, response: { 200: FollowStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.follow);
      return follows.unfollow(viewer.userId, request.params.username);
    },
  );

  api.get(
    '/v1/users/:username/followers',
    { schema: { tags, params: UsernameParam, querystring: PageQuery, response: { 200: UserPageSchema } } },
    async (request) => {
      const after = decodeTimePosition(request.query.cursor);
      const viewerId = request.viewer?.userId ?? null;
      return userPage(await follows.followers(request.params.username, viewerId, after, request.query.count ?? 20));
    },
  );

  api.get(
    '/v1/users/:username/following',
    { schema: { tags, params: UsernameParam, querystring: PageQuery, response: { 200: UserPageSchema } } },
    async (request) => {
      const after = decodeTimePosition(request.query.cursor);
      const viewerId = request.viewer?.userId ?? null;
      return userPage(await follows.following(request.params.username, viewerId, after, request.query.count ?? 20));
    },
  );

  api.get(
    '/v1/users/me/follow-requests',
    { schema: { tags, querystring: PageQuery, response: { 200: FollowRequestPageSchema } } },
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

  api.get(
    '/v1/users/me/blocked',
    { schema: { tags, querystring: PageQuery, response: { 200: UserPageSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      const after = decodeTimePosition(request.query.cursor);
      return userPage(await follows.blocked(viewer.userId, after, request.query.count ?? 20));
    },
  );

  api.post(
    '/v1/users/me/follow-requests/:username/approve',
    { schema: { tags, params: UsernameParam, response: { 204: NoContent } } },
    async (request, reply) => {
      await follows.approveRequest(requireViewer(request).userId, request.params.username);
      reply.status(204);
      return null;
    },
  );

  api.post(
    '/v1/users/me/follow-requests/:username/deny',
    { schema: { tags, params: UsernameParam, response: { 204: NoContent } } },
    async (request, reply) => {
      await follows.denyRequest(requireViewer(request).userId, request.params.username);
      reply.status(204);
      return null;
    },
  );

  api.post(
    '/v1/users/:username/block',
    { schema: { tags, params: UsernameParam, response: { 200: BlockStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.follow);
      return follows.block(viewer.userId, request.params.username);
    },
  );

  api.delete(
    '/v1/users/:username/block',
    { schema: { tags, params: UsernameParam, response: { 200: BlockStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.follow);
      return follows.unblock(viewer.userId, request.params.username);
    },
  );
}
