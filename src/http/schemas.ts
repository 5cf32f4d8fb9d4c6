import { Type } from 'typebox';

/** Shapes shared by several modules' routes. */
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Any()) }),
});

export const PublicUserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  display_name: Type.String(),
  bio: Type.String(),
  avatar_url: Type.Union([Type.String(), Type.Null()]),
  is_private: Type.Boolean(),
  created_at: Type.String(),
});

/** `count` has no schema default: each list has its own page size (docs/api.md). */
export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
