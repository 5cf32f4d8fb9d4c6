import { DecayedCounters, Vocabulary } from './decayed-counters.ts';
import { seenHashes } from './seen-filter.ts';
import { grow } from './typed-arrays.ts';
import { EMBEDDING_DIM } from './vector-math.ts';

/** Columns of a video's decayed counters. */
export const VideoStat = {
  views: 0,
  halfWatches: 1,
  completes: 2,
  likes: 3,
  shares: 4,
  comments: 5,
  saves: 6,
  skips: 7,
  follows: 8,
} as const;
const STAT_COLUMNS = 9;

/** Where a video is in its life, as far as the feed is concerned. */
export const VideoState = { unknown: 0, eligible: 1, scheduled: 2, removed: 3, hidden: 4 } as const;

export const MAX_TAGS = 6;
export const MAX_TOKENS = 6;
const FRESH_RING = 4096;
const RECENT_PER_AUTHOR = 8;
/** Trending counts fade over hours; the rates a video is judged by over weeks. */
export const TRENDING_HALF_LIFE_MS = 6 * 3_600_000;
export const LIFETIME_HALF_LIFE_MS = 30 * 86_400_000;

export interface CatalogueVideo {
  id: string;
  authorId: string;
  caption: string;
  hashtags: readonly string[];
  soundId: string | null;
  durationMs: number;
  readyAt: number;
  /** Scheduled publishing: not shown before this time. */
  publishAt: number | null;
  /** Only public videos reach the For You feed. */
  visibility?: string;
}

const STOPWORDS = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'is',
  'it',
  'my',
  'for',
  'with',
  'this',
]);

