import { describe, expect, it } from 'vitest';
import { collectVisible } from './visible-page.ts';

/** Rows 0..count-1 in order; `hidden` ones the viewer may not see. */
function list(count: number, hidden: (n: number) => boolean) {
  const rows = Array.from({ length: count }, (_, n) => n);
  const fetches: number[] = [];
  return {
    fetches,
    page: (after: number | null, limit: number) =>
      collectVisible({
        after,
        limit,
        fetch: async (from: number | null, size: number) => {
          fetches.push(size);
          return rows.filter((n) => from === null || n > from).slice(0, size);
        },
        shown: async () => (n: number) => (hidden(n) ? undefined : `item ${n}`),
        positionOf: (n: number) => n,
      }),
  };
}

describe('collectVisible', () => {
  it('pages through what the viewer may see, each hidden row skipped once, the cursor after the last row examined', async () => {
    const { page } = list(20, (n) => n % 3 === 0);
    const seen: string[] = [];
    let after: number | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const { items, next } = await page(after, 4);
      seen.push(...items);
      if (next === null) break;
      after = next;
    }
    expect(seen).toEqual(
      Array.from({ length: 20 }, (_, n) => n)
        .filter((n) => n % 3 !== 0)
        .map((n) => `item ${n}`),
    );
  });

  it('ends the list on its last row; when only hidden rows follow a full page, the next page is empty and final', async () => {
    expect(await list(3, () => false).page(null, 3)).toEqual({ items: ['item 0', 'item 1', 'item 2'], next: null });
    const { page } = list(6, (n) => n >= 3);
    expect(await page(null, 3)).toEqual({ items: ['item 0', 'item 1', 'item 2'], next: 2 });
    expect(await page(2, 3)).toEqual({ items: [], next: null });
  });

  it('returns a short page with a cursor that goes on after five batches of hidden rows', async () => {
    const { page, fetches } = list(100, (n) => n < 60);
    const first = await page(null, 5);
    expect(first.items).toEqual([]);
    expect(fetches).toEqual([6, 6, 6, 6, 6]);
    expect(first.next).toBe(29);
    const later = await page(first.next, 5);
    expect(later.items.length).toBe(0);
  });
});
