import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';

export const NOTIFICATION_TYPES = [
  'follow',
  'follow_request',
  'like',
  'comment',
  'comment_reply',
  'mention',
  'live',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** The switches of `GET/PUT /v1/notifications/preferences`; `messages` governs Web Push of direct messages. */
export type PreferenceKey = 'likes' | 'comments' | 'follows' | 'mentions' | 'messages' | 'live';

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
  /** The live stream a "went live" notification opens. */
  streamId: string | null;
  text: string | null;
}

/** The event types that become notifications of fixed recipients (LiveStarted fans out: see live-fanout.ts). */
export const NOTIFYING_EVENTS = [
  FollowEvents.followed,
  FollowEvents.followRequested,
  InteractionEvents.liked,
  InteractionEvents.commented,
  InteractionEvents.mentioned,
] as const;

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
    if (intent.recipientId === intent.actorId || told.has(intent.recipientId)) return false;
    told.add(intent.recipientId);
    return true;
  });
}

/** Most specific first: intentsFor keeps the first one of each recipient. Malformed events ask for nothing. */
function candidateIntents(event: DomainEvent, likeWindowMs: number): NotificationIntent[] {
  const own = { groupKey: `event:${event.id}`, videoId: null, commentId: null, streamId: null, text: null };
  const tell = (
    recipientId: string,
    actorId: string,
    type: NotificationType,
    preference: PreferenceKey,
    about: Partial<NotificationIntent> = {},
  ): NotificationIntent => ({ ...own, recipientId, actorId, type, preference, ...about });
  const followed = readEvent(FollowEvents.followed, event);
  if (followed) return [tell(followed.followee_id, followed.follower_id, 'follow', 'follows')];
  const requested = readEvent(FollowEvents.followRequested, event);
  if (requested) return [tell(requested.target_id, requested.requester_id, 'follow_request', 'follows')];
  const liked = readEvent(InteractionEvents.liked, event);
  if (liked) {
    const groupKey = likeGroupKey(liked.video_id, event.occurredAt, likeWindowMs);
    return [tell(liked.author_id, liked.user_id, 'like', 'likes', { groupKey, videoId: liked.video_id })];
  }
  const commented = readEvent(InteractionEvents.commented, event);
  if (commented) {
    const about = { videoId: commented.video_id, commentId: commented.comment_id, text: commented.content };
    // Events from before replies were notified have no reply_to_user_id.
    const replyTo = commented.reply_to_user_id ?? null;
    return [
      ...(replyTo ? [tell(replyTo, commented.user_id, 'comment_reply', 'comments', about)] : []),
      tell(commented.author_id, commented.user_id, 'comment', 'comments', about),
    ];
  }
  const mentioned = readEvent(InteractionEvents.mentioned, event);
  if (mentioned) {
    const about = { videoId: mentioned.video_id, commentId: mentioned.comment_id };
    return [tell(mentioned.mentioned_user_id, mentioned.by_user_id, 'mention', 'mentions', about)];
  }
  return [];
}
