import type { Static } from 'typebox';
import type { PublicUser } from '../accounts/service.ts';
import { toUserSummary } from '../accounts/user-summary.ts';
import type { NotificationType } from './intents.ts';
import type { NotificationSchema } from './schemas.ts';
import type { NotificationRow } from './store.ts';

export type NotificationResponse = Static<typeof NotificationSchema>;

const ACTIONS: Record<NotificationType, string> = {
  follow: 'started following you',
  follow_request: 'asked to follow you',
  like: 'liked your video',
  comment: 'commented on your video',
  comment_reply: 'replied to your comment',
  mention: 'mentioned you in a comment',
  live: 'is LIVE now',
};

/** "ann", "ann and bob", "ann and 12 others": the newest actor named, the rest counted. */
export function notificationSentence(type: NotificationType, newestActorName: string, actorCount: number): string {
  const others = actorCount - 1;
  const who = others <= 0 ? newestActorName : `${newestActorName} and ${others === 1 ? '1 other' : `${others} others`}`;
  return `${who} ${ACTIONS[type]}`;
}

export function toNotificationResponse(row: NotificationRow, users: Map<string, PublicUser>): NotificationResponse {
  const actors = row.actor_ids.flatMap((id) => {
    const user = users.get(id);
    return user ? [toUserSummary(user)] : [];
  });
  return {
    id: row.id,
    type: row.type,
    actors,
    actor_count: row.actor_count,
    video_id: row.video_id,
    comment_id: row.comment_id,
    stream_id: row.stream_id,
    text: row.text,
    message: notificationSentence(row.type, actors[0]?.display_name ?? 'Someone', row.actor_count),
    read: row.read_at !== null,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}
