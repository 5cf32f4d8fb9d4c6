import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { defineEvent, EventId, EventTime } from '../../platform/stream/event-contract.ts';

const Visibility = Type.Union([Type.Literal('public'), Type.Literal('friends'), Type.Literal('private')]);

const VideoOfAuthor = Type.Object({ video_id: EventId, author_id: EventId });

const VideoReady = Type.Object({
  video_id: EventId,
  author_id: EventId,
  caption: Type.String(),
  hashtags: Type.Array(Type.String()),
  duration_ms: Type.Number({ minimum: 0 }),
  /**
   * When others may see it; later than now for a scheduled video (VideoPublished follows then). Absent in events
   * from before scheduling: such a video was published when it became ready.
   */
  publish_at: Type.Optional(EventTime),
  /** The sound it uses; absent in events from before sounds. */
  sound_id: Type.Optional(Nullable(EventId)),
  /** Who may see it (version 2); absent before. */
  visibility: Type.Optional(Visibility),
});

/** Others may now see it: when it became ready, or at its scheduled time. */
const VideoPublished = Type.Object({ video_id: EventId, author_id: EventId, publish_at: EventTime });

const VideoFailed = Type.Object({
  video_id: EventId,
  /** Empty if the video's row was gone (it never is inside the transaction that fails it). */
  author_id: Type.String(),
  error_code: Type.String(),
});

const ViewLogged = Type.Object({
  video_id: EventId,
  /** null for a visitor. */
  user_id: Nullable(EventId),
  watch_time_ms: Type.Number({ minimum: 0 }),
  /** 0 to 1 from the API (which caps reports of up to 100); consumers count it as at most 1 all the same. */
  completion_rate: Type.Number({ minimum: 0 }),
  replay_count: Type.Number({ minimum: 0 }),
  skipped: Type.Boolean(),
  source: Type.String(),
});

/** Its author changed the caption or who may see it. */
const VideoUpdated = Type.Object({
  video_id: EventId,
  author_id: EventId,
  caption: Type.String(),
  hashtags: Type.Array(Type.String()),
  visibility: Visibility,
});

/** Events the videos module publishes. */
export const VideoEvents = {
  uploaded: defineEvent('VideoUploaded', VideoOfAuthor),
  ready: defineEvent('VideoReady', VideoReady, 2),
  failed: defineEvent('VideoFailed', VideoFailed),
  viewLogged: defineEvent('ViewLogged', ViewLogged),
  published: defineEvent('VideoPublished', VideoPublished),
  updated: defineEvent('VideoUpdated', VideoUpdated),
  /** Its author deleted it: nobody sees it any more. */
  removed: defineEvent('VideoRemoved', VideoOfAuthor),
} as const;

export type VideoUploadedData = Static<typeof VideoEvents.uploaded.schema>;
export type VideoReadyData = Static<typeof VideoEvents.ready.schema>;
export type VideoPublishedData = Static<typeof VideoEvents.published.schema>;
export type VideoFailedData = Static<typeof VideoEvents.failed.schema>;
export type ViewLoggedData = Static<typeof VideoEvents.viewLogged.schema>;
export type VideoUpdatedData = Static<typeof VideoEvents.updated.schema>;
export type VideoRemovedData = Static<typeof VideoEvents.removed.schema>;
