import { MAX_TAGS, MAX_TOKENS, type VideoCatalogue } from './catalogue.ts';
import { HashEmbeddingTable } from './embedding-table.ts';
import { sigmoid } from './ftrl.ts';
import type { UserProfile } from './user-profiles.ts';
import { addScaled, dot, EMBEDDING_DIM, normalize } from './vector-math.ts';

export interface TowerOptions {
  /** Scales the cosine into a logit: the softness of the two-tower objective. */
  temperature: number;
  learningRate: number;
  /** Occurrences before an id gets its own row. */
  minCount: number;
  ttlMs: number;
}

export const DEFAULT_TOWERS: TowerOptions = {
  temperature: 6,
  learningRate: 0.15,
  minCount: 2,
  ttlMs: 30 * 86_400_000,
};

/** Tower input weights: the learned id dominates once it has learned, content carries a new video. */
const WEIGHT = { id: 1, author: 0.5, tags: 1, tokens: 0.35, sound: 0.5 } as const;
const USER = { short: 0.6, long: 0.4, id: 1 } as const;

const isIdKey = (key: string) => key.startsWith('v:') || key.startsWith('u:');

/**
 * The two towers: a video's vector is the normalised weighted sum of the embeddings of its sparse features (its
 * id, author, hashtags, caption words, sound); a user's vector mixes their short- and long-term interest (pooled
 * vectors of what they watched) with a learned id embedding. Trained online with a logistic loss on the scaled
 * cosine: engaged pairs up, skipped and randomly sampled pairs down.
 */
export class TwoTowers {
  readonly table: HashEmbeddingTable;
  readonly options: TowerOptions;
  readonly #keys: string[] = [];
  readonly #weights: number[] = [];
  readonly #raw = new Float32Array(EMBEDDING_DIM);
  readonly #gradient = new Float32Array(EMBEDDING_DIM);
  readonly #scratch = new Float32Array(EMBEDDING_DIM);

  constructor(options: TowerOptions = DEFAULT_TOWERS, table?: HashEmbeddingTable) {
    this.options = options;
    this.table =
      table ??
      new HashEmbeddingTable({
        dim: EMBEDDING_DIM,
        minCount: options.minCount,
        ttlMs: options.ttlMs,
        learningRate: options.learningRate,
        startsAtZero: isIdKey,
        initialRows: 4096,
      });
  }

  /** Writes the video's current vector (unit length) into the catalogue. */
  refreshVideo(catalogue: VideoCatalogue, label: number): void {
    this.videoVector(catalogue, label, catalogue.vectors, label * EMBEDDING_DIM);
  }

  /** The video's current vector (unit length) from its feature rows, into `out` at `offset`. */
  videoVector(catalogue: VideoCatalogue, label: number, out: Float32Array, offset = 0): Float32Array {
    out.fill(0, offset, offset + EMBEDDING_DIM);
    const count = this.#videoFeatures(catalogue, label);
    for (let i = 0; i < count; i++) {
      this.table.addVectorTo(this.#keys[i] as string, out, offset, this.#weights[i] as number);
    }
    normalize(out, offset, EMBEDDING_DIM);
    return out;
  }

  /** The user's retrieval query: unit length, zero for someone we know nothing about. */
  userVector(profile: UserProfile | undefined, out: Float32Array, now: number): Float32Array {
    out.fill(0);
    if (!profile) return out;
    const scratch = this.#scratch;
    const shortWeight = USER.short * Math.min(1, profile.shortStrength(now));
    addScaled(out, 0, profile.shortInterest(scratch, now), 0, shortWeight, EMBEDDING_DIM);
    addScaled(out, 0, profile.longInterest(scratch), 0, USER.long, EMBEDDING_DIM);
    this.table.addVectorTo(`u:${profile.id}`, out, 0, USER.id);
    normalize(out, 0, EMBEDDING_DIM);
    return out;
  }

  /**
   * One logistic step on the pair (user, video) with `label` 1 (engaged) or 0 (skipped or sampled). Moves the
   * video's feature rows and the user's id row; rows still held back by the frequency filter only count.
   */
  train(
    catalogue: VideoCatalogue,
    profile: UserProfile,
    userVector: Float32Array,
    label: number,
    target: number,
    weight: number,
    now: number,
  ): void {
    const { temperature } = this.options;
    const raw = this.#raw;
    raw.fill(0);
    const count = this.#videoFeatures(catalogue, label);
    for (let i = 0; i < count; i++) this.table.addVectorTo(this.#keys[i] as string, raw, 0, this.#weights[i] as number);
    const length = normalize(raw, 0, EMBEDDING_DIM);
    if (length === 0) return;
    const error = (sigmoid(temperature * dot(userVector, 0, raw, 0, EMBEDDING_DIM)) - target) * weight * temperature;
    // d loss / d row ≈ error × weight of the row × the other tower's unit vector (normalisation's Jacobian dropped).
    for (let i = 0; i < count; i++) {
      const row = this.table.touch(this.#keys[i] as string, now);
      if (row < 0) continue;
      const gradient = this.#gradient;
      const rowWeight = (this.#weights[i] as number) / length;
      for (let d = 0; d < EMBEDDING_DIM; d++) gradient[d] = error * rowWeight * (userVector[d] as number);
      this.table.applyGradient(row, gradient, 0, now);
    }
    const userRow = this.table.touch(`u:${profile.id}`, now);
    if (userRow >= 0) {
      const gradient = this.#gradient;
      for (let d = 0; d < EMBEDDING_DIM; d++) gradient[d] = error * USER.id * (raw[d] as number);
      this.table.applyGradient(userRow, gradient, 0, now);
    }
  }

  /** Fills #keys/#weights with the video's sparse features; returns how many. */
  #videoFeatures(catalogue: VideoCatalogue, label: number): number {
    const keys = this.#keys;
    const weights = this.#weights;
    let count = 0;
    const put = (key: string, weight: number) => {
      keys[count] = key;
      weights[count] = weight;
      count++;
    };
    put(`v:${catalogue.ids[label]}`, WEIGHT.id);
    put(`a:${catalogue.authors.name(catalogue.author[label] as number)}`, WEIGHT.author);
    const tags = catalogue.tagNamesOf(label);
    for (const tag of tags) put(`t:${tag}`, WEIGHT.tags / Math.sqrt(tags.length));
    const tokens = catalogue.tokenNamesOf(label);
    for (const token of tokens) put(`w:${token}`, WEIGHT.tokens / Math.sqrt(tokens.length));
    const sound = catalogue.sound[label] as number;
    if (sound >= 0) put(`s:${catalogue.sounds.name(sound)}`, WEIGHT.sound);
    return Math.min(count, 3 + MAX_TAGS + MAX_TOKENS);
  }
}
