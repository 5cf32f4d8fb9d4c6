import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { addressOf, type RateLimiter } from '../../http/rate-limit.ts';
import { PublicUserSchema } from '../../http/schemas.ts';
import type { AccountService, PublicUser } from './service.ts';
import { loginName } from './validation.ts';

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

const SecurityEventsSchema = Type.Object({
  events: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.Literal('login_locked'),
      message: Type.String(),
      address: Type.Union([Type.String(), Type.Null()]),
      failed_attempts: Type.Union([Type.Integer(), Type.Null()]),
      locked_until: Type.Union([Type.String(), Type.Null()]),
      created_at: Type.String(),
    }),
  ),
});

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
    is_private: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A profile as others see it: the account plus what other modules add (counts, the viewer's relationship). */
const ProfileSchema = Type.Intersect([
  PublicUserSchema,
  Type.Object({
    stats: Type.Optional(
      Type.Object({
        followers: Type.Integer(),
        following: Type.Integer(),
        likes: Type.Integer(),
        videos: Type.Integer(),
      }),
    ),
    relationship: Type.Optional(
      Type.Object({
        following: Type.Boolean(),
        followed_by: Type.Boolean(),
        requested: Type.Boolean(),
        blocked: Type.Boolean(),
        friends: Type.Boolean(),
      }),
    ),
  }),
]);

/** Adds other modules' facts to a profile; wired in http/app.ts. */
export type ProfileExtras = (user: PublicUser, viewerId: string | null) => Promise<object>;

export function registerAccountRoutes(
  app: FastifyInstance,
  accounts: AccountService,
  rateLimit: RateLimiter,
  profileExtras?: ProfileExtras,
): void {
  app.post<{ Body: { username: string; password: string; email?: string } }>(
    '/v1/auth/signup',
    { schema: { tags: ['accounts'], body: SignUpBody, response: { 201: SessionSchema } } },
    async (request, reply) => {
      await rateLimit.subject(RATE_LIMITS.auth, addressOf(request));
      reply.status(201);
      return accounts.signUp(request.body);
    },
  );

  app.post<{ Body: { username: string; password: string } }>(
    '/v1/auth/login',
    { schema: { tags: ['accounts'], body: Credentials, response: { 200: SessionSchema } } },
    async (request) => {
      // By address and by the account asked for, never by a bearer token: anyone can hold many of those.
      await rateLimit.subject(RATE_LIMITS.login, addressOf(request));
      await rateLimit.subject(RATE_LIMITS.loginAccount, `account:${loginName(request.body.username)}`);
      return accounts.logIn(request.body, { address: request.ip });
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
      await rateLimit.subject(RATE_LIMITS.auth, addressOf(request));
      return accounts.refresh(request.body.refresh_token);
    },
  );

  app.get('/v1/users/me', { schema: { tags: ['accounts'], response: { 200: PublicUserSchema } } }, async (request) =>
    accounts.getUser(requireViewer(request).userId),
  );

  app.get(
    '/v1/users/me/security-events',
    { schema: { tags: ['accounts'], response: { 200: SecurityEventsSchema } } },
    async (request) => ({ events: await accounts.securityEvents(requireViewer(request).userId) }),
  );

  app.patch<{ Body: { display_name?: string; bio?: string; is_private?: boolean } }>(
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
        response: { 200: ProfileSchema },
      },
    },
    async (request) => {
      const user = await accounts.getUserByUsername(request.params.username);
      if (!profileExtras) return user;
      return { ...user, ...(await profileExtras(user, request.viewer?.userId ?? null)) };
    },
  );
}
