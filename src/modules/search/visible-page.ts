import { collectVisible as collectVisibleItems } from '../../platform/visible-page.ts';
import type { ScorePosition } from './positions.ts';
import type { ScoredId } from './user-search.ts';

/** A page of a ranked result list, of what `present` shows the viewer (src/platform/visible-page.ts). */
export function collectVisible<Item>(options: {
  after: ScorePosition | null;
  limit: number;
  fetch: (after: ScorePosition | null, limit: number) => Promise<ScoredId[]>;
  present: (ids: string[]) => Promise<Map<string, Item>>;
}): Promise<{ items: Item[]; next: ScorePosition | null }> {
  return collectVisibleItems({
    ...options,
    shown: async (rows: ScoredId[]) => {
      const shown = await options.present(rows.map((row) => row.id));
      return (row: ScoredId) => shown.get(row.id);
    },
    positionOf: (row) => ({ score: row.score, key: row.id }),
  });
}
