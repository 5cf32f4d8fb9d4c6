import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openPgliteDatabase } from '../../platform/db/pglite-database.ts';
import { scoreSql, TIER } from './ranking.ts';

describe('search ranking', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPgliteDatabase();
  });
  afterAll(() => db.close());

  const score = async (tier: number, relevance: number, popularity: number) => {
    const { rows } = await db.query<{ score: number }>(
      `select ${scoreSql('$1::int', '$2::float8', '$3::float8')} as score`,
      [tier, relevance, popularity],
    );
    return rows[0]?.score as number;
  };

  it("puts exact above prefix above typo'd prefix above close spelling", () => {
    expect(TIER.exact).toBeGreaterThan(TIER.prefix);
    expect(TIER.prefix).toBeGreaterThan(TIER.typoPrefix);
    expect(TIER.typoPrefix).toBeGreaterThan(TIER.close);
  });

  it('keeps relevance times popularity below the next tier, and lets it order items within one', async () => {
    for (const tier of Object.values(TIER)) {
      // The best a lower tier can do (relevance beyond 1 is clamped) stays below the worst of the next one.
      expect(await score(tier, 5, 1e15)).toBeLessThan(tier + 1);
      expect(await score(tier, -1, 0)).toBe(tier);
    }
    expect(await score(TIER.typoPrefix, 0.5, 1000)).toBeGreaterThan(await score(TIER.typoPrefix, 0.5, 10));
    expect(await score(TIER.typoPrefix, 0.9, 10)).toBeGreaterThan(await score(TIER.typoPrefix, 0.5, 10));
  });
});
