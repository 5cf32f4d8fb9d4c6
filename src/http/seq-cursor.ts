import { badRequest } from '../platform/errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** Cursors of lists ordered by a database sequence (notifications, conversations, messages). */
export function encodeSeqCursor(seq: string | null): string | null {
  return seq === null ? null : encodeCursor({ seq });
}

export function decodeSeqCursor(cursor: string | undefined): string | null {
  const position = decodeCursor(cursor, ['seq'] as const);
  if (position === null) return null;
  if (!/^[1-9]\d{0,17}$/.test(position.seq)) {
    throw badRequest('INVALID_CURSOR', 'The cursor is not valid; start again without one.');
  }
  return position.seq;
}
