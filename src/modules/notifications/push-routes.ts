import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireViewer } from '../../http/auth.ts';
import type { NewPushSubscription, PushService } from './push-service.ts';

const Endpoint = Type.String({ minLength: 1, maxLength: 2048 });
const SubscriptionBody = Type.Object({
  endpoint: Endpoint,
  expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  keys: Type.Object({ p256dh: Type.String({ maxLength: 200 }), auth: Type.String({ maxLength: 100 }) }),
});

/** Web Push: the installation's VAPID key, and the caller's own browser subscriptions. */
export function registerPushRoutes(app: FastifyInstance, push: PushService, vapidPublicKey: string): void {
  const tags = ['notifications'];

  app.get(
    '/v1/push/vapid-public-key',
    { schema: { tags, response: { 200: Type.Object({ public_key: Type.String() }) } } },
    async () => ({ public_key: vapidPublicKey }),
  );

  app.post<{ Body: NewPushSubscription }>(
    '/v1/push/subscriptions',
    { schema: { tags, body: SubscriptionBody, response: { 201: Type.Object({ endpoint: Type.String() }) } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await push.subscribe(viewer.userId, request.body);
      reply.status(201);
      return { endpoint: request.body.endpoint };
    },
  );

  app.delete<{ Body: { endpoint: string } }>(
    '/v1/push/subscriptions',
    { schema: { tags, body: Type.Object({ endpoint: Endpoint }) } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await push.unsubscribe(viewer.userId, request.body.endpoint);
      reply.status(204);
    },
  );
}
