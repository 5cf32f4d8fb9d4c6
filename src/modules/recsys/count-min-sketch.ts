import { hashString } from '../../platform/hashing.ts';

/**
 * Approximate occurrence counts in fixed memory (never under-counts). The embedding table's frequency filter: an id
 * earns a row only after it was seen often enough, so one-off ids cost no memory.
 */
export class CountMinSketch {
  readonly width: number;
  readonly depth: number;
  readonly counts: Uint16Array;

  constructor(width = 1 << 20, depth = 4, counts?: Uint16Array) {
    if ((width & (width - 1)) !== 0) throw new RangeError('width must be a power of two');
    this.width = width;
    this.depth = depth;
    this.counts = counts ?? new Uint16Array(width * depth);
  }

  /** Counts one more occurrence and returns the new estimate. */
  add(key: string): number {
    const h1 = hashString(key, 1);
    const h2 = hashString(key, 2) | 1;
    let estimate = 0xffff;
    for (let row = 0; row < this.depth; row++) {
      const cell = row * this.width + ((h1 + Math.imul(row, h2)) & (this.width - 1));
      const value = this.counts[cell] as number;
      if (value < 0xffff) this.counts[cell] = value + 1;
      estimate = Math.min(estimate, Math.min(0xffff, value + 1));
    }
    return estimate;
  }

  estimate(key: string): number {
    const h1 = hashString(key, 1);
    const h2 = hashString(key, 2) | 1;
    let estimate = 0xffff;
    for (let row = 0; row < this.depth; row++) {
      estimate = Math.min(
        estimate,
        this.counts[row * this.width + ((h1 + Math.imul(row, h2)) & (this.width - 1))] as number,
      );
    }
    return estimate;
  }
}
