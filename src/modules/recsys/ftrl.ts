/** A sparse feature vector in reusable buffers: `count` (index, value) pairs. */
export class FeatureVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  count = 0;

  constructor(capacity = 96) {
    this.indices = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  clear(): void {
    this.count = 0;
  }

  push(index: number, value: number): void {
    if (value === 0 || this.count >= this.indices.length) return;
    this.indices[this.count] = index;
    this.values[this.count] = value;
    this.count++;
  }

  copy(): FeatureVector {
    const copy = new FeatureVector(this.count);
    copy.indices.set(this.indices.subarray(0, this.count));
    copy.values.set(this.values.subarray(0, this.count));
    copy.count = this.count;
    return copy;
  }
}

export interface FtrlOptions {
  /** The weight space has 2^bits coordinates; feature indices are taken modulo it. */
  bits: number;
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
}

export interface FtrlSnapshot {
  z: Float32Array;
  n: Float32Array;
}

export const DEFAULT_FTRL: FtrlOptions = { bits: 20, alpha: 0.05, beta: 1, l1: 0.5, l2: 1 };

/**
 * Logistic regression trained online by FTRL-Proximal (McMahan et al. 2013): per-coordinate learning rates and L1
 * sparsity, one example at a time. The weights are kept materialised, so scoring is a plain sparse dot product and a
 * training step is visible to the next prediction in the same process.
 */
export class FtrlHead {
  readonly #options: FtrlOptions;
  readonly #mask: number;
  readonly #z: Float32Array;
  readonly #n: Float32Array;
  readonly #w: Float32Array;

  constructor(options: FtrlOptions = DEFAULT_FTRL, snapshot?: FtrlSnapshot) {
    this.#options = options;
    const size = 1 << options.bits;
    this.#mask = size - 1;
    this.#z = snapshot?.z ?? new Float32Array(size);
    this.#n = snapshot?.n ?? new Float32Array(size);
    this.#w = new Float32Array(size);
    if (snapshot) for (let i = 0; i < size; i++) if (this.#n[i] !== 0) this.#w[i] = this.#weightOf(i);
  }

  /** The logit Σ wᵢxᵢ. */
  margin(features: FeatureVector): number {
    let sum = 0;
    const { indices, values } = features;
    for (let i = 0; i < features.count; i++)
      sum += (this.#w[(indices[i] as number) & this.#mask] as number) * (values[i] as number);
    return sum;
  }

  predict(features: FeatureVector, baseMargin = 0): number {
    return sigmoid(baseMargin + this.margin(features));
  }

  /**
   * One FTRL-Proximal step on (features, label ∈ {0,1}); `weight` scales the gradient (importance). `baseMargin` is a
   * fixed logit added before the sigmoid: the head then learns the residual on top of it.
   */
  update(features: FeatureVector, label: number, weight = 1, baseMargin = 0): void {
    const p = this.predict(features, baseMargin);
    const { alpha } = this.#options;
    const { indices, values } = features;
    for (let i = 0; i < features.count; i++) {
      const j = (indices[i] as number) & this.#mask;
      const g = (p - label) * (values[i] as number) * weight;
      const n = this.#n[j] as number;
      const sigma = (Math.sqrt(n + g * g) - Math.sqrt(n)) / alpha;
      this.#z[j] = (this.#z[j] as number) + g - sigma * (this.#w[j] as number);
      this.#n[j] = n + g * g;
      this.#w[j] = this.#weightOf(j);
    }
  }

  /** The materialised weight of coordinate `index` (taken modulo the weight space). */
  weight(index: number): number {
    return this.#w[index & this.#mask] as number;
  }

  get size(): number {
    return this.#mask + 1;
  }

  toSnapshot(): FtrlSnapshot {
    return { z: this.#z, n: this.#n };
  }

  #weightOf(j: number): number {
    const { alpha, beta, l1, l2 } = this.#options;
    const z = this.#z[j] as number;
    if (Math.abs(z) <= l1) return 0;
    return -(z - Math.sign(z) * l1) / ((beta + Math.sqrt(this.#n[j] as number)) / alpha + l2);
  }
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
