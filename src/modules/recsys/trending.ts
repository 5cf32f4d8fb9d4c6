import { type VideoCatalogue, VideoStat } from './catalogue.ts';

const BOARD_SIZE = 500;
/** A view is worth 1; these say how much more each kind of engagement is worth to the trending rank. */
const WORTH = { halfWatch: 1, complete: 2, like: 4, comment: 4, share: 6, save: 4, skip: -1 } as const;
/** A new video with no audience yet ranks by age among its peers, fading over a few hours. */
const FRESH_PRIOR = 0.5;

/** Decayed engagement of a video: what the trending source and the anonymous feed rank by. */
export function trendingScore(catalogue: VideoCatalogue, label: number, now: number): number {
  const stats = catalogue.trending;
  const factor = stats.factor(label, now);
  const raw = (column: number) => stats.raw(label, column) * factor;
  const engagement =
    raw(VideoStat.views) +
    WORTH.halfWatch * raw(VideoStat.halfWatches) +
    WORTH.complete * raw(VideoStat.completes) +
    WORTH.like * raw(VideoStat.likes) +
    WORTH.comment * raw(VideoStat.comments) +
    WORTH.share * raw(VideoStat.shares) +
    WORTH.save * raw(VideoStat.saves) +
    WORTH.skip * raw(VideoStat.skips);
  const ageMs = Math.max(0, now - (catalogue.readyAt[label] as number));
  return Math.max(0, engagement) + FRESH_PRIOR * 2 ** (-ageMs / catalogue.trending.halfLifeMs);
}

/**
 * The top videos by decayed engagement, kept up to date incrementally: all scores fade at the same rate, so an
 * untouched video never overtakes another untouched one; only videos with new signals need rescoring.
 */
export class TrendingBoard {
  #top: number[] = [];
  #touched = new Set<number>();

  touch(label: number): void {
    this.#touched.add(label);
  }

  /** Rescores the board and the videos touched since the last refresh. */
  refresh(catalogue: VideoCatalogue, now: number): void {
    if (this.#touched.size === 0 && this.#top.length > 0) return;
    const pool = new Set(this.#top);
    for (const label of this.#touched) pool.add(label);
    this.#touched.clear();
    this.#top = rank(catalogue, pool, now);
  }

  /** Scores every eligible video (after a restore). */
  rebuild(catalogue: VideoCatalogue, now: number): void {
    this.#touched.clear();
    this.#top = rank(catalogue, catalogue.eligible.subarray(0, catalogue.eligibleCount), now);
  }

  top(): readonly number[] {
    return this.#top;
  }
}

function rank(catalogue: VideoCatalogue, labels: Iterable<number>, now: number): number[] {
  const scored: Array<[number, number]> = [];
  for (const label of labels) {
    if (catalogue.isEligible(label)) scored.push([label, trendingScore(catalogue, label, now)]);
  }
  scored.sort((a, b) => b[1] - a[1] || (catalogue.readyAt[b[0]] as number) - (catalogue.readyAt[a[0]] as number));
  return scored.slice(0, BOARD_SIZE).map(([label]) => label);
}
