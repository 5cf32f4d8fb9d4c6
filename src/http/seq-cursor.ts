import { decodeCursor, encodeCursor } from './cursor.ts';

/** Cursors of lists ordered by a database sequence (notifications, conversations, messages). */
export function encodeSeqCursor(seq: string | null): string | null {
  return seq === null ? null : encodeCursor({ seq });
}

// A bigint sequence value, written without a sign or leading zeros.
const isSeq = (value: string) => /^[1-9]\d{0,17}$/.test(value);

export function decodeSeqCursor(cursor: string | undefined): string | null {
  return decodeCursor(cursor, { seq: isSeq })?.seq ?? null;
}
