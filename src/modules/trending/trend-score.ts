import { TRENDING } from '../../config.ts';

/** Decayed activity of a key over the short, middle and long windows (TRENDING.windowsMs). */
export type WindowCounts = readonly [number, number, number];

/** Pseudo-activity added to both sides of the ratio, so a handful of events cannot make a trend. */
const PRIOR = 5;

/**
 * Rewards acceleration, not size: the short window's activity over what the long window's rate predicts for a
 * window that short (a steady key scores about 1 there, one that just took off up to the ratio of the windows),
 * times the log of the middle window's activity, so among equally fast risers the bigger one leads.
 */
export function trendScore(counts: WindowCounts): number {
  const [short, middle, long] = counts;
  const [shortMs, , longMs] = TRENDING.windowsMs;
  const expected = long * ((shortMs as number) / (longMs as number));
  const acceleration = (short + PRIOR) / (expected + PRIOR);
  return acceleration * Math.log1p(middle);
}
