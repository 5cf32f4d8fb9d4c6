import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { requireViewer } from './auth.ts';
import { decodeTimePosition, encodeCursor, type TimePosition } from './cursor.ts';
import type { PageQuery } from './schemas.ts';
import { decodeSeqCursor, encodeSeqCursor } from './seq-cursor.ts';

/** A request to a list route: `cursor` and `count` in its query (the PageQuery schema). */
export type PageRequest = FastifyRequest & { query: Static<typeof PageQuery> };

/** What every page of a list answers besides its items. */
export interface PageLinks {
  /** Where the next page starts; null after the last one. */
  cursor: string | null;
  has_more: boolean;
}

/**
 * How a list's pages are read and written: its cursor in the query, the position a service pages from, and
 * back. Lists ordered by time use `timePages`, lists ordered by a database sequence `seqPages`.
 */
interface Pages<Position> {
  read(cursor: string | undefined): Position | null;
  write(next: Position | null): string | null;
}

export const timePages: Pages<TimePosition> = {
  read: decodeTimePosition,
  write: (next) => (next ? encodeCursor(next) : null),
};

export const seqPages: Pages<string> = { read: decodeSeqCursor, write: encodeSeqCursor };

/**
 * One page of a list as a route answers it: the query's cursor and count (or the list's own `pageSize`, 20 unless
 * it says) go to `list`, and `present` names what the page holds; the cursor and has_more are added here.
 */
export async function answerPage<Position, Page extends { next: Position | null }, Body>(
  request: PageRequest,
  pages: Pages<Position>,
  list: (position: Position | null, count: number) => Promise<Page>,
  present: (page: Page) => Body,
  pageSize = 20,
): Promise<Body & PageLinks> {
  const page = await list(pages.read(request.query.cursor), request.query.count ?? pageSize);
  return { ...present(page), cursor: pages.write(page.next), has_more: page.next !== null };
}

/** `answerPage` for a list of the signed-in viewer's own: 401 for a visitor before the cursor is read. */
export function answerOwnPage<Position, Page extends { next: Position | null }, Body>(
  request: PageRequest,
  pages: Pages<Position>,
  list: (viewerId: string, position: Position | null, count: number) => Promise<Page>,
  present: (page: Page) => Body,
  pageSize = 20,
): Promise<Body & PageLinks> {
  const viewerId = requireViewer(request).userId;
  return answerPage(request, pages, (position, count) => list(viewerId, position, count), present, pageSize);
}

/** A page's `present` that answers one field of it as it is (`users`, `videos`…). */
export const itemsIn =
  <Key extends string>(key: Key) =>
  <Page extends Record<Key, unknown>>(page: Page): Pick<Page, Key> =>
    ({ [key]: page[key] }) as Pick<Page, Key>;
