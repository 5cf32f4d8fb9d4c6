import { Type } from 'typebox';
import { Nullable, PageSchema } from '../../http/schemas.ts';
import { VideoSchema } from '../videos/schemas.ts';

export const FeedModeSchema = Type.Union([Type.Literal('personalized'), Type.Literal('latest')]);

export const FeedPreferencesSchema = Type.Object(
  {
    personalized_feed: Type.Boolean({
      description: "false: the For You feed is the newest videos for everyone, not ranked from the viewer's activity.",
    }),
  },
  { additionalProperties: false },
);

/** What the client should warm first: the videos after the one it is about to play. */
export const PrefetchHintSchema = Type.Object({
  video_id: Type.String(),
  hls: Type.String(),
  poster: Nullable(Type.String()),
});

export const RecommendedVideoSchema = Type.Object({
  ...VideoSchema.properties,
  recommendation_reason: Type.String(),
});

export const ForYouPageSchema = Type.Object({
  ...PageSchema('videos', RecommendedVideoSchema).properties,
  prefetch_hints: Type.Array(PrefetchHintSchema),
  mode: FeedModeSchema,
});

export const FollowingPageSchema = Type.Object({
  ...PageSchema('videos', VideoSchema).properties,
  prefetch_hints: Type.Array(PrefetchHintSchema),
});
