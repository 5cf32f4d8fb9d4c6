import type { DomainEvent } from '../../platform/stream/events.ts';
import type { CommentDeletedData } from '../interactions/events.ts';

/** Events that withdraw the notifications a comment caused: its `comment`, `comment_reply` and `mention`s. */
export const COMMENT_WITHDRAWING_EVENTS = ['CommentDeleted'] as const;

/** The comments a deletion removed (a top-level comment takes its replies along); null for other events. */
export function deletedCommentIds(event: DomainEvent): string[] | null {
  if (event.type !== 'CommentDeleted') return null;
  const data = event.data as Partial<CommentDeletedData>;
  if (typeof data.comment_id !== 'string') return null;
  const replies = Array.isArray(data.reply_ids) ? data.reply_ids.filter((id) => typeof id === 'string') : [];
  return [data.comment_id, ...replies];
}
