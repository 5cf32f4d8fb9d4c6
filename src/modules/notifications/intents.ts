import type { DomainEvent } from '../../platform/stream/events.ts';
import type { FollowedData, FollowRequestedData } from '../follows/events.ts';
import type { CommentedData, LikedData, MentionedData } from '../interactions/events.ts';

export type NotificationType = 'follow' | 'follow_request' | 'like' | 'comment' | 'mention';

/** The switches of `GET/PUT /v1/notifications/preferences`; `messages` governs Web Push of direct messages. */
export type PreferenceKey = 'likes' | 'comments' | 'follows' | 'mentions' | 'messages';

/** What one event asks to tell one account. */
export interface NotificationIntent {
  recipientId: string;
  actorId: string;
  type: NotificationType;
  preference: PreferenceKey;
  /**
   * A recipient has one notification per key: events sharing a key aggregate into it (likes of a video in one
   * window), and a key naming the event makes a redelivered event land on the notification it already made.
   */
  groupKey: string;
  videoId: string | null;
  commentId: string | null;
  text: string | null;
}

/** The event types that become notifications (LiveStarted joins when live streaming lands). */
export const NOTIFYING_EVENTS = ['Followed', 'FollowRequested', 'Liked', 'Commented', 'Mentioned'] as const;

/**
 * Fixed windows, counted from the epoch, keyed by when the like happened (not when it was handled), so a
 * redelivered like falls into the window it counted in the first time.
 */
export function likeGroupKey(videoId: string, occurredAt: string, windowMs: number): string {
  const window = Math.floor(Date.parse(occurredAt) / windowMs);
  return `like:${videoId}:${Number.isFinite(window) ? window : 0}`;
}

/** The notification an event asks for, or null: not a notifying event, or someone acting on their own things. */
export function intentFor(event: DomainEvent, likeWindowMs: number): NotificationIntent | null {
  const own = { groupKey: `event:${event.id}`, videoId: null, commentId: null, text: null };
  let intent: NotificationIntent;
  switch (event.type) {
    case 'Followed': {
      const data = event.data as FollowedData;
      intent = {
        ...own,
        recipientId: data.followee_id,
        actorId: data.follower_id,
        type: 'follow',
        preference: 'follows',
      };
      break;
    }
    case 'FollowRequested': {
      const data = event.data as FollowRequestedData;
      intent = {
        ...own,
        recipientId: data.target_id,
        actorId: data.requester_id,
        type: 'follow_request',
        preference: 'follows',
      };
      break;
    }
    case 'Liked': {
      const data = event.data as LikedData;
      intent = {
        ...own,
        recipientId: data.author_id,
        actorId: data.user_id,
        type: 'like',
        preference: 'likes',
        groupKey: likeGroupKey(data.video_id, event.occurredAt, likeWindowMs),
        videoId: data.video_id,
      };
      break;
    }
    case 'Commented': {
      const data = event.data as CommentedData;
      intent = {
        ...own,
        recipientId: data.author_id,
        actorId: data.user_id,
        type: 'comment',
        preference: 'comments',
        videoId: data.video_id,
        commentId: data.comment_id,
        text: data.content,
      };
      break;
    }
    case 'Mentioned': {
      const data = event.data as MentionedData;
      intent = {
        ...own,
        recipientId: data.mentioned_user_id,
        actorId: data.by_user_id,
        type: 'mention',
        preference: 'mentions',
        videoId: data.video_id,
        commentId: data.comment_id,
      };
      break;
    }
    default:
      return null;
  }
  if (typeof intent.recipientId !== 'string' || typeof intent.actorId !== 'string') return null;
  return intent.recipientId === intent.actorId ? null : intent;
}
