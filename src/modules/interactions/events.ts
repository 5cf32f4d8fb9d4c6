/** Events the interactions module publishes, each in the transaction of the change it reports. `version` 1 for each. */
export const InteractionEvents = {
  liked: 'Liked',
  unliked: 'Unliked',
  commented: 'Commented',
  commentDeleted: 'CommentDeleted',
  mentioned: 'Mentioned',
  shared: 'Shared',
  saved: 'Saved',
  unsaved: 'Unsaved',
} as const;

/** `author_id` is the video's creator, so a notifier needs no lookup. */
export interface LikedData {
  user_id: string;
  video_id: string;
  author_id: string;
}

export type UnlikedData = LikedData;

export interface CommentedData {
  comment_id: string;
  video_id: string;
  /** The video's creator. */
  author_id: string;
  /** Who wrote the comment. */
  user_id: string;
  /** The top-level comment a reply belongs to; null for a top-level comment. */
  parent_id: string | null;
  /** Who wrote the comment this one answers (a reply to a reply answers that reply); null for a top-level comment. */
  reply_to_user_id: string | null;
  content: string;
}

export interface CommentDeletedData {
  comment_id: string;
  video_id: string;
  /** The video's creator. */
  author_id: string;
  /** Who wrote the comment. */
  user_id: string;
  /** The thread's top-level comment; null for a top-level comment. */
  parent_id: string | null;
  /** The replies deleted with a top-level comment; empty for a reply. */
  reply_ids: string[];
  /** Who deleted it: the commenter or the video's creator. */
  deleted_by: string;
}

/** One per account named with `@username` in a comment (not the commenter, not someone who blocked them). */
export interface MentionedData {
  comment_id: string;
  video_id: string;
  mentioned_user_id: string;
  by_user_id: string;
}

export interface SharedData {
  /** null when a visitor shared. */
  user_id: string | null;
  video_id: string;
  channel: string;
}

export interface SavedData {
  user_id: string;
  video_id: string;
}

export type UnsavedData = SavedData;
