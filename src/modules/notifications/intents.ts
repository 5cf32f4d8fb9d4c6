import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';

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
  const own = { groupKey: `event:${event.id}`, videoId: null, commentId: null, text: null };
  const followed = readEvent(FollowEvents.followed, event);
  if (followed) {
    return [
      {
        ...own,
        recipientId: followed.followee_id,
        actorId: followed.follower_id,
        type: 'follow',
        preference: 'follows',
      },
    ];
  }
  const requested = readEvent(FollowEvents.followRequested, event);
  if (requested) {
    return [
      {
        ...own,
        recipientId: requested.target_id,
        actorId: requested.requester_id,
        type: 'follow_request',
        preference: 'follows',
      },
    ];
  }
  const liked = readEvent(InteractionEvents.liked, event);
  if (liked) {
    return [
      {
        ...own,
        recipientId: liked.author_id,
        actorId: liked.user_id,
        type: 'like',
        preference: 'likes',
        groupKey: likeGroupKey(liked.video_id, event.occurredAt, likeWindowMs),
        videoId: liked.video_id,
      },
    ];
  }
  const commented = readEvent(InteractionEvents.commented, event);
  if (commented) {
    const comment = {
      ...own,
      actorId: commented.user_id,
      preference: 'comments',
      videoId: commented.video_id,
      commentId: commented.comment_id,
      text: commented.content,
    } as const;
    // Events from before replies were notified have no reply_to_user_id.
    const replyTo = commented.reply_to_user_id ?? null;
    return [
      ...(replyTo ? [{ ...comment, recipientId: replyTo, type: 'comment_reply' as const }] : []),
      { ...comment, recipientId: commented.author_id, type: 'comment' },
    ];
  }
  const mentioned = readEvent(InteractionEvents.mentioned, event);
  if (mentioned) {
    return [
      {
        ...own,
        recipientId: mentioned.mentioned_user_id,
        actorId: mentioned.by_user_id,
        type: 'mention',
        preference: 'mentions',
        videoId: mentioned.video_id,
        commentId: mentioned.comment_id,
      },
    ];
  }
  return [];
}