/** Caption words worth an embedding: lower case, no hashtags or mentions, no stopwords. */
export function captionTokens(caption: string): string[] {
  const words = caption
    .toLowerCase()
    .replace(/[#@][\p{L}\p{N}_]+/gu, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !STOPWORDS.has(word));
  return [...new Set(words)].slice(0, MAX_TOKENS);
}

/**
 * Every video the recommender knows, in columns indexed by a dense integer label (the label is also its id in the
 * ANN index): metadata, state, decayed engagement counters and the current vector. Nothing here reaches a database.
 */
export class VideoCatalogue {
  readonly dim = EMBEDDING_DIM;
  ids: string[] = [];
  readonly labelOf = new Map<string, number>();
  authors = new Vocabulary();
  tags = new Vocabulary();
  sounds = new Vocabulary();
  tokens = new Vocabulary();
  author = new Int32Array(1024);
  sound = new Int32Array(1024);
  tagSlots = new Int32Array(1024 * MAX_TAGS);
  tokenSlots = new Int32Array(1024 * MAX_TOKENS);
  readyAt = new Float64Array(1024);
  publishAt = new Float64Array(1024);
  durationMs = new Float32Array(1024);
  state = new Uint8Array(1024);
  vectors = new Float32Array(1024 * EMBEDDING_DIM);
  /** The id's seen-filter hashes, so checking 5,000 candidates hashes no strings. */
  seenHash1 = new Uint32Array(1024);
  seenHash2 = new Uint32Array(1024);
  /** Bumped whenever a video's metadata changes (caches of derived values compare it). */
  versions = new Uint32Array(1024);
  /** Views ever, undecayed: long-run popularity. */
  allTimeViews = new Float32Array(1024);
  trending = new DecayedCounters(STAT_COLUMNS, TRENDING_HALF_LIFE_MS);
  lifetime = new DecayedCounters(STAT_COLUMNS, LIFETIME_HALF_LIFE_MS);
  /** Eligible labels, densely packed for uniform sampling, and each label's position in it. */
  eligible = new Int32Array(1024);
  eligibleCount = 0;
  eligiblePosition = new Int32Array(1024).fill(-1);
  /** Videos waiting for their publication time. */
  scheduledCount = 0;
  /** The newest videos, for the fresh-upload source. */
  fresh = new Int32Array(FRESH_RING).fill(-1);
  freshHead = 0;
  recentByAuthor = new Map<number, number[]>();

  get size(): number {
    return this.ids.length;
  }

  /** Adds a video or refreshes its metadata; returns its label. */
  upsert(video: CatalogueVideo): number {
    let label = this.labelOf.get(video.id);
    const isNew = label === undefined;
    if (label === undefined) {
      label = this.ids.length;
      this.#ensure(label + 1);
      this.ids.push(video.id);
      this.labelOf.set(video.id, label);
      this.state[label] = VideoState.unknown;
      [this.seenHash1[label], this.seenHash2[label]] = seenHashes(video.id);
    }
    this.versions[label] = (this.versions[label] as number) + 1;
    const authorIndex = this.authors.intern(video.authorId);
    this.author[label] = authorIndex;
    this.sound[label] = video.soundId ? this.sounds.intern(video.soundId) : -1;
    const tags = video.hashtags.slice(0, MAX_TAGS);
    for (let i = 0; i < MAX_TAGS; i++) {
      const tag = tags[i];
      this.tagSlots[label * MAX_TAGS + i] = tag === undefined ? -1 : this.tags.intern(tag);
    }
    const tokens = captionTokens(video.caption);
    for (let i = 0; i < MAX_TOKENS; i++) {
      const token = tokens[i];
      this.tokenSlots[label * MAX_TOKENS + i] = token === undefined ? -1 : this.tokens.intern(token);
    }
    this.readyAt[label] = video.readyAt;
    this.publishAt[label] = video.publishAt ?? 0;
    this.durationMs[label] = video.durationMs;
    if (isNew) {
      this.fresh[this.freshHead] = label;
      this.freshHead = (this.freshHead + 1) % FRESH_RING;
      const recent = this.recentByAuthor.get(authorIndex) ?? [];
      recent.push(label);
      if (recent.length > RECENT_PER_AUTHOR) recent.shift();
      this.recentByAuthor.set(authorIndex, recent);
    }
    return label;
  }

  setState(label: number, state: number): void {
    if (this.state[label] === VideoState.scheduled) this.scheduledCount--;
    if (state === VideoState.scheduled) this.scheduledCount++;
    this.state[label] = state;
    const position = this.eligiblePosition[label] as number;
    if (state === VideoState.eligible && position < 0) {
      this.eligible[this.eligibleCount] = label;
      this.eligiblePosition[label] = this.eligibleCount++;
    } else if (state !== VideoState.eligible && position >= 0) {
      const last = this.eligible[--this.eligibleCount] as number;
      this.eligible[position] = last;
      this.eligiblePosition[last] = position;
      this.eligiblePosition[label] = -1;
    }
  }

  isEligible(label: number): boolean {
    return this.state[label] === VideoState.eligible;
  }

  randomEligible(random: () => number): number {
    if (this.eligibleCount === 0) return -1;
    return this.eligible[Math.floor(random() * this.eligibleCount)] as number;
  }

  /** The video's first hashtag: its topic for diversity rules and reasons. */
  topicOf(label: number): number {
    return this.tagSlots[label * MAX_TAGS] as number;
  }

  tagNamesOf(label: number): string[] {
    return namesInSlots(this.tagSlots, label, MAX_TAGS, this.tags);
  }

  tokenNamesOf(label: number): string[] {
    return namesInSlots(this.tokenSlots, label, MAX_TOKENS, this.tokens);
  }

  vectorOf(label: number): Float32Array {
    return this.vectors.subarray(label * this.dim, (label + 1) * this.dim);
  }

  /** Room for `rows` videos (restoring a snapshot). */
  ensureCapacity(rows: number): void {
    this.#ensure(rows);
  }

  #ensure(rows: number): void {
    if (rows <= this.author.length) return;
    const size = Math.max(rows, this.author.length * 2);
    this.author = grow(this.author, size);
    this.sound = grow(this.sound, size);
    this.tagSlots = grow(this.tagSlots, size * MAX_TAGS);
    this.tokenSlots = grow(this.tokenSlots, size * MAX_TOKENS);
    this.readyAt = grow(this.readyAt, size);
    this.publishAt = grow(this.publishAt, size);
    this.durationMs = grow(this.durationMs, size);
    this.state = grow(this.state, size);
    this.vectors = grow(this.vectors, size * this.dim);
    this.allTimeViews = grow(this.allTimeViews, size);
    this.seenHash1 = grow(this.seenHash1, size);
    this.seenHash2 = grow(this.seenHash2, size);
    this.versions = grow(this.versions, size);
    this.eligible = grow(this.eligible, size);
    const positions = new Int32Array(size).fill(-1);
    positions.set(this.eligiblePosition);
    this.eligiblePosition = positions;
    this.trending.ensure(size);
    this.lifetime.ensure(size);
  }
}

/** The names in a video's `width` slots (-1: empty), as `names` interned them. */
function namesInSlots(slots: Int32Array, label: number, width: number, names: { name(id: number): string }): string[] {
  const found: string[] = [];
  for (let i = 0; i < width; i++) {
    const id = slots[label * width + i] as number;
    if (id >= 0) found.push(names.name(id));
  }
  return found;
}
