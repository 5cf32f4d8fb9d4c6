import { Type } from 'typebox';
import { PageSchema, PublicUserSchema } from '../../http/schemas.ts';

export const FollowStateSchema = Type.Object({
  following: Type.Boolean(),
  requested: Type.Boolean({ description: 'A follow request to a private account waits for its owner.' }),
});

export const BlockStateSchema = Type.Object({ blocked: Type.Boolean() });

export const UserPageSchema = PageSchema('users', PublicUserSchema);

export const FollowRequestSchema = Type.Object({ user: PublicUserSchema, requested_at: Type.String() });

export const FollowRequestPageSchema = PageSchema('requests', FollowRequestSchema);
