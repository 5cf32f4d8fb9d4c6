import { decodeCursor, encodeCursor, isCursorInteger, isCursorNumber, isCursorUuid } from '../../http/cursor.ts';

/** Keyset position in a list ordered by score, then key, both descending. */
export interface ScorePosition {
  score: number;
  key: string;
}

// The score is written with every digit JavaScript needs to read it back exactly, so the row it came from compares
// equal to it on the next page.
export function encodePosition(position: ScorePosition): string {
  return encodeCursor({ s: String(position.score), k: position.key });
}

/**
 * What a list's positions hold: `key` a video, account or sound id (`uuid`) or a hashtag's name; `score` any finite
 * number (`real`), or a popularity band, a smallint in the store.
 */
export interface PositionShape {
  key: 'uuid' | 'name';
  score: 'real' | 'band';
}

const isBand = isCursorInteger(-32_768, 32_767);

export function decodePosition(cursor: string | undefined, shape: PositionShape): ScorePosition | null {
  const raw = decodeCursor(cursor, {
    s: shape.score === 'band' ? isBand : isCursorNumber,
    k: shape.key === 'uuid' ? isCursorUuid : (name) => name.length > 0,
  });
  return raw ? { score: Number(raw.s), key: raw.k } : null;
}

/** Parameters of a keyset condition `(score, key) < ($n, $n+1)`; nulls on the first page. */
export function afterParams(after: ScorePosition | null): [number | null, string | null] {
  return after ? [after.score, after.key] : [null, null];
}
