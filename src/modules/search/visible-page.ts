import type { ScorePosition } from './positions.ts';
import type { ScoredId } from './user-search.ts';

/** Rounds of fetching before a page dense with hidden items is returned short (its cursor still goes on). */
const MAX_ROUNDS = 5;

/**
 * A page of `limit` items the viewer may see from a ranked list that also holds some they may not (blocks, private
 * accounts, friends-only): fetches in batches, keeps what `present` returns, and puts the cursor after the last row
 * examined, so a hidden row never ends a list early nor shows up on a later page.
 */
export async function collectVisible<Item>(options: {
  after: ScorePosition | null;
  limit: number;
  fetch: (after: ScorePosition | null, limit: number) => Promise<ScoredId[]>;
  present: (ids: string[]) => Promise<Map<string, Item>>;
}): Promise<{ items: Item[]; next: ScorePosition | null }> {
  const { limit } = options;
  const items: Item[] = [];
  let position = options.after;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const batch = await options.fetch(position, limit + 1);
    const shown = await options.present(batch.map((row) => row.id));
    for (const [i, row] of batch.entries()) {
      position = { score: row.score, key: row.id };
      const item = shown.get(row.id);
      if (item !== undefined) items.push(item);
      if (items.length === limit) {
        const more = i < batch.length - 1 || batch.length > limit;
        return { items, next: more ? position : null };
      }
    }
    if (batch.length <= limit) return { items, next: null };
  }
  return { items, next: position };
}
