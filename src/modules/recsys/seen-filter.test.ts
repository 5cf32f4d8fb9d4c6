import { describe, expect, it } from 'vitest';
import { SeenFilter } from './seen-filter.ts';

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `video-${from + i}`);

describe('the seen filter (Bloom)', () => {
  it('never forgets a recent video and rarely claims an unseen one', () => {
    const seen = new SeenFilter();
    for (const id of ids(0, 1000)) seen.add(id);
    expect(ids(0, 1000).every((id) => seen.has(id))).toBe(true);
    const falsePositives = ids(10_000, 30_000).filter((id) => seen.has(id)).length;
    expect(falsePositives / 20_000).toBeLessThan(0.02);
  });

  it('drops the oldest generation instead of filling up', () => {
    const seen = new SeenFilter();
    for (const id of ids(0, SeenFilter.capacity * 3)) seen.add(id);
    expect(ids(SeenFilter.capacity * 2, SeenFilter.capacity * 3).every((id) => seen.has(id))).toBe(true);
    const remembered = ids(0, SeenFilter.capacity).filter((id) => seen.has(id)).length;
    expect(remembered / SeenFilter.capacity).toBeLessThan(0.05);
  });

  it('round-trips through its encoding and merges another node’s copy', () => {
    const mine = new SeenFilter();
    for (const id of ids(0, 10)) mine.add(id);
    const theirs = SeenFilter.decode(mine.encode());
    expect(ids(0, 10).every((id) => theirs.has(id))).toBe(true);
    for (const id of ids(10, 20)) theirs.add(id);
    mine.add('only-here');
    mine.merge(theirs);
    expect([...ids(0, 20), 'only-here'].every((id) => mine.has(id))).toBe(true);
    expect(() => SeenFilter.decode('AAAA')).toThrow();
  });
});
