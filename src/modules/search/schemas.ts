import { type Static, Type } from 'typebox';
import { Nullable, PublicUserSchema } from '../../http/schemas.ts';
import { VideoPageSchema, VideoSchema } from '../videos/schemas.ts';
import type { HashtagSummary } from './hashtag-search.ts';
import type { SearchService, SearchType } from './service.ts';
import type { SoundSummary } from './sound-search.ts';
import type { Suggestion } from './suggestions.ts';

export const HashtagSummarySchema = Type.Object({
  name: Type.String(),
  video_count: Type.Integer(),
  view_count: Type.Integer(),
});

export const SoundSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  artist: Type.String({ description: "The owner's username." }),
  owner_id: Nullable(Type.String()),
  duration_ms: Nullable(Type.Integer()),
  video_count: Type.Integer(),
});

/** SEARCH_TYPES (service.ts), written out so the type is known to TypeScript; SchemasMatchService holds them equal. */
export const SearchTypeSchema = Type.Union([
  Type.Literal('all'),
  Type.Literal('videos'),
  Type.Literal('users'),
  Type.Literal('sounds'),
  Type.Literal('hashtags'),
]);

/** With one type, only that list is in the answer; with `all`, the four lists and no cursor. */
export const SearchAnswerSchema = Type.Object({
  query: Type.String(),
  type: SearchTypeSchema,
  users: Type.Optional(Type.Array(PublicUserSchema)),
  hashtags: Type.Optional(Type.Array(HashtagSummarySchema)),
  sounds: Type.Optional(Type.Array(SoundSummarySchema)),
  videos: Type.Optional(Type.Array(VideoSchema)),
  cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
});

export const SuggestionSchema = Type.Object({
  type: Type.Union([Type.Literal('hashtag'), Type.Literal('user'), Type.Literal('sound')]),
  text: Type.String({
    description: "What to show and complete to: a hashtag's name (without `#`), a username, a sound's title.",
  }),
  id: Type.String({ description: "The hashtag's name, the account's or the sound's id." }),
});

export const SuggestAnswerSchema = Type.Object({ query: Type.String(), suggestions: Type.Array(SuggestionSchema) });

/** A hashtag's page: its totals and its videos. */
export const HashtagPageSchema = Type.Object({ ...HashtagSummarySchema.properties, ...VideoPageSchema.properties });

/** The videos playing a sound (the sound itself is `GET /v1/sounds/{id}`). */
export const SoundVideosPageSchema = Type.Object({
  sound_id: Type.String(),
  video_count: Type.Integer(),
  ...VideoPageSchema.properties,
});

/**
 * The service's answers are typed by hand in its own files, and a response schema silently drops a field it does not
 * describe: these fail to compile when an answer gains, loses or changes a field its schema does not.
 */
type SameShape<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;
type Expect<T extends true> = T;
type Answer<Method extends keyof SearchService> = SearchService[Method] extends (...args: never[]) => Promise<infer T>
  ? T
  : never;
// biome-ignore lint/correctness/noUnusedVariables: checked by the compiler, never used
type SchemasMatchService = [
  Expect<SameShape<SearchType, Static<typeof SearchTypeSchema>>>,
  Expect<SameShape<HashtagSummary, Static<typeof HashtagSummarySchema>>>,
  Expect<SameShape<SoundSummary, Static<typeof SoundSummarySchema>>>,
  Expect<SameShape<Suggestion, Static<typeof SuggestionSchema>>>,
  Expect<SameShape<Answer<'search'>, Static<typeof SearchAnswerSchema>>>,
  Expect<SameShape<Answer<'suggest'>, Static<typeof SuggestAnswerSchema>>>,
  Expect<SameShape<Answer<'hashtag'>, Static<typeof HashtagPageSchema>>>,
  Expect<SameShape<Answer<'soundVideos'>, Static<typeof SoundVideosPageSchema>>>,
];
