import { Type } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { defineEvent, EventId } from '../../platform/stream/event-contract.ts';

/** `author_id` is the video's creator, so a notifier needs no lookup. */
const VideoLike = Type.Object({ user_id: EventId, video_id: EventId, author_id: EventId });
const VideoSave = Type.Object({ user_id: EventId, video_id: EventId });

const Commented = Type.Object({
  comment_id: EventId,
  video_id: EventId,
  /** The video's creator. */
  author_id: EventId,
  /** Who wrote the comment. */
  user_id: EventId,
  /** The top-level comment a reply belongs to; null for a top-level comment. */
  parent_id: Nullable(EventId),
  /**
   * Who wrote the comment this one answers (a reply to a reply answers that reply); null for a top-level comment,
   * absent in events from before replies were notified.
   */
  reply_to_user_id: Type.Optional(Nullable(EventId)),
  content: Type.String(),
});

/** `author_id`, `user_id`, `parent_id` and `reply_ids` are absent in events from before deletions withdrew notifications. */
const CommentDeleted = Type.Object({
  comment_id: EventId,
  video_id: EventId,
  /** The video's creator. */
  author_id: Type.Optional(EventId),
  /** Who wrote the comment. */
  user_id: Type.Optional(EventId),
  /** The thread's top-level comment; null for a top-level comment. */
  parent_id: Type.Optional(Nullable(EventId)),
  /** The replies deleted with a top-level comment; empty for a reply. */
  reply_ids: Type.Optional(Type.Array(EventId)),
  /** Who deleted it: the commenter or the video's creator. */
  deleted_by: EventId,
});

/** One per account named with `@username` in a comment (not the commenter, not someone who blocked them). */
const Mentioned = Type.Object({
  comment_id: EventId,
  video_id: EventId,
  mentioned_user_id: EventId,
  by_user_id: EventId,
});

/** `user_id` is null when a visitor shared. */
const Shared = Type.Object({ user_id: Nullable(EventId), video_id: EventId, channel: Type.String() });

/** Events the interactions module publishes, each in the transaction of the change it reports. */
export const InteractionEvents = {
  liked: defineEvent('Liked', VideoLike),
  unliked: defineEvent('Unliked', VideoLike),
  commented: defineEvent('Commented', Commented),
  commentDeleted: defineEvent('CommentDeleted', CommentDeleted),
  mentioned: defineEvent('Mentioned', Mentioned),
  shared: defineEvent('Shared', Shared),
  saved: defineEvent('Saved', VideoSave),
  unsaved: defineEvent('Unsaved', VideoSave),
} as const;
