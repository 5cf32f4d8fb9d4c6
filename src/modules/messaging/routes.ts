import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, PageQuery, Uuid } from '../../http/schemas.ts';
import { decodeSeqCursor, encodeSeqCursor } from '../../http/seq-cursor.ts';
import { Nullable, UnreadCountSchema, UserSummarySchema } from '../notifications/schemas.ts';
import type { MessagingService } from './service.ts';
import { MAX_MEMBERS } from './text.ts';

const MessageSchema = Type.Object({
  id: Type.String(),
  conversation_id: Type.String(),
  sender: UserSummarySchema,
  text: Nullable(Type.String()),
  video_id: Nullable(Type.String()),
  video: Type.Any({ description: 'The shared video as GET /v1/videos/{id} shows it to you, or null.' }),
  read_by: Type.Array(Type.String()),
  created_at: Type.String(),
});

const ConversationSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
  title: Nullable(Type.String()),
  members: Type.Array(UserSummarySchema),
  last_message: Nullable(MessageSchema),
  unread_count: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const OpenBody = Type.Object(
  {
    // A generous cap, so the service can name the limit (TOO_MANY_MEMBERS) instead of a schema error.
    member_usernames: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: MAX_MEMBERS * 4 }),
    title: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);

const SendBody = Type.Object(
  { text: Type.Optional(Type.String({ maxLength: 8000 })), video_id: Type.Optional(Uuid) },
  { additionalProperties: false },
);

type ById = { Params: { id: string } };
type PageOf = { Querystring: { cursor?: string; count?: number } };

/** Conversations and messages; the service answers 404 to anyone not a member. */
export function registerMessagingRoutes(
  app: FastifyInstance,
  deps: { messaging: MessagingService; rateLimit: RateLimiter },
): void {
  const { messaging, rateLimit } = deps;
  const tags = ['messaging'];

  app.post<{ Body: { member_usernames: string[]; title?: string } }>(
    '/v1/conversations',
    { schema: { tags, body: OpenBody, response: { 200: ConversationSchema, 201: ConversationSchema } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const { conversation, created } = await messaging.open(viewer.userId, request.body);
      reply.status(created ? 201 : 200);
      return conversation;
    },
  );

  app.get<PageOf>(
    '/v1/conversations',
    {
      schema: {
        tags,
        querystring: PageQuery,
        response: {
          200: Type.Object({
            conversations: Type.Array(ConversationSchema),
            cursor: Nullable(Type.String()),
            has_more: Type.Boolean(),
          }),
        },
      },
    },
    async (request) => {
      const viewer = requireViewer(request);
      const before = decodeSeqCursor(request.query.cursor);
      const page = await messaging.list(viewer.userId, before, request.query.count ?? 20);
      return { conversations: page.items, cursor: encodeSeqCursor(page.next), has_more: page.next !== null };
    },
  );

  app.get<ById>(
    '/v1/conversations/:id',
    { schema: { tags, params: IdParam, response: { 200: ConversationSchema } } },
    async (request) => messaging.get(request.params.id, requireViewer(request).userId),
  );

  app.get<ById & PageOf>(
    '/v1/conversations/:id/messages',
    {
      schema: {
        tags,
        params: IdParam,
        querystring: PageQuery,
        response: {
          200: Type.Object({
            messages: Type.Array(MessageSchema),
            cursor: Nullable(Type.String()),
            has_more: Type.Boolean(),
          }),
        },
      },
    },
    async (request) => {
      const viewer = requireViewer(request);
      const before = decodeSeqCursor(request.query.cursor);
      const page = await messaging.history(request.params.id, viewer.userId, before, request.query.count ?? 30);
      return { messages: page.items, cursor: encodeSeqCursor(page.next), has_more: page.next !== null };
    },
  );

  app.post<ById & { Body: { text?: string; video_id?: string } }>(
    '/v1/conversations/:id/messages',
    { schema: { tags, params: IdParam, body: SendBody, response: { 201: MessageSchema } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.message);
      const message = await messaging.send(request.params.id, viewer.userId, request.body);
      reply.status(201);
      return message;
    },
  );

  app.post<ById & { Body: { message_id: string } }>(
    '/v1/conversations/:id/read',
    {
      schema: {
        tags,
        params: IdParam,
        body: Type.Object({ message_id: Uuid }, { additionalProperties: false }),
        response: { 200: UnreadCountSchema },
      },
    },
    async (request) => {
      const viewer = requireViewer(request);
      return { unread_count: await messaging.markRead(request.params.id, viewer.userId, request.body.message_id) };
    },
  );
}
