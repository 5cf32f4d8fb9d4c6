import { Type } from 'typebox';
import { TEXT_LIMITS } from '../../config.ts';
import { Nullable, PublicUserSchema } from '../../http/schemas.ts';

/** `/…/{username}`: any case, as typed; the module folds it. */
export const UsernameParam = Type.Object({ username: Type.String({ maxLength: TEXT_LIMITS.username.max }) });

export const SessionSchema = Type.Object({
  user: PublicUserSchema,
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
});

/** What the owner is shown of an event about their account's security. */
export const SecurityEventSchema = Type.Object({
  id: Type.String(),
  type: Type.Literal('login_locked'),
  message: Type.String({ description: 'The sentence to show.' }),
  address: Nullable(Type.String({ description: 'The client address it came from, when known.' })),
  failed_attempts: Nullable(Type.Integer()),
  locked_until: Nullable(Type.String()),
  created_at: Type.String(),
});

export const SecurityEventsSchema = Type.Object({ events: Type.Array(SecurityEventSchema) });

export const ProfileStatsSchema = Type.Object({
  followers: Type.Integer(),
  following: Type.Integer(),
  likes: Type.Integer({ description: "Likes received over all the account's videos." }),
  videos: Type.Integer({ description: 'Videos of the account the viewer can see.' }),
});

/** How the viewer and another account stand. */
export const RelationshipSchema = Type.Object({
  following: Type.Boolean(),
  followed_by: Type.Boolean(),
  requested: Type.Boolean(),
  blocked: Type.Boolean({ description: 'The viewer blocked this account.' }),
  friends: Type.Boolean({ description: 'Mutual following.' }),
});

/** What other modules add to a profile (the follows module, wired in http/app.ts). */
export const ProfileExtrasSchema = Type.Object({
  stats: Type.Optional(ProfileStatsSchema),
  relationship: Type.Optional(RelationshipSchema),
});

/** A profile as others see it: the account plus what other modules add (counts, the viewer's relationship). */
export const ProfileSchema = Type.Intersect([PublicUserSchema, ProfileExtrasSchema]);
