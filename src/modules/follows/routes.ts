import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import type { TimePosition } from '../../http/cursor.ts';
import { answerOwnPage, answerPage, itemsIn, timePages } from '../../http/pages.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { NoContent, PageQuery } from '../../http/schemas.ts';
import { registerToggle } from '../../http/toggle-routes.ts';
import { UsernameParam } from '../accounts/schemas.ts';
import { BlockStateSchema, FollowRequestPageSchema, FollowStateSchema, UserPageSchema } from './schemas.ts';
import type { FollowService } from './service.ts';

export function registerFollowRoutes(app: FastifyInstance, follows: FollowService, rateLimit: RateLimiter): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['follows'];
  const byUsername = { tags, params: UsernameParam, subjectOf: (params: { username: string }) => params.username };
  const followLimit = { ...byUsername, rateLimit, rule: RATE_LIMITS.follow };

  registerToggle(app, followLimit, '/v1/users/:username/follow', FollowStateSchema, (username, viewerId, on) =>
    on ? follows.follow(viewerId, username) : follows.unfollow(viewerId, username),
  );

  for (const list of ['followers', 'following'] as const) {
    api.get(
      `/v1/users/:username/${list}`,
      { schema: { tags, params: UsernameParam, querystring: PageQuery, response: { 200: UserPageSchema } } },
      async (request) => {
        const viewerId = request.viewer?.userId ?? null;
        const ofUser = (after: TimePosition | null, count: number) =>
          follows[list](request.params.username, viewerId, after, count);
        return answerPage(request, timePages, ofUser, itemsIn('users'));
      },
    );
  }

  api.get(
    '/v1/users/me/follow-requests',
    { schema: { tags, querystring: PageQuery, response: { 200: FollowRequestPageSchema } } },
    async (request) => answerOwnPage(request, timePages, (...at) => follows.followRequests(...at), itemsIn('requests')),
  );

  api.get(
    '/v1/users/me/blocked',
    { schema: { tags, querystring: PageQuery, response: { 200: UserPageSchema } } },
    async (request) => answerOwnPage(request, timePages, (...at) => follows.blocked(...at), itemsIn('users')),
  );

  const answers = {
    approve: (viewerId: string, username: string) => follows.approveRequest(viewerId, username),
    deny: (viewerId: string, username: string) => follows.denyRequest(viewerId, username),
  };
  for (const [answer, act] of Object.entries(answers)) {
    api.post(
      `/v1/users/me/follow-requests/:username/${answer}`,
      { schema: { tags, params: UsernameParam, response: { 204: NoContent } } },
      async (request, reply) => {
        await act(requireViewer(request).userId, request.params.username);
        reply.status(204);
        return null;
      },
    );
  }

  registerToggle(app, followLimit, '/v1/users/:username/block', BlockStateSchema, (username, viewerId, on) =>
    on ? follows.block(viewerId, username) : follows.unblock(viewerId, username),
  );
}
