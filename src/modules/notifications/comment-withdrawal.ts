import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { InteractionEvents } from '../interactions/events.ts';

/** Events that withdraw the notifications a comment caused: its `comment`, `comment_reply` and `mention`s. */
export const COMMENT_WITHDRAWING_EVENTS = [InteractionEvents.commentDeleted] as const;

/** The comments a deletion removed (a top-level comment takes its replies along); null for other events. */
export function deletedCommentIds(event: DomainEvent): string[] | null {
  const deleted = readEvent(InteractionEvents.commentDeleted, event);
  if (!deleted) return null;
  return [deleted.comment_id, ...(deleted.reply_ids ?? [])];
}
