import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;

export interface VideoIndexOptions {
  dim: number;
  m?: number;
  efConstruction?: number;
  initialCapacity?: number;
}

const LIVE = 1;
const DELETED = 2;

/**
 * Approximate nearest neighbours over video vectors (hnswlib's HNSW, inner product on unit vectors = cosine).
 * Labels are catalogue labels. A removed video is marked deleted, so searches skip it without a rebuild.
 */
export class VideoIndex {
  readonly #index: InstanceType<typeof HierarchicalNSW>;
  readonly #dim: number;
  #capacity: number;
  #presence: Uint8Array;
  #live = 0;
  readonly #point: number[];

  constructor(options: VideoIndexOptions) {
    this.#dim = options.dim;
    this.#capacity = Math.max(1024, options.initialCapacity ?? 1024);
    this.#index = new HierarchicalNSW('ip', options.dim);
    this.#index.initIndex({
      maxElements: this.#capacity,
      m: options.m ?? 16,
      efConstruction: options.efConstruction ?? 100,
      randomSeed: 42,
    });
    this.#presence = new Uint8Array(this.#capacity);
    this.#point = new Array(options.dim).fill(0);
  }

  get size(): number {
    return this.#live;
  }

  has(label: number): boolean {
    return this.#presence[label] === LIVE;
  }

  /** Cosine of the indexed vector with `vector` (both unit length); -1 when the video is not indexed. */
  similarity(label: number, vector: Float32Array): number {
    if (this.#presence[label] !== LIVE) return -1;
    const indexed = this.#index.getPoint(label);
    let sum = 0;
    for (let i = 0; i < this.#dim; i++) sum += (indexed[i] as number) * (vector[i] as number);
    return sum;
  }

  /** Adds the video or moves it to its new vector. */
  upsert(label: number, vector: Float32Array): void {
    if (label >= this.#capacity) this.#grow(label + 1);
    const point = this.#point;
    for (let i = 0; i < this.#dim; i++) point[i] = vector[i] as number;
    const presence = this.#presence[label];
    if (presence === DELETED) this.#index.unmarkDelete(label);
    this.#index.addPoint(point, label);
    if (presence !== LIVE) this.#live++;
    this.#presence[label] = LIVE;
  }

  remove(label: number): void {
    if (this.#presence[label] !== LIVE) return;
    this.#index.markDelete(label);
    this.#presence[label] = DELETED;
    this.#live--;
  }

  /** The `k` nearest live videos to a unit query, nearest first. `ef` ≥ k trades time for recall. */
  search(query: Float32Array, k: number, ef = k): number[] {
    const wanted = Math.min(k, this.#live);
    if (wanted <= 0) return [];
    const point = this.#point;
    for (let i = 0; i < this.#dim; i++) point[i] = query[i] as number;
    this.#index.setEf(Math.max(ef, wanted));
    try {
      return this.#index.searchKnn(point, wanted).neighbors;
    } catch {
      // hnswlib throws when it finds fewer than k (a sparse graph after many deletions): ask for what it can give.
      return this.#index.searchKnn(point, Math.max(1, Math.floor(wanted / 2))).neighbors;
    }
  }

  #grow(needed: number): void {
    let capacity = this.#capacity;
    while (capacity < needed) capacity *= 2;
    this.#index.resizeIndex(capacity);
    const presence = new Uint8Array(capacity);
    presence.set(this.#presence);
    this.#presence = presence;
    this.#capacity = capacity;
  }
}
