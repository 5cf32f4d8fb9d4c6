import { grow } from './typed-arrays.ts';

/** Most neighbours kept per video; a row starts small and doubles up to this as partners arrive. */
const MAX_SLOTS = 256;
const FIRST_SLOTS = 8;
/** How many of a user's recent engagements a new one is paired with, and how pairing weakens with distance. */
const PAIR_WINDOW = 10;
const DISTANCE_DECAY = 0.8;

/**
 * Which videos the same people engage with close together in time ("viewers of this also watched that"):
 * per video a row of neighbours with co-engagement weights, updated online. Rows grow with the number of distinct
 * partners, so the long tail costs little; a full row makes room by the Misra–Gries rule, which keeps every heavy
 * partner (weight above total / slots) and lets one-off pairs go, so memory is bounded.
 */
export class CoEngagement {
  neighbours: Array<Int32Array | undefined> = [];
  weights: Array<Float32Array | undefined> = [];
  totals = new Float32Array(1024);

  ensure(videos: number): void {
    if (videos <= this.totals.length) return;
    this.totals = grow(this.totals, Math.max(videos, this.totals.length * 2));
  }

  /** `label` was engaged with after `recent` (oldest first): pairs it with the last few. */
  record(recent: readonly number[], label: number): void {
    let weight = 1;
    let paired = 0;
    for (let i = recent.length - 1; i >= 0 && paired < PAIR_WINDOW; i--) {
      const other = recent[i] as number;
      if (other === label) continue;
      this.#add(other, label, weight);
      this.#add(label, other, weight);
      weight *= DISTANCE_DECAY;
      paired++;
    }
  }

  /**
   * Adds, for every neighbour of the user's recent videos (oldest first), recency weight × cosine-normalised
   * co-engagement into `scores`.
   */
  scoreNeighbours(recent: readonly number[], scores: CoEngagementScores): void {
    scores.begin();
    let recency = 1;
    for (let i = recent.length - 1; i >= 0; i--) {
      const source = recent[i] as number;
      const neighbours = this.neighbours[source];
      const weights = this.weights[source];
      const sourceTotal = this.totals[source] ?? 0;
      if (neighbours && weights && sourceTotal > 0) {
        for (let s = 0; s < neighbours.length; s++) {
          const neighbour = neighbours[s] as number;
          if (neighbour < 0) continue;
          const norm = Math.sqrt(sourceTotal * Math.max(1, this.totals[neighbour] as number));
          scores.add(neighbour, (recency * (weights[s] as number)) / norm);
        }
      }
      recency *= DISTANCE_DECAY;
    }
  }

  #add(from: number, to: number, weight: number): void {
    this.ensure(Math.max(from, to) + 1);
    this.totals[from] = (this.totals[from] as number) + weight;
    let neighbours = this.neighbours[from];
    let weights = this.weights[from];
    if (!neighbours || !weights) {
      neighbours = new Int32Array(FIRST_SLOTS).fill(-1);
      weights = new Float32Array(FIRST_SLOTS);
      this.neighbours[from] = neighbours;
      this.weights[from] = weights;
    }
    let empty = -1;
    for (let s = 0; s < neighbours.length; s++) {
      const neighbour = neighbours[s] as number;
      if (neighbour === to) {
        weights[s] = (weights[s] as number) + weight;
        return;
      }
      if (neighbour < 0 && empty < 0) empty = s;
    }
    if (empty < 0 && neighbours.length < MAX_SLOTS) {
      empty = neighbours.length;
      const grownNeighbours = new Int32Array(neighbours.length * 2).fill(-1);
      grownNeighbours.set(neighbours);
      const grownWeights = new Float32Array(neighbours.length * 2);
      grownWeights.set(weights);
      this.neighbours[from] = neighbours = grownNeighbours;
      this.weights[from] = weights = grownWeights;
    }
    if (empty >= 0) {
      neighbours[empty] = to;
      weights[empty] = weight;
      return;
    }
    // Misra–Gries: a full row pays for the newcomer by lowering every slot; slots that reach zero free up.
    let smallest = weight;
    for (let s = 0; s < weights.length; s++) smallest = Math.min(smallest, weights[s] as number);
    for (let s = 0; s < weights.length; s++) {
      const left = (weights[s] as number) - smallest;
      weights[s] = left;
      if (left <= 1e-6) {
        neighbours[s] = -1;
        weights[s] = 0;
        if (empty < 0) empty = s;
      }
    }
    if (weight > smallest && empty >= 0) {
      neighbours[empty] = to;
      weights[empty] = weight - smallest;
    }
  }

  /** Memory held by the rows, in bytes. */
  bytes(): number {
    let total = this.totals.byteLength;
    for (const row of this.neighbours) if (row) total += row.byteLength * 2;
    return total;
  }
}

/** Sparse per-request scores over labels, reset in O(1) by a generation stamp. */
export class CoEngagementScores {
  values = new Float32Array(0);
  stamps = new Uint32Array(0);
  generation = 0;
  /** Labels written this request, for retrieval. */
  touched: number[] = [];

  begin(): void {
    this.generation++;
    this.touched.length = 0;
  }

  add(label: number, value: number): void {
    if (label >= this.stamps.length) this.#grow(label + 1);
    if (this.stamps[label] !== this.generation) {
      this.stamps[label] = this.generation;
      this.values[label] = 0;
      this.touched.push(label);
    }
    this.values[label] = (this.values[label] as number) + value;
  }

  get(label: number): number {
    return label < this.stamps.length && this.stamps[label] === this.generation ? (this.values[label] as number) : 0;
  }

  #grow(size: number): void {
    const length = Math.max(size, this.stamps.length * 2, 1024);
    this.values = grow(this.values, length);
    this.stamps = grow(this.stamps, length);
  }
}
