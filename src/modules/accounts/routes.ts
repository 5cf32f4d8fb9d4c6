import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { RATE_LIMITS, TEXT_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { addressOf, type RateLimiter } from '../../http/rate-limit.ts';
import { PublicUserSchema } from '../../http/schemas.ts';
import {
  type ProfileExtrasSchema,
  ProfileSchema,
  SecurityEventsSchema,
  SessionSchema,
  UsernameParam,
} from './schemas.ts';
import type { AccountService, PublicUser } from './service.ts';
import { loginName } from './validation.ts';

// No minimum lengths here: the checks trim first and answer their own codes (INVALID_USERNAME, WEAK_PASSWORD, …).
const Username = Type.String({ maxLength: TEXT_LIMITS.username.max });
const Password = Type.String({ maxLength: TEXT_LIMITS.password.max });

const Credentials = Type.Object({ username: Username, password: Password }, { additionalProperties: false });

const SignUpBody = Type.Object(
  { username: Username, password: Password, email: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.email })) },
  { additionalProperties: false },
);

const RefreshBody = Type.Object(
  { refresh_token: Type.String({ maxLength: TEXT_LIMITS.refreshToken }) },
  { additionalProperties: false },
);

const ProfileChanges = Type.Object(
  {
    display_name: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.displayName.max })),
    bio: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.bio })),
    is_private: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Adds other modules' facts to a profile; wired in http/app.ts. */
export type ProfileExtras = (user: PublicUser, viewerId: string | null) => Promise<Static<typeof ProfileExtrasSchema>>;

export function registerAccountRoutes(
  app: FastifyInstance,
  accounts: AccountService,
  rateLimit: RateLimiter,
  profileExtras?: ProfileExtras,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['accounts'];

  api.post(
    '/v1/auth/signup',
    { schema: { tags, body: SignUpBody, response: { 201: SessionSchema } } },
    async (request, reply) => {
      await rateLimit.subject(RATE_LIMITS.auth, addressOf(request));
      reply.status(201);
      return accounts.signUp(request.body);
    },
  );

  api.post(
    '/v1/auth/login',
    { schema: { tags, body: Credentials, response: { 200: SessionSchema } } },
    async (request) => {
      // By address and by the account asked for, never by a bearer token: anyone can hold many of those.
      await rateLimit.subject(RATE_LIMITS.login, addressOf(request));
      await rateLimit.subject(RATE_LIMITS.loginAccount, `account:${loginName(request.body.username)}`);
      return accounts.logIn(request.body, { address: request.ip });
    },
  );

  api.post(
    '/v1/auth/refresh',
    { schema: { tags, body: RefreshBody, response: { 200: SessionSchema } } },
    async (request) => {
      await rateLimit.subject(RATE_LIMITS.auth, addressOf(request));
      return accounts.refresh(request.body.refresh_token);
    },
  );

  api.get('/v1/users/me', { schema: { tags, response: { 200: PublicUserSchema } } }, async (request) =>
    accounts.getUser(requireViewer(request).userId),
  );

  api.get(
    '/v1/users/me/security-events',
    { schema: { tags, response: { 200: SecurityEventsSchema } } },
    async (request) => ({ events: await accounts.securityEvents(requireViewer(request).userId) }),
  );

  api.patch(
    '/v1/users/me',
    { schema: { tags, body: ProfileChanges, response: { 200: PublicUserSchema } } },
    async (request) => accounts.updateProfile(requireViewer(request).userId, request.body),
  );

  api.get(
    '/v1/users/:username',
    { schema: { tags, params: UsernameParam, response: { 200: ProfileSchema } } },
    async (request) => {
      const user = await accounts.getUserByUsername(request.params.username);
      if (!profileExtras) return user;
      return { ...user, ...(await profileExtras(user, request.viewer?.userId ?? null)) };
    },
  );
}
