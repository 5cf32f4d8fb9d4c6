/** Measurements the prefetch plan adapts to: network throughput and how fast the person moves through the feed. */

/**
 * Throughput from completed downloads: an exponentially weighted average of bits per second, weighted by bytes so
 * a big segment counts more than a playlist. Small responses are mostly round-trip time and are not counted.
 */
export class BandwidthEstimator {
  readonly #minBytes: number;
  readonly #halfLifeBytes: number;
  #estimate: number | null;
  #weight = 0;

  constructor(options: { initialBps?: number | null; minBytes?: number; halfLifeBytes?: number } = {}) {
    this.#estimate = options.initialBps && options.initialBps > 0 ? options.initialBps : null;
    this.#minBytes = options.minBytes ?? 16_000;
    this.#halfLifeBytes = options.halfLifeBytes ?? 1_500_000;
  }

  /** One finished download: `bytes` in `ms` (from request to last byte). */
  sample(bytes: number, ms: number): void {
    if (bytes < this.#minBytes || !(ms > 0)) return;
    const bps = (bytes * 8 * 1000) / ms;
    if (this.#estimate === null || this.#weight === 0) {
      this.#estimate = bps;
      this.#weight = bytes;
      return;
    }
    // Older samples fade by half for every `halfLifeBytes` downloaded since.
    const alpha = 0.5 ** (bytes / this.#halfLifeBytes);
    this.#estimate = alpha * this.#estimate + (1 - alpha) * bps;
    this.#weight += bytes;
  }

  /** Bits per second, or null before the first measurement (and without an initial guess). */
  get bps(): number | null {
    return this.#estimate;
  }
}

/** How long the person stays on an item before swiping on, from their recent moves. */
export class SwipeTracker {
  readonly #dwells: number[] = [];
  readonly #keep: number;
  #lastAt: number | null = null;
  #lastPosition: number | null = null;
  #direction: 1 | -1 = 1;

  constructor(keep = 5) {
    this.#keep = keep;
  }

  /** The item on screen changed to `position` at `at` (ms). */
  moved(position: number, at: number): void {
    if (this.#lastPosition !== null && position !== this.#lastPosition) {
      this.#direction = position > this.#lastPosition ? 1 : -1;
      if (this.#lastAt !== null) {
        const steps = Math.abs(position - this.#lastPosition);
        // A jump over several items counts as that many quick swipes.
        const each = (at - this.#lastAt) / steps;
        for (let i = 0; i < Math.min(steps, this.#keep); i++) this.#dwells.push(each);
        this.#dwells.splice(0, Math.max(0, this.#dwells.length - this.#keep));
      }
    }
    if (position !== this.#lastPosition) {
      this.#lastPosition = position;
      this.#lastAt = at;
    }
  }

  /** Median seconds per item over the recent swipes; null before the second item. */
  get dwellSeconds(): number | null {
    if (this.#dwells.length === 0) return null;
    const sorted = [...this.#dwells].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    return median / 1000;
  }

  /** Items per second (the swipe speed); 0 before the second item. */
  get itemsPerSecond(): number {
    const dwell = this.dwellSeconds;
    return dwell && dwell > 0 ? 1 / dwell : 0;
  }

  get direction(): 1 | -1 {
    return this.#direction;
  }
}
