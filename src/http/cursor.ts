import { badRequest } from '../platform/errors.ts';

/** Opaque page cursors: base64url JSON, checked against the shape the caller expects. */
export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<K extends string>(
  cursor: string | undefined,
  keys: readonly K[],
): Record<K, string> | null {
  if (cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    keys.every((key) => typeof (parsed as Record<string, unknown>)[key] === 'string');
  if (!valid) throw badRequest('INVALID_CURSOR', 'The cursor is not valid; start again without one.');
  return parsed as Record<K, string>;
}
