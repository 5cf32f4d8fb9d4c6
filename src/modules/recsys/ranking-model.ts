import { DEFAULT_FTRL, type FeatureVector, FtrlHead, type FtrlOptions, type FtrlSnapshot, sigmoid } from './ftrl.ts';

/** The ranking model's tasks, one logistic head each. */
export const RankingTask = { watchHalf: 0, complete: 1, like: 2, share: 3, follow: 4 } as const;
export const TASK_NAMES = ['watch_half', 'complete', 'like', 'share', 'follow'] as const;
const TASKS = TASK_NAMES.length;

/**
 * How much each predicted outcome is worth in the final score: a like, share or follow says more about a video than
 * a view does, but is also rarer, so these weights stay modest against the watch heads' larger probabilities.
 */
export const DEFAULT_TASK_WEIGHTS: readonly number[] = [1, 1.5, 3, 4, 4];

/**
 * Multi-task ranking: five FTRL logistic heads over the same sparse features (user, video, cross, context),
 * predicting P(watch > 50 %), P(complete), P(like), P(share), P(follow); their weighted sum is the score.
 */
export class MultiTaskRanker {
  readonly heads: FtrlHead[];
  readonly weights: readonly number[];
  readonly #prior: Float32Array;
  /** Every head's weight of a coordinate side by side, so scoring reads one cache line per feature. */
  readonly #combined: Float32Array;
  readonly #mask: number;

  /**
   * `prior`: fixed weights on the dense features (index → weight), added to every head's logit, so a model that has
   * seen nothing yet still ranks by similarity and quality; the heads learn what to add to it.
   */
  constructor(
    options: { ftrl?: FtrlOptions; weights?: readonly number[]; prior?: Float32Array; snapshot?: FtrlSnapshot[] } = {},
  ) {
    this.weights = options.weights ?? DEFAULT_TASK_WEIGHTS;
    this.#prior = options.prior ?? new Float32Array(64);
    this.heads = TASK_NAMES.map((_, task) => new FtrlHead(options.ftrl ?? DEFAULT_FTRL, options.snapshot?.[task]));
    const size = (this.heads[0] as FtrlHead).size;
    this.#mask = size - 1;
    this.#combined = new Float32Array(size * TASKS);
    if (options.snapshot) {
      for (let j = 0; j < size; j++) {
        for (let task = 0; task < TASKS; task++)
          this.#combined[j * TASKS + task] = (this.heads[task] as FtrlHead).weight(j);
      }
    }
  }

  /** The fixed part of every head's logit. */
  priorMargin(features: FeatureVector): number {
    const prior = this.#prior;
    let sum = 0;
    for (let i = 0; i < features.count; i++) {
      const index = features.indices[i] as number;
      if (index < prior.length) sum += (prior[index] as number) * (features.values[i] as number);
    }
    return sum;
  }

  /** Σ task weight × P(task): one pass over the features for all heads and the prior. */
  score(features: FeatureVector): number {
    const prior = this.#prior;
    const combined = this.#combined;
    const { indices, values } = features;
    let base = 0;
    let m0 = 0;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (let i = 0; i < features.count; i++) {
      const index = indices[i] as number;
      const value = values[i] as number;
      if (index < 64) base += (prior[index] as number) * value;
      const at = (index & this.#mask) * TASKS;
      m0 += (combined[at] as number) * value;
      m1 += (combined[at + 1] as number) * value;
      m2 += (combined[at + 2] as number) * value;
      m3 += (combined[at + 3] as number) * value;
      m4 += (combined[at + 4] as number) * value;
    }
    const w = this.weights;
    return (
      (w[0] as number) * sigmoid(base + m0) +
      (w[1] as number) * sigmoid(base + m1) +
      (w[2] as number) * sigmoid(base + m2) +
      (w[3] as number) * sigmoid(base + m3) +
      (w[4] as number) * sigmoid(base + m4)
    );
  }

  predict(task: number, features: FeatureVector): number {
    return (this.heads[task] as FtrlHead).predict(features, this.priorMargin(features));
  }

  train(task: number, features: FeatureVector, label: number, weight = 1): void {
    const head = this.heads[task] as FtrlHead;
    head.update(features, label, weight, this.priorMargin(features));
    for (let i = 0; i < features.count; i++) {
      const j = (features.indices[i] as number) & this.#mask;
      this.#combined[j * TASKS + task] = head.weight(j);
    }
  }

  toSnapshot(): FtrlSnapshot[] {
    return this.heads.map((head) => head.toSnapshot());
  }
}
