import type { FeedPosition, VideoRow } from './store.ts';

/** Rounds of fetching before a page dense with hidden videos is returned short (its cursor still goes on). */
const MAX_ROUNDS = 5;

/**
 * A page of `limit` rows the viewer may see from a keyset-ordered list that also holds rows they may not (private
 * accounts, blocks, friends-only): fetches in batches, filters, and puts the cursor after the last row examined.
 */
export async function collectVisible(options: {
  after: FeedPosition | null;
  limit: number;
  fetch: (after: FeedPosition | null, limit: number) => Promise<VideoRow[]>;
  visible: (rows: VideoRow[]) => Promise<Set<string>>;
  positionOf: (row: VideoRow) => FeedPosition;
}): Promise<{ rows: VideoRow[]; next: FeedPosition | null }> {
  const { limit, positionOf } = options;
  const taken: VideoRow[] = [];
  let position = options.after;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const batch = await options.fetch(position, limit + 1);
    const allowed = await options.visible(batch);
    for (const [i, row] of batch.entries()) {
      position = positionOf(row);
      if (allowed.has(row.id)) taken.push(row);
      if (taken.length === limit) {
        const more = i < batch.length - 1 || batch.length > limit;
        return { rows: taken, next: more ? position : null };
      }
    }
    if (batch.length <= limit) return { rows: taken, next: null };
  }
  return { rows: taken, next: position };
}
