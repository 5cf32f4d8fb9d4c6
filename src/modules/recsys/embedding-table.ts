import { CountMinSketch } from './count-min-sketch.ts';
import { addScaled, addSeededVector } from './vector-math.ts';

export interface EmbeddingTableOptions {
  dim: number;
  /** Occurrences before an id gets a row of its own (Monolith's frequency filter). */
  minCount: number;
  /** A row not touched for this long is dropped and its memory reused (Monolith's expiry). */
  ttlMs: number;
  learningRate: number;
  initialRows?: number;
  sketchWidth?: number;
  /** Ids that start at zero instead of their seeded vector (pure id embeddings, learned from nothing). */
  startsAtZero?: (key: string) => boolean;
}

export interface EmbeddingTableSnapshot {
  keys: string[];
  values: Float32Array;
  accumulators: Float32Array;
  lastSeen: Float64Array;
  sketch: Uint16Array;
}

/**
 * Sparse id → embedding row in a real hash table keyed by the whole id, so two ids never share a row (no modulo
 * bucket collisions, unlike the hashing trick). Rows live in one growable Float32Array arena; freed rows are reused.
 * Learning is row-wise AdaGrad: one accumulator per row keeps memory at dim + 1 floats per id.
 */
export class HashEmbeddingTable {
  readonly dim: number;
  readonly #options: EmbeddingTableOptions;
  readonly #rows = new Map<string, number>();
  #keys: Array<string | undefined> = [];
  readonly #free: number[] = [];
  #values: Float32Array;
  #accumulators: Float32Array;
  #lastSeen: Float64Array;
  readonly #sketch: CountMinSketch;

  constructor(options: EmbeddingTableOptions, snapshot?: EmbeddingTableSnapshot) {
    this.dim = options.dim;
    this.#options = options;
    const rows = Math.max(16, options.initialRows ?? 1024);
    this.#values = new Float32Array(rows * this.dim);
    this.#accumulators = new Float32Array(rows);
    this.#lastSeen = new Float64Array(rows);
    this.#sketch = new CountMinSketch(options.sketchWidth ?? 1 << 20, 4, snapshot?.sketch);
    if (snapshot) this.#restore(snapshot);
  }

  /** Ids that have a row. */
  get size(): number {
    return this.#rows.size;
  }

  /** The row of an id, or -1 when it has none (too rare so far, or expired). */
  rowOf(key: string): number {
    return this.#rows.get(key) ?? -1;
  }

  /** Counts one occurrence of `key`; the id gets a row once the frequency filter lets it through. Returns the row or -1. */
  touch(key: string, now: number): number {
    const existing = this.#rows.get(key);
    if (existing !== undefined) {
      this.#lastSeen[existing] = Math.max(this.#lastSeen[existing] as number, now);
      return existing;
    }
    if (this.#sketch.add(key) < this.#options.minCount) return -1;
    const row = this.#allocate(key);
    // The row starts where the id's seeded vector was, so admission does not move any video.
    if (!this.#options.startsAtZero?.(key)) addSeededVector(key, this.#values, row * this.dim, 1, this.dim);
    this.#lastSeen[row] = now;
    return row;
  }

  /** target += weight × (the id's row, or its seeded initial vector when it has no row). */
  addVectorTo(key: string, target: Float32Array, offset: number, weight: number): void {
    const row = this.#rows.get(key);
    if (row === undefined) {
      if (!this.#options.startsAtZero?.(key)) addSeededVector(key, target, offset, weight, this.dim);
    } else addScaled(target, offset, this.#values, row * this.dim, weight, this.dim);
  }

  /** One row-wise AdaGrad descent step: row -= lr × g / √(Σ mean g²). */
  applyGradient(row: number, gradient: Float32Array, gradientOffset: number, now: number): void {
    const dim = this.dim;
    let squares = 0;
    for (let i = 0; i < dim; i++) {
      const g = gradient[gradientOffset + i] as number;
      squares += g * g;
    }
    const accumulator = (this.#accumulators[row] as number) + squares / dim;
    this.#accumulators[row] = accumulator;
    const step = -this.#options.learningRate / Math.sqrt(accumulator + 1e-8);
    addScaled(this.#values, row * dim, gradient, gradientOffset, step, dim);
    this.#lastSeen[row] = Math.max(this.#lastSeen[row] as number, now);
  }

  /** A live view of a row's vector (valid until the table grows). */
  vector(row: number): Float32Array {
    return this.#values.subarray(row * this.dim, (row + 1) * this.dim);
  }

  /** Drops rows not touched within the time to live; returns how many went. */
  expire(now: number): number {
    const cutoff = now - this.#options.ttlMs;
    let dropped = 0;
    for (const [key, row] of this.#rows) {
      if ((this.#lastSeen[row] as number) >= cutoff) continue;
      this.#rows.delete(key);
      this.#keys[row] = undefined;
      this.#values.fill(0, row * this.dim, (row + 1) * this.dim);
      this.#accumulators[row] = 0;
      this.#free.push(row);
      dropped++;
    }
    return dropped;
  }

  toSnapshot(): EmbeddingTableSnapshot {
    const keys: string[] = [];
    const live = [...this.#rows.entries()];
    const values = new Float32Array(live.length * this.dim);
    const accumulators = new Float32Array(live.length);
    const lastSeen = new Float64Array(live.length);
    live.forEach(([key, row], i) => {
      keys.push(key);
      values.set(this.vector(row), i * this.dim);
      accumulators[i] = this.#accumulators[row] as number;
      lastSeen[i] = this.#lastSeen[row] as number;
    });
    return { keys, values, accumulators, lastSeen, sketch: this.#sketch.counts };
  }

  #restore(snapshot: EmbeddingTableSnapshot): void {
    snapshot.keys.forEach((key, i) => {
      const row = this.#allocate(key);
      this.#values.set(snapshot.values.subarray(i * this.dim, (i + 1) * this.dim), row * this.dim);
      this.#accumulators[row] = snapshot.accumulators[i] as number;
      this.#lastSeen[row] = snapshot.lastSeen[i] as number;
    });
  }

  #allocate(key: string): number {
    let row = this.#free.pop();
    if (row === undefined) {
      row = this.#keys.length;
      if (row >= this.#accumulators.length) this.#grow();
    }
    this.#rows.set(key, row);
    this.#keys[row] = key;
    return row;
  }

  #grow(): void {
    const rows = this.#accumulators.length * 2;
    const values = new Float32Array(rows * this.dim);
    values.set(this.#values);
    const accumulators = new Float32Array(rows);
    accumulators.set(this.#accumulators);
    const lastSeen = new Float64Array(rows);
    lastSeen.set(this.#lastSeen);
    this.#values = values;
    this.#accumulators = accumulators;
    this.#lastSeen = lastSeen;
  }
}
