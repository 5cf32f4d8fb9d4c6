import { SeenFilter } from './seen-filter.ts';
import { addScaled, EMBEDDING_DIM, normalize, scale } from './vector-math.ts';

const SHORT_HALF_LIFE_MS = 3_600_000;
const LONG_HALF_LIFE_MS = 30 * 86_400_000;
const AFFINITY_HALF_LIFE_MS = 14 * 86_400_000;
/** Per signal: the short-term interest keeps the last ~7 signals, the long-term one the last ~100. */
const SHORT_KEEP = 0.85;
const LONG_KEEP = 0.99;
const MAX_AFFINITIES = 256;
const RECENT_ENGAGED = 30;

/**
 * One viewer's interests as the recommender sees them: short- and long-term interest vectors (decayed sums of the
 * vectors of videos they engaged with, minus skipped ones), decayed affinities to hashtags, authors and sounds,
 * counters, follows, blocks and the videos already shown.
 */
export class UserProfile {
  readonly id: string;
  short = new Float32Array(EMBEDDING_DIM);
  long = new Float32Array(EMBEDDING_DIM);
  shortAt = 0;
  longAt = 0;
  tagAffinity = new Map<number, number>();
  authorAffinity = new Map<number, number>();
  soundAffinity = new Map<number, number>();
  /** Per hashtag: decayed views and engaged views, for how often this user engages with the topic. */
  tagViews = new Map<number, number>();
  tagEngaged = new Map<number, number>();
  affinityAt = 0;
  views = 0;
  engagements = 0;
  skips = 0;
  skipStreak = 0;
  lastActiveAt = 0;
  /** Author indices this user follows. */
  follows = new Set<number>();
  /** Author indices hidden from this user: blocked by them, or who blocked them. */
  hidden = new Set<number>();
  seen = new SeenFilter();
  /** Labels of the videos most recently engaged with, newest last (for reasons). */
  recentEngaged: number[] = [];

  constructor(id: string) {
    this.id = id;
  }

  /** How much the recommender knows this user: 0 for a newcomer, near 1 after ~100 views. */
  get confidence(): number {
    return 1 - Math.exp(-this.views / 30);
  }

  /** Folds a video's vector into both interests with a signed weight (engagement +, skip −). */
  addInterest(vector: Float32Array, weight: number, now: number): void {
    const shortFade = fade(now, this.shortAt, SHORT_HALF_LIFE_MS) * SHORT_KEEP;
    scale(this.short, 0, shortFade, EMBEDDING_DIM);
    addScaled(this.short, 0, vector, 0, weight, EMBEDDING_DIM);
    this.shortAt = Math.max(this.shortAt, now);
    const longFade = fade(now, this.longAt, LONG_HALF_LIFE_MS) * LONG_KEEP;
    scale(this.long, 0, longFade, EMBEDDING_DIM);
    addScaled(this.long, 0, vector, 0, weight, EMBEDDING_DIM);
    this.longAt = Math.max(this.longAt, now);
  }

  /** Short-term interest as of `now`, unit length (zero when there is none). */
  shortInterest(out: Float32Array, now: number): Float32Array {
    out.set(this.short);
    scale(out, 0, fade(now, this.shortAt, SHORT_HALF_LIFE_MS), EMBEDDING_DIM);
    normalize(out, 0, EMBEDDING_DIM);
    return out;
  }

  /** How strong the short-term interest still is (its decayed length): recent activity weighs more. */
  shortStrength(now: number): number {
    let sum = 0;
    for (let i = 0; i < EMBEDDING_DIM; i++) sum += (this.short[i] as number) ** 2;
    return Math.sqrt(sum) * fade(now, this.shortAt, SHORT_HALF_LIFE_MS);
  }

  longInterest(out: Float32Array): Float32Array {
    out.set(this.long);
    normalize(out, 0, EMBEDDING_DIM);
    return out;
  }

  /** A view of a video with these hashtags: one trial per tag, a success when engaged. */
  countTopicView(tags: readonly number[], engaged: boolean, now: number): void {
    this.#fadeAffinities(now);
    for (const tag of tags) {
      bump(this.tagViews, tag, 1);
      if (engaged) bump(this.tagEngaged, tag, 1);
    }
  }

  /** This user's overall engaged share of views, smoothed toward one in two. */
  get engagementRate(): number {
    return (this.engagements + 1) / (this.views + 2);
  }

  addAffinity(tags: readonly number[], author: number, sound: number, weight: number, now: number): void {
    this.#fadeAffinities(now);
    const perTag = weight / Math.sqrt(Math.max(1, tags.length));
    for (const tag of tags) bump(this.tagAffinity, tag, perTag);
    if (author >= 0) bump(this.authorAffinity, author, weight);
    if (sound >= 0) bump(this.soundAffinity, sound, weight);
  }

  #fadeAffinities(now: number): void {
    const factor = fade(now, this.affinityAt, AFFINITY_HALF_LIFE_MS);
    if (factor < 0.999) {
      for (const map of [this.tagAffinity, this.authorAffinity, this.soundAffinity, this.tagViews, this.tagEngaged]) {
        for (const [key, value] of map) map.set(key, value * factor);
      }
    }
    this.affinityAt = Math.max(this.affinityAt, now);
  }

  rememberEngaged(label: number): void {
    const at = this.recentEngaged.indexOf(label);
    if (at >= 0) this.recentEngaged.splice(at, 1);
    this.recentEngaged.push(label);
    if (this.recentEngaged.length > RECENT_ENGAGED) this.recentEngaged.shift();
  }
}

function fade(now: number, since: number, halfLifeMs: number): number {
  return since === 0 || now <= since ? 1 : 2 ** (-(now - since) / halfLifeMs);
}

function bump(map: Map<number, number>, key: number, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
  if (map.size <= MAX_AFFINITIES) return;
  let weakest = key;
  let weakestValue = Number.POSITIVE_INFINITY;
  for (const [candidate, value] of map) {
    if (Math.abs(value) < weakestValue) {
      weakest = candidate;
      weakestValue = Math.abs(value);
    }
  }
  map.delete(weakest);
}

/** Every profile this node holds, created on a user's first signal. */
export class UserProfiles {
  readonly #profiles = new Map<string, UserProfile>();

  get size(): number {
    return this.#profiles.size;
  }

  find(id: string): UserProfile | undefined {
    return this.#profiles.get(id);
  }

  get(id: string): UserProfile {
    let profile = this.#profiles.get(id);
    if (!profile) {
      profile = new UserProfile(id);
      this.#profiles.set(id, profile);
    }
    return profile;
  }

  all(): IterableIterator<UserProfile> {
    return this.#profiles.values();
  }

  put(profile: UserProfile): void {
    this.#profiles.set(profile.id, profile);
  }
}
