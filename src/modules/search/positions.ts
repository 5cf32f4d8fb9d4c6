import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { badRequest } from '../../platform/errors.ts';

/** Keyset position in a list ordered by score, then key, both descending. */
export interface ScorePosition {
  score: number;
  key: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The score is written with every digit JavaScript needs to read it back exactly, so the row it came from compares
// equal to it on the next page.
export function encodePosition(position: ScorePosition): string {
  return encodeCursor({ s: String(position.score), k: position.key });
}

/** `keyIsUuid`: the key is a video, account or sound id (a hashtag's key is its name). */
export function decodePosition(cursor: string | undefined, keyIsUuid: boolean): ScorePosition | null {
  const raw = decodeCursor(cursor, ['s', 'k'] as const);
  if (!raw) return null;
  const score = Number(raw.s);
  if (!Number.isFinite(score) || (keyIsUuid && !UUID.test(raw.k)) || raw.k.length > 200) {
    throw badRequest('INVALID_CURSOR', 'The cursor is not valid; start again without one.');
  }
  return { score, key: raw.k };
}

/** Parameters of a keyset condition `(score, key) < ($n, $n+1)`; nulls on the first page. */
export function afterParams(after: ScorePosition | null): [number | null, string | null] {
  return after ? [after.score, after.key] : [null, null];
}
