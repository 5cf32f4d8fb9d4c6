import type { DomainEvent } from '../../platform/stream/events.ts';
import type { UnlikedData } from '../interactions/events.ts';
import type { NotificationIntent } from './intents.ts';

/** One account's like of a video, as its author's like notifications count and name it. */
export interface Liker {
  recipientId: string;
  actorId: string;
  videoId: string;
}

/** Events that withdraw a liker from the author's like notifications. */
export const LIKE_WITHDRAWING_EVENTS = ['Unliked'] as const;

/** The liker an unlike withdraws, or null: not an unlike, or the author unliking their own video. */
export function likeWithdrawalFor(event: DomainEvent): Liker | null {
  if (event.type !== 'Unliked') return null;
  const data = event.data as UnlikedData;
  const ids = [data.author_id, data.user_id, data.video_id];
  if (!ids.every((id) => typeof id === 'string') || data.author_id === data.user_id) return null;
  return { recipientId: data.author_id, actorId: data.user_id, videoId: data.video_id };
}

/** The liker a like notification intent adds; null for other intents. */
export function likerOf(intent: NotificationIntent): Liker | null {
  if (intent.type !== 'like' || intent.videoId === null) return null;
  return { recipientId: intent.recipientId, actorId: intent.actorId, videoId: intent.videoId };
}
