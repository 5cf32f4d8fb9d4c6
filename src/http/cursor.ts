import { badRequest } from '../platform/errors.ts';
import { isCleanText } from './input.ts';

/**
 * Opaque page cursors: base64url JSON that we wrote, read back strictly. A cursor is client input like any other,
 * so each field is checked for the shape its list needs (a time PostgreSQL can read, an id, a number in range)
 * before it reaches a query; anything else is 400 INVALID_CURSOR.
 */
export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** A check of one field of a cursor; the field is a string in every cursor we issue. */
export type CursorField = (value: string) => boolean;

export const invalidCursor = () => badRequest('INVALID_CURSOR', 'The cursor is not valid; start again without one.');

export function decodeCursor<K extends string>(
  cursor: string | undefined,
  fields: Readonly<Record<K, CursorField>>,
): Record<K, string> | null {
  if (cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  const position = parsed as Record<string, unknown>;
  for (const [key, check] of Object.entries(fields) as Array<[K, CursorField]>) {
    const value = position[key];
    if (typeof value !== 'string' || value.length > 200 || !isCleanText(value) || !check(value)) {
      throw invalidCursor();
    }
  }
  return position as Record<K, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** PostgreSQL's text form of a timestamptz (`2026-01-31 18:00:00.123456+00`), or ISO 8601 with an offset. */
const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-](\d{2})(:?\d{2})?)$/;
const NUMBER = /^-?(\d{1,20}(\.\d{1,20})?|\.\d{1,20})(e[+-]?\d{1,3})?$/i;

/** An id as we issue them: lower-case 8-4-4-4-12 hex. */
export const isCursorUuid: CursorField = (value) => UUID.test(value);

/** A real point in time between the years 1 and 9999, every field in its range (no 31 February). */
export const isCursorTime: CursorField = (value) => {
  const match = TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHours = Number(match[9] ?? 0);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 15
  );
};

/** A finite number, written as JavaScript writes one. */
export const isCursorNumber: CursorField = (value) => NUMBER.test(value) && Number.isFinite(Number(value));

/** A whole number from `min` to `max`. */
export const isCursorInteger =
  (min: number, max: number): CursorField =>
  (value) =>
    /^-?\d{1,16}$/.test(value) && Number(value) >= min && Number(value) <= max;

/** Position in a newest-first list: the last item's time (PostgreSQL's text) and id. */
export interface TimePosition {
  at: string;
  id: string;
}

export function decodeTimePosition(cursor: string | undefined): TimePosition | null {
  const position = decodeCursor(cursor, { at: isCursorTime, id: isCursorUuid });
  return position ? { at: position.at, id: position.id } : null;
}
