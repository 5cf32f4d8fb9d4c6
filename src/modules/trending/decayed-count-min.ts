/** Once the decay exponent grows past this, every cell is rescaled (e^32 ≈ 8·10^13 keeps far from overflow). */
const RESCALE_EXPONENT = 32;

/**
 * A Count-Min sketch of exponentially decayed counts: the count of a key at time t is Σ w·e^(−(t − tᵢ)/τ) over its
 * events, about its events in the last τ. Forward decay: an event adds w·e^((tᵢ − L)/τ) for a landmark L, so cells
 * never need decaying in place, events may come in any order, and the ratio of two keys' stored values never changes
 * with time. Conservative update (raise only the rows at the minimum) keeps the over-estimate small. Memory is
 * depth × width × 8 bytes whatever the number of keys.
 */
export class DecayedCountMin {
  readonly depth: number;
  readonly width: number;
  readonly tauMs: number;
  readonly cells: Float64Array;
  #landmark: number;
  readonly #mask: number;
  readonly #slots: Int32Array;

  constructor(options: { depth: number; width: number; tauMs: number; landmark: number; cells?: Float64Array }) {
    if (options.width & (options.width - 1)) throw new Error('sketch width must be a power of two');
    this.depth = options.depth;
    this.width = options.width;
    this.tauMs = options.tauMs;
    this.#landmark = options.landmark;
    this.#mask = options.width - 1;
    this.cells = options.cells ?? new Float64Array(options.depth * options.width);
    this.#slots = new Int32Array(options.depth);
  }

  get landmark(): number {
    return this.#landmark;
  }

  /** Adds `weight` at time `at` (ms); returns the key's stored (forward-decayed) value afterwards. */
  add(h1: number, h2: number, weight: number, at: number): number {
    const amount = weight * Math.exp((at - this.#landmark) / this.tauMs);
    const slots = this.#locate(h1, h2);
    let min = Number.POSITIVE_INFINITY;
    for (let row = 0; row < this.depth; row += 1) min = Math.min(min, this.cells[slots[row] as number] as number);
    const target = min + amount;
    for (let row = 0; row < this.depth; row += 1) {
      const slot = slots[row] as number;
      if ((this.cells[slot] as number) < target) this.cells[slot] = target;
    }
    return target;
  }

  /** Whether `at` is so far past the landmark that stored values must be rescaled (call rescale) before adding. */
  needsRescale(at: number): boolean {
    return (at - this.#landmark) / this.tauMs > RESCALE_EXPONENT;
  }

  /** The key's stored value: comparable between keys of this sketch at any time (until the next rescale). */
  stored(h1: number, h2: number): number {
    const slots = this.#locate(h1, h2);
    let min = Number.POSITIVE_INFINITY;
    for (let row = 0; row < this.depth; row += 1) min = Math.min(min, this.cells[slots[row] as number] as number);
    return min;
  }

  /** The key's decayed count at `now` (an over-estimate, never an under-estimate). */
  estimate(h1: number, h2: number, now: number): number {
    return this.stored(h1, h2) * Math.exp(-(now - this.#landmark) / this.tauMs);
  }

  /** Moves the landmark to `at`; returns the factor every stored value was multiplied by. */
  rescale(at: number): number {
    const factor = Math.exp(-(at - this.#landmark) / this.tauMs);
    for (let i = 0; i < this.cells.length; i += 1) this.cells[i] = (this.cells[i] as number) * factor;
    this.#landmark = at;
    return factor;
  }

  /** Adds another sketch of the same shape (another node's share of the events). */
  merge(other: DecayedCountMin): void {
    if (other.depth !== this.depth || other.width !== this.width || other.tauMs !== this.tauMs) {
      throw new Error('only sketches of the same shape merge');
    }
    const factor = Math.exp((other.landmark - this.#landmark) / this.tauMs);
    for (let i = 0; i < this.cells.length; i += 1) {
      this.cells[i] = (this.cells[i] as number) + (other.cells[i] as number) * factor;
    }
  }

  #locate(h1: number, h2: number): Int32Array {
    for (let row = 0; row < this.depth; row += 1) this.#slots[row] = row * this.width + ((h1 + row * h2) & this.#mask);
    return this.#slots;
  }
}
