import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { limitedViewerId, type RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, NoContent } from '../../http/schemas.ts';
import type { LiveChatService } from './chat.ts';
import {
  ChatMessageParams,
  ChatPageSchema,
  ModerationBody,
  PostChatBody,
  PostedChatSchema,
  SlowModeSchema,
} from './schemas.ts';

/** A stream room's chat and moderation (protocol in docs/api.md); the room's frames go out over /v1/ws. */
export function registerLiveChatRoutes(app: FastifyInstance, chat: LiveChatService, rateLimit: RateLimiter): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['live'];

  api.get(
    '/v1/live/:id/chat',
    { schema: { tags, params: IdParam, response: { 200: ChatPageSchema } } },
    async (request) => ({ items: await chat.history(requireViewer(request).userId, request.params.id) }),
  );

  api.post(
    '/v1/live/:id/chat',
    { schema: { tags, params: IdParam, body: PostChatBody, response: { 201: PostedChatSchema } } },
    async (request, reply) => {
      const viewerId = await limitedViewerId(request, rateLimit, RATE_LIMITS.liveChat);
      const message = await chat.post(viewerId, request.params.id, request.body.text);
      return reply.status(201).send({ message });
    },
  );

  api.delete(
    '/v1/live/:id/chat/:messageId',
    { schema: { tags, params: ChatMessageParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await chat.remove(requireViewer(request).userId, request.params.id, request.params.messageId);
      reply.status(204);
      return null;
    },
  );

  api.post(
    '/v1/live/:id/moderation',
    { schema: { tags, params: IdParam, body: ModerationBody, response: { 204: NoContent } } },
    async (request, reply) => {
      const { user_id, action } = request.body;
      await chat.moderate(requireViewer(request).userId, request.params.id, user_id, action);
      reply.status(204);
      return null;
    },
  );

  api.put(
    '/v1/live/:id/slow-mode',
    { schema: { tags, params: IdParam, body: SlowModeSchema, response: { 200: SlowModeSchema } } },
    async (request) => ({
      seconds: await chat.setSlowMode(requireViewer(request).userId, request.params.id, request.body.seconds),
    }),
  );
}
