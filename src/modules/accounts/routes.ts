import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { PublicUserSchema } from '../../http/schemas.ts';
import type { AccountService } from './service.ts';

const SessionSchema = Type.Object({
  user: PublicUserSchema,
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
});

const Credentials = Type.Object(
  { username: Type.String({ maxLength: 64 }), password: Type.String({ maxLength: 1024 }) },
  { additionalProperties: false },
);

const SignUpBody = Type.Object(
  {
    username: Type.String({ maxLength: 64 }),
    password: Type.String({ maxLength: 1024 }),
    email: Type.Optional(Type.String({ maxLength: 320 })),
  },
  { additionalProperties: false },
);

const ProfileChanges = Type.Object(
  {
    display_name: Type.Optional(Type.String({ maxLength: 200 })),
    bio: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export function registerAccountRoutes(app: FastifyInstance, accounts: AccountService, rateLimit: RateLimiter): void {
  app.post<{ Body: { username: string; password: string; email?: string } }>(
    '/v1/auth/signup',
    { schema: { tags: ['accounts'], body: SignUpBody, response: { 201: SessionSchema } } },
    async (request, reply) => {
      await rateLimit(request, RATE_LIMITS.auth);
      reply.status(201);
      return accounts.signUp(request.body);
    },
  );

  app.post<{ Body: { username: string; password: string } }>(
    '/v1/auth/login',
    { schema: { tags: ['accounts'], body: Credentials, response: { 200: SessionSchema } } },
    async (request) => {
      await rateLimit(request, RATE_LIMITS.auth);
      return accounts.logIn(request.body);
    },
  );

  app.post<{ Body: { refresh_token: string } }>(
    '/v1/auth/refresh',
    {
      schema: {
        tags: ['accounts'],
        body: Type.Object({ refresh_token: Type.String({ maxLength: 256 }) }, { additionalProperties: false }),
        response: { 200: SessionSchema },
      },
    },
    async (request) => {
      await rateLimit(request, RATE_LIMITS.auth);
      return accounts.refresh(request.body.refresh_token);
    },
  );

  app.get('/v1/users/me', { schema: { tags: ['accounts'], response: { 200: PublicUserSchema } } }, async (request) =>
    accounts.getUser(requireViewer(request).userId),
  );

  app.patch<{ Body: { display_name?: string; bio?: string } }>(
    '/v1/users/me',
    { schema: { tags: ['accounts'], body: ProfileChanges, response: { 200: PublicUserSchema } } },
    async (request) => accounts.updateProfile(requireViewer(request).userId, request.body),
  );

  app.get<{ Params: { username: string } }>(
    '/v1/users/:username',
    {
      schema: {
        tags: ['accounts'],
        params: Type.Object({ username: Type.String({ maxLength: 64 }) }),
        response: { 200: PublicUserSchema },
      },
    },
    async (request) => accounts.getUserByUsername(request.params.username),
  );
}
