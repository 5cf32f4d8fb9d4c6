import { describe, expect, it } from 'vitest';
import { type DetectorShape, TrendingDetector } from './detector.ts';
import { TopKeys } from './top-keys.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SMALL: DetectorShape = { windowsMs: [15 * MINUTE, HOUR, 24 * HOUR], depth: 4, width: 1 << 12, candidates: 64 };

describe('the trending detector', () => {
  it('ranks a hashtag that accelerates above a bigger one that is merely steady', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    const detector = new TrendingDetector(SMALL, now - 24 * HOUR);
    // #steady: 20 weighted events every 10 minutes for a day (2,880); #rising: nothing, then 400 in 10 minutes.
    for (let at = now - 24 * HOUR; at <= now; at += 10 * MINUTE) detector.record('hashtag', 'steady', 20, at);
    for (let i = 0; i < 400; i += 1) detector.record('hashtag', 'rising', 1, now - 10 * MINUTE + i * 1500);
    const [first, second] = detector.top('hashtag', 2, now);
    expect(first?.key).toBe('rising');
    expect(second?.key).toBe('steady');
    // The steady one is bigger over the day and the hour; only the acceleration puts the riser first.
    expect(second?.counts[2]).toBeGreaterThan(first?.counts[2] ?? 0);
    expect(second?.counts[1]).toBeLessThan(first?.counts[1] ?? 0);
  });

  it('finds the heavy hitters among many distinct keys in fixed memory', () => {
    const now = Date.now();
    const detector = new TrendingDetector(SMALL, now - HOUR);
    const before = detector.memoryBytes();
    let exact = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const at = now - HOUR + i * 30;
      detector.record('hashtag', `noise${i}`, 1, at);
      if (i % 10 !== 0) continue;
      detector.record('hashtag', `hot${(i / 10) % 5}`, 1, at);
      if ((i / 10) % 5 === 0) exact += Math.exp(-(now - at) / HOUR);
    }
    const top = detector.top('hashtag', 5, now).map((entry) => entry.key);
    expect(new Set(top)).toEqual(new Set(['hot0', 'hot1', 'hot2', 'hot3', 'hot4']));
    expect(detector.memoryBytes()).toBe(before);
    // The sketch never under-counts, and with 110,000 keys in 4,096 columns it over-counts by little.
    const [, hour] = detector.counts('hashtag', 'hot0', now);
    expect(hour).toBeGreaterThanOrEqual(exact * 0.999999);
    expect(hour).toBeLessThan(exact * 1.05);
  });

  it('survives a snapshot and merges two halves of a stream into the whole', () => {
    const now = Date.now();
    const whole = new TrendingDetector(SMALL, now - HOUR);
    const left = new TrendingDetector(SMALL, now - 2 * HOUR);
    const right = new TrendingDetector(SMALL, now - HOUR);
    for (let i = 0; i < 2000; i += 1) {
      const key = `tag${i % 20}`;
      const at = now - HOUR + i * 1000;
      whole.record('sound', key, 1 + (i % 3), at);
      (i % 2 === 0 ? left : right).record('sound', key, 1 + (i % 3), at);
    }
    const restored = TrendingDetector.restore(left.serialize(), SMALL);
    expect(restored).not.toBeNull();
    restored?.merge(right);
    const expected = whole.top('sound', 5, now);
    const merged = restored?.top('sound', 5, now) ?? [];
    expect(merged.map((entry) => entry.key)).toEqual(expected.map((entry) => entry.key));
    for (const [i, entry] of merged.entries()) {
      expect(entry.counts[2]).toBeCloseTo(expected[i]?.counts[2] ?? 0, 6);
    }
    expect(TrendingDetector.restore(Buffer.from('not a snapshot'), SMALL)).toBeNull();
    expect(TrendingDetector.restore(left.serialize(), { ...SMALL, width: 1 << 10 })).toBeNull();
  });

  it('keeps the strongest keys in its candidate heap', () => {
    const top = new TopKeys(3);
    for (const [key, priority] of [
      ['a', 5],
      ['b', 1],
      ['c', 3],
      ['d', 4],
      ['e', 0.5],
    ] as const) {
      top.offer(key, priority);
    }
    expect(new Set(top.keys())).toEqual(new Set(['a', 'c', 'd']));
    top.offer('b', 10);
    expect(new Set(top.keys())).toEqual(new Set(['a', 'b', 'd']));
  });
});
