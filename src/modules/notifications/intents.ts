import type { DomainEvent } from '../../platform/stream/events.ts';
import type { FollowedData, FollowRequestedData } from '../follows/events.ts';
import type { CommentedData, LikedData, MentionedData } from '../interactions/events.ts';

export const NOTIFICATION_TYPES = ['follow', 'follow_request', 'like', 'comment', 'comment_reply', 'mention'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

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

/**
 * The notifications an event asks for: none for other events or for someone acting on their own things, at most
 * one per recipient (a reply to the creator's own comment tells them of the reply, not also of a comment).
 */
export function intentsFor(event: DomainEvent, likeWindowMs: number): NotificationIntent[] {
  const told = new Set<string>();
  return candidateIntents(event, likeWindowMs).filter((intent) => {
    if (typeof intent.recipientId !== 'string' || typeof intent.actorId !== 'string') return false;
    if (intent.recipientId === intent.actorId || told.has(intent.recipientId)) return false;
    told.add(intent.recipientId);
    return true;
  });
}

/** Most specific first: intentsFor keeps the first one of each recipient. */
function candidateIntents(event: DomainEvent, likeWindowMs: number): NotificationIntent[] {
  const own = { groupKey: `event:${event.id}`, videoId: null, commentId: null, text: null };
  const tell = (
    recipientId: string,
    actorId: string,
    type: NotificationType,
    preference: PreferenceKey,
    about: Partial<NotificationIntent> = {},
  ): NotificationIntent => ({ ...own, recipientId, actorId, type, preference, ...about });
  switch (event.type) {
    case 'Followed': {
      const data = event.data as FollowedData;
      return [tell(data.followee_id, data.follower_id, 'follow', 'follows')];
    }
    case 'FollowRequested': {
      const data = event.data as FollowRequestedData;
      return [tell(data.target_id, data.requester_id, 'follow_request', 'follows')];
    }
    case 'Liked': {
      const data = event.data as LikedData;
      const groupKey = likeGroupKey(data.video_id, event.occurredAt, likeWindowMs);
      return [tell(data.author_id, data.user_id, 'like', 'likes', { groupKey, videoId: data.video_id })];
    }
    case 'Commented': {
      const data = event.data as CommentedData;
      const comment = {
        ...own,
        actorId: data.user_id,
        preference: 'comments',
        videoId: data.video_id,
        commentId: data.comment_id,
        text: data.content,
      } as const;
      // Events from before replies were notified have no reply_to_user_id.
      const replyTo = data.reply_to_user_id ?? null;
      return [
        ...(replyTo ? [{ ...comment, recipientId: replyTo, type: 'comment_reply' as const }] : []),
        { ...comment, recipientId: data.author_id, type: 'comment' },
      ];
    }
    case 'Mentioned': {
      const data = event.data as MentionedData;
      const about = { videoId: data.video_id, commentId: data.comment_id };
      return [tell(data.mentioned_user_id, data.by_user_id, 'mention', 'mentions', about)];
    }
    default:
      return [];
  }
}
