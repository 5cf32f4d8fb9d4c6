import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import type { NotificationIntent } from './intents.ts';

/** One account's like of a video, as its author's like notifications count and name it. */
export interface Liker {
  recipientId: string;
  actorId: string;
  videoId: string;
}

/** Events that withdraw a liker from the author's like notifications. */
export const LIKE_WITHDRAWING_EVENTS = [InteractionEvents.unliked] as const;

/** The liker an unlike withdraws, or null: not an unlike (or a malformed one), or the author unliking their own video. */
export function likeWithdrawalFor(event: DomainEvent): Liker | null {
  const unliked = readEvent(InteractionEvents.unliked, event);
  if (!unliked || unliked.author_id === unliked.user_id) return null;
  return { recipientId: unliked.author_id, actorId: unliked.user_id, videoId: unliked.video_id };
}

/** The liker a like notification intent adds; null for other intents. */
export function likerOf(intent: NotificationIntent): Liker | null {
  if (intent.type !== 'like' || intent.videoId === null) return null;
  return { recipientId: intent.recipientId, actorId: intent.actorId, videoId: intent.videoId };
}
