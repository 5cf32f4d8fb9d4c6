import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireViewer } from '../../http/auth.ts';
import { answerOwnPage, seqPages } from '../../http/pages.ts';
import { PageQuery } from '../../http/schemas.ts';
import { NotificationPageSchema, PreferencesSchema, UnreadCountSchema } from './schemas.ts';
import type { NotificationService } from './service.ts';

const PreferenceChanges = Type.Partial(PreferencesSchema, { additionalProperties: false });
const ReadBody = Type.Object(
  { up_to_id: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$' })) },
  { additionalProperties: false },
);

/** The caller's own notifications: every route reads the account from the token, never from the request. */
export function registerNotificationRoutes(app: FastifyInstance, notifications: NotificationService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];

  api.get(
    '/v1/notifications',
    { schema: { tags, querystring: PageQuery, response: { 200: NotificationPageSchema } } },
    async (request) =>
      answerOwnPage(
        request,
        seqPages,
        (...at) => notifications.list(...at),
        (page) => ({
          notifications: page.notifications,
          unread_count: page.unread_count,
        }),
      ),
  );

  api.get(
    '/v1/notifications/unread-count',
    { schema: { tags, response: { 200: UnreadCountSchema } } },
    async (request) => ({ unread_count: await notifications.unreadCount(requireViewer(request).userId) }),
  );

  api.post(
    '/v1/notifications/read',
    {
      schema: { tags, body: ReadBody, response: { 200: UnreadCountSchema } },
      // No body at all means "everything", like an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const viewer = requireViewer(request);
      return { unread_count: await notifications.markRead(viewer.userId, request.body.up_to_id ?? null) };
    },
  );

  api.get(
    '/v1/notifications/preferences',
    { schema: { tags, response: { 200: PreferencesSchema } } },
    async (request) => notifications.preferences(requireViewer(request).userId),
  );

  api.put(
    '/v1/notifications/preferences',
    { schema: { tags, body: PreferenceChanges, response: { 200: PreferencesSchema } } },
    async (request) => notifications.updatePreferences(requireViewer(request).userId, request.body),
  );
}
