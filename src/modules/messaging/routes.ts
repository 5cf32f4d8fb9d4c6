import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS, TEXT_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { answerOwnPage, seqPages } from '../../http/pages.ts';
import { limitedViewerId, type RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, PageQuery, Uuid } from '../../http/schemas.ts';
import { UnreadCountSchema } from '../notifications/schemas.ts';
import { ConversationPageSchema, ConversationSchema, MessagePageSchema, MessageSchema } from './schemas.ts';
import type { MessagingService } from './service.ts';

const OpenBody = Type.Object(
  {
    member_usernames: Type.Array(Type.String({ maxLength: TEXT_LIMITS.username.max }), {
      minItems: 1,
      maxItems: TEXT_LIMITS.conversationMembers,
    }),
    title: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.conversationTitle })),
  },
  { additionalProperties: false },
);

const SendBody = Type.Object(
  { text: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.message })), video_id: Type.Optional(Uuid) },
  { additionalProperties: false },
);

const ReadBody = Type.Object({ message_id: Uuid }, { additionalProperties: false });

/** Conversations and messages; the service answers 404 to anyone not a member. */
export function registerMessagingRoutes(
  app: FastifyInstance,
  deps: { messaging: MessagingService; rateLimit: RateLimiter },
): void {
  const { messaging, rateLimit } = deps;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['messaging'];

  api.post(
    '/v1/conversations',
    { schema: { tags, body: OpenBody, response: { 200: ConversationSchema, 201: ConversationSchema } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const { conversation, created } = await messaging.open(viewer.userId, request.body);
      reply.status(created ? 201 : 200);
      return conversation;
    },
  );

  api.get(
    '/v1/conversations',
    { schema: { tags, querystring: PageQuery, response: { 200: ConversationPageSchema } } },
    async (request) =>
      answerOwnPage(
        request,
        seqPages,
        (...at) => messaging.list(...at),
        (page) => ({ conversations: page.items }),
      ),
  );

  api.get(
    '/v1/conversations/:id',
    { schema: { tags, params: IdParam, response: { 200: ConversationSchema } } },
    async (request) => messaging.get(request.params.id, requireViewer(request).userId),
  );

  api.get(
    '/v1/conversations/:id/messages',
    { schema: { tags, params: IdParam, querystring: PageQuery, response: { 200: MessagePageSchema } } },
    async (request) => {
      const history = (viewerId: string, before: string | null, count: number) =>
        messaging.history(request.params.id, viewerId, before, count);
      return answerOwnPage(request, seqPages, history, (page) => ({ messages: page.items }), 30);
    },
  );

  api.post(
    '/v1/conversations/:id/messages',
    { schema: { tags, params: IdParam, body: SendBody, response: { 201: MessageSchema } } },
    async (request, reply) => {
      const viewerId = await limitedViewerId(request, rateLimit, RATE_LIMITS.message);
      const message = await messaging.send(request.params.id, viewerId, request.body);
      reply.status(201);
      return message;
    },
  );

  api.post(
    '/v1/conversations/:id/read',
    { schema: { tags, params: IdParam, body: ReadBody, response: { 200: UnreadCountSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      return { unread_count: await messaging.markRead(request.params.id, viewer.userId, request.body.message_id) };
    },
  );
}
