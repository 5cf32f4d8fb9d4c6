import { type TArray, type TSchema, Type } from 'typebox';
import { PAGE_LIMITS } from '../config.ts';
import { canonicalUuid } from './input.ts';

/** Shapes shared by several modules' routes. */
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Any()) }),
});

/** A value or null (JSON null, not absent). */
export const Nullable = <T extends TSchema>(schema: T, options?: { description?: string }) =>
  Type.Union([schema, Type.Null()], options);

/** What every page of a list carries besides its items: where the next page starts (null after the last). */
export const PageLinks = { cursor: Nullable(Type.String()), has_more: Type.Boolean() };

/** One page of a list: its items under `key`, then the page links. */
export const PageSchema = <Key extends string, Item extends TSchema>(key: Key, item: Item) =>
  Type.Object({ ...({ [key]: Type.Array(item) } as { [K in Key]: TArray<Item> }), ...PageLinks });

/** An answer with no body (204). */
export const NoContent = Type.Null({ description: 'No content' });

/** The author of a video, comment or sound, as lists show them. */
export const UserSummarySchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  display_name: Type.String(),
  avatar_url: Nullable(Type.String()),
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
  cursor: Type.Optional(Type.String({ maxLength: PAGE_LIMITS.cursorLength })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMITS.maxCount })),
});

/**
 * Every id a client sends (path or body): 8-4-4-4-12 hex digits in any case, handed on in lower case, so one
 * video has one key whatever spelling reached us (src/http/input.ts).
 */
export const Uuid = Type.String({ format: 'uuid', ...canonicalUuid });

/** `/…/{id}` */
export const IdParam = Type.Object({ id: Uuid });
