/** Batches fetched before a page dense with hidden rows is returned short (its cursor still goes on). */
const MAX_ROUNDS = 5;

/**
 * A page of `limit` items the viewer may see from a keyset-ordered list that also holds rows they may not (private
 * accounts, blocks, friends-only): fetches batches of `limit + 1`, keeps what `shown` lets through, and puts the
 * cursor after the last row examined, so a hidden row never ends a list early nor shows up on a later page.
 */
export async function collectVisible<Row, Item, Position>(options: {
  after: Position | null;
  limit: number;
  fetch: (after: Position | null, limit: number) => Promise<Row[]>;
  /** For one batch: what the viewer sees of each row, or undefined for a row hidden from them. */
  shown: (rows: Row[]) => Promise<(row: Row) => Item | undefined>;
  positionOf: (row: Row) => Position;
}): Promise<{ items: Item[]; next: Position | null }> {
  const { limit, positionOf } = options;
  const items: Item[] = [];
  let position = options.after;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const batch = await options.fetch(position, limit + 1);
    const itemOf = await options.shown(batch);
    for (const [i, row] of batch.entries()) {
      position = positionOf(row);
      const item = itemOf(row);
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
