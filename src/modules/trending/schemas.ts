import { Type } from 'typebox';
import { HashtagSummarySchema, SoundSummarySchema } from '../search/schemas.ts';
import { VideoSchema } from '../videos/schemas.ts';

export const TrendingTypeSchema = Type.Union([
  Type.Literal('hashtags'),
  Type.Literal('sounds'),
  Type.Literal('videos'),
]);

/** One of `hashtag`, `sound` or `video`, as the answer's `type` asks. */
export const TrendingItemSchema = Type.Object({
  score: Type.Number(),
  counts: Type.Object({ last_15m: Type.Number(), last_1h: Type.Number(), last_24h: Type.Number() }),
  hashtag: Type.Optional(HashtagSummarySchema),
  sound: Type.Optional(SoundSummarySchema),
  video: Type.Optional(VideoSchema),
});

export const TrendingAnswerSchema = Type.Object({
  type: TrendingTypeSchema,
  items: Type.Array(TrendingItemSchema),
  computed_at: Type.String(),
});
