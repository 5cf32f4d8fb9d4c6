import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { PublicUserSchema } from '../../http/schemas.ts';
import { readAvatarFile } from './avatar-form.ts';
import type { Avatars } from './avatars.ts';

/** `PUT /v1/users/me/avatar` (multipart, one `avatar` file) and `DELETE` the same; both answer the updated user. */
export function registerAvatarRoutes(app: FastifyInstance, avatars: Avatars, rateLimit: RateLimiter): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.put(
    '/v1/users/me/avatar',
    {
      schema: {
        tags: ['accounts'],
        description: 'multipart/form-data with one file field "avatar": a JPEG, PNG or WebP of at most 5 MB.',
        consumes: ['multipart/form-data'],
        response: { 200: PublicUserSchema },
      },
    },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.avatar);
      return avatars.replace(viewer.userId, await readAvatarFile(request));
    },
  );

  api.delete(
    '/v1/users/me/avatar',
    { schema: { tags: ['accounts'], response: { 200: PublicUserSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.avatar);
      return avatars.remove(viewer.userId);
    },
  );
}
