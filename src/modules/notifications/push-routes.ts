import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireViewer } from '../../http/auth.ts';
import { NoContent, Nullable } from '../../http/schemas.ts';
import type { PushService } from './push-service.ts';
import { PushSubscribedSchema, VapidKeySchema } from './schemas.ts';

const Endpoint = Type.String({ minLength: 1, maxLength: 2048 });
const SubscriptionBody = Type.Object({
  endpoint: Endpoint,
  expirationTime: Type.Optional(Nullable(Type.Number())),
  keys: Type.Object({ p256dh: Type.String({ maxLength: 200 }), auth: Type.String({ maxLength: 100 }) }),
});

/** Web Push: the installation's VAPID key, and the caller's own browser subscriptions. */
export function registerPushRoutes(app: FastifyInstance, push: PushService, vapidPublicKey: string): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];

  api.get('/v1/push/vapid-public-key', { schema: { tags, response: { 200: VapidKeySchema } } }, async () => ({
    public_key: vapidPublicKey,
  }));

  api.post(
    '/v1/push/subscriptions',
    { schema: { tags, body: SubscriptionBody, response: { 201: PushSubscribedSchema } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await push.subscribe(viewer.userId, request.body);
      reply.status(201);
      return { endpoint: request.body.endpoint };
    },
  );

  api.delete(
    '/v1/push/subscriptions',
    { schema: { tags, body: Type.Object({ endpoint: Endpoint }), response: { 204: NoContent } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await push.unsubscribe(viewer.userId, request.body.endpoint);
      reply.status(204);
      return null;
    },
  );
}
