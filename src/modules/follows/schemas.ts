import { Type } from 'typebox';
import { Nullable, PublicUserSchema } from '../../http/schemas.ts';

export const FollowStateSchema = Type.Object({
  following: Type.Boolean(),
  requested: Type.Boolean({ description: 'A follow request to a private account waits for its owner.' }),
});

export const BlockStateSchema = Type.Object({ blocked: Type.Boolean() });

export const UserPageSchema = Type.Object({
  users: Type.Array(PublicUserSchema),
  cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
});

export const FollowRequestSchema = Type.Object({ user: PublicUserSchema, requested_at: Type.String() });

export const FollowRequestPageSchema = Type.Object({
  requests: Type.Array(FollowRequestSchema),
  cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
});
