import { hashInts, hashString } from '../../platform/hashing.ts';
import type { AudienceStats, CreatorStats } from './audience-stats.ts';
import { MAX_TAGS, type VideoCatalogue, VideoStat } from './catalogue.ts';
import type { CoEngagement, CoEngagementScores } from './co-engagement.ts';
import type { FeatureVector } from './ftrl.ts';
import { trendingScore } from './trending.ts';
import type { UserProfile } from './user-profiles.ts';
import { EMBEDDING_DIM } from './vector-math.ts';

/** What ranking needs to know about one request's viewer, computed once per request, not per candidate. */
export interface RankingContext {
  catalogue: VideoCatalogue;
  creators: CreatorStats;
  hashtags: AudienceStats;
  now: number;
  /** Hash of the viewer's id for personal crosses; 0 for a visitor. */
  userKey: number;
  query: Float32Array;
  short: Float32Array;
  long: Float32Array;
  confidence: number;
  skipStreak: number;
  tagAffinity: ReadonlyMap<number, number>;
  tagScale: number;
  tagViews: ReadonlyMap<number, number>;
  tagEngaged: ReadonlyMap<number, number>;
  /** The viewer's overall engaged share of views: what a topic's rate is compared with. */
  userRate: number;
  authorAffinity: ReadonlyMap<number, number>;
  authorScale: number;
  soundAffinity: ReadonlyMap<number, number>;
  soundScale: number;
  follows: ReadonlySet<number>;
  /** Co-engagement of each candidate with the viewer's recent videos. */
  coScores: CoEngagementScores;
  videos: VideoFeatureCache;
}

const EMPTY_MAP = new Map<number, number>();
const EMPTY_SET = new Set<number>();

export function rankingContext(
  stores: { catalogue: VideoCatalogue; creators: CreatorStats; hashtags: AudienceStats; coEngagement: CoEngagement },
  profile: UserProfile | undefined,
  vectors: { query: Float32Array; short: Float32Array; long: Float32Array },
  now: number,
  coScores: CoEngagementScores,
): RankingContext {
  stores.coEngagement.scoreNeighbours(profile?.recentEngaged ?? [], coScores);
  return {
    coScores,
    videos: featureCacheOf(stores.catalogue),
    ...stores,
    ...vectors,
    now,
    userKey: profile ? hashString(profile.id) : 0,
    confidence: profile?.confidence ?? 0,
    skipStreak: profile?.skipStreak ?? 0,
    tagAffinity: profile?.tagAffinity ?? EMPTY_MAP,
    tagScale: inverseMax(profile?.tagAffinity),
    tagViews: profile?.tagViews ?? EMPTY_MAP,
    tagEngaged: profile?.tagEngaged ?? EMPTY_MAP,
    userRate: profile?.engagementRate ?? 0.5,
    authorAffinity: profile?.authorAffinity ?? EMPTY_MAP,
    authorScale: inverseMax(profile?.authorAffinity),
    soundAffinity: profile?.soundAffinity ?? EMPTY_MAP,
    soundScale: inverseMax(profile?.soundAffinity),
    follows: profile?.follows ?? EMPTY_SET,
  };
}

function inverseMax(map: ReadonlyMap<number, number> | undefined): number {
  let max = 0;
  if (map) for (const value of map.values()) max = Math.max(max, Math.abs(value));
  return max > 0 ? 1 / max : 0;
}

/** Feature index layout: dense values first, then one-hot buckets, then hashed ids and crosses. */
const F = {
  bias: 0,
  cosine: 1,
  shortCosine: 2,
  longCosine: 3,
  tagAffinityMax: 4,
  tagAffinitySum: 5,
  authorAffinity: 6,
  follows: 7,
  soundAffinity: 8,
  completionRate: 9,
  likeRate: 10,
  shareRate: 11,
  skipRate: 12,
  views: 13,
  trending: 14,
  freshness: 15,
  authorRate: 16,
  newCreator: 17,
  topicRate: 18,
  confidence: 19,
  skipStreak: 20,
  cosineConfident: 21,
  shortCosineNew: 22,
  halfWatchRate: 23,
  coEngagement: 24,
  allTimeViews: 25,
  topicRateLift: 26,
  topicEvidence: 27,
  unexploredTopic: 28,
  cosineBuckets: 64,
  viewBuckets: 128,
  ageBuckets: 160,
  completionBuckets: 192,
  durationBuckets: 224,
  tagAffinityBuckets: 256,
  coEngagementBuckets: 320,
  hashed: 4096,
} as const;
const HASH_SPACE = (1 << 20) - F.hashed;
const Slot = { video: 1, author: 2, tag: 3, sound: 4, userTag: 5, userAuthor: 6, user: 7, tagConfidence: 8 } as const;

const HOUR = 3_600_000;
const RANKED_TAGS = 3;
/** Video-level values (rates, popularity, age) are reused for this long: ranking 5,000 candidates reads one block each. */
const VIDEO_VALUES_TTL_MS = 5_000;

/** Int block per video: hashed ids of the video, author, sound and first tags, then those raw ids. */
const I = { video: 0, author: 1, sound: 2, tagHashes: 3, tags: 6, authorId: 9, soundId: 10 } as const;
const INT_SLOTS = 12;
/** Float block per video: values that depend on the video and the time only, not on the viewer. */
const V = {
  completionRate: 0,
  halfWatchRate: 1,
  likeRate: 2,
  shareRate: 3,
  skipRate: 4,
  views: 5,
  trending: 6,
  freshness: 7,
  authorRate: 8,
  newCreator: 9,
  topicRate: 10,
  allTimeViews: 11,
  viewBucket: 12,
  ageBucket: 13,
  completionBucket: 14,
  durationBucket: 15,
} as const;
const VALUE_SLOTS = 16;

/**
 * Per-video ranking inputs that do not depend on the viewer, kept in two contiguous blocks: hashed ids (until the
 * video's metadata changes) and video-level values (for a few seconds). Scoring a candidate then reads two cache
 * lines instead of a dozen scattered arrays: at a million videos the memory reads are what ranking costs.
 */
export class VideoFeatureCache {
  ints = new Int32Array(1024 * INT_SLOTS);
  values = new Float32Array(1024 * VALUE_SLOTS);
  /** The catalogue version + 1 the int block was computed for; 0: never. */
  versions = new Uint32Array(1024);
  valuesAt = new Float64Array(1024);

  /** The offset of the video's int block, filled for its current metadata. */
  intsOf(catalogue: VideoCatalogue, label: number): number {
    if (label >= this.versions.length) this.#grow(Math.max(label + 1, this.versions.length * 2));
    const version = (catalogue.versions[label] as number) + 1;
    const base = label * INT_SLOTS;
    if (this.versions[label] === version) return base;
    const ints = this.ints;
    const author = catalogue.author[label] as number;
    const sound = catalogue.sound[label] as number;
    ints[base + I.video] = hashed(Slot.video, label);
    ints[base + I.author] = hashed(Slot.author, author);
    ints[base + I.sound] = sound >= 0 ? hashed(Slot.sound, sound) : -1;
    for (let i = 0; i < RANKED_TAGS; i++) {
      const tag = catalogue.tagSlots[label * MAX_TAGS + i] as number;
      ints[base + I.tags + i] = tag;
      ints[base + I.tagHashes + i] = tag >= 0 ? hashed(Slot.tag, tag) : -1;
    }
    ints[base + I.authorId] = author;
    ints[base + I.soundId] = sound;
    this.versions[label] = version;
    this.valuesAt[label] = Number.NEGATIVE_INFINITY;
    return base;
  }

  /** The offset of the video's value block as of `now` (recomputed when older than the TTL either way). */
  valuesOf(context: RankingContext, label: number, topic: number, author: number): number {
    const base = label * VALUE_SLOTS;
    const { now, catalogue } = context;
    if (Math.abs(now - (this.valuesAt[label] as number)) < VIDEO_VALUES_TTL_MS) return base;
    const values = this.values;
    const lifetime = catalogue.lifetime;
    const factor = lifetime.factor(label, now);
    const views = lifetime.raw(label, VideoStat.views) * factor;
    const completionRate = rate(lifetime.raw(label, VideoStat.completes) * factor, views, 0.3, 10);
    const ageHours = Math.max(0, now - (catalogue.readyAt[label] as number)) / HOUR;
    values[base + V.completionRate] = completionRate;
    values[base + V.halfWatchRate] = rate(lifetime.raw(label, VideoStat.halfWatches) * factor, views, 0.5, 10);
    values[base + V.likeRate] = rate(lifetime.raw(label, VideoStat.likes) * factor, views, 0.05, 20);
    values[base + V.shareRate] = rate(lifetime.raw(label, VideoStat.shares) * factor, views, 0.01, 50);
    values[base + V.skipRate] = rate(lifetime.raw(label, VideoStat.skips) * factor, views, 0.3, 10);
    values[base + V.views] = Math.log1p(views) / 5;
    values[base + V.trending] = Math.log1p(trendingScore(catalogue, label, now)) / 3;
    values[base + V.freshness] = Math.exp(-ageHours / 24);
    values[base + V.authorRate] = context.creators.engagementRate(author, now);
    values[base + V.newCreator] = context.creators.followersOf(author) === 0 ? 1 : 0;
    values[base + V.topicRate] = context.hashtags.engagementRate(topic, now);
    values[base + V.allTimeViews] = Math.log1p(catalogue.allTimeViews[label] as number) / 10;
    values[base + V.viewBucket] = F.viewBuckets + bucket(Math.log2(1 + views), 0, 16, 16);
    values[base + V.ageBucket] = F.ageBuckets + bucket(Math.log2(1 + ageHours), 0, 16, 16);
    values[base + V.completionBucket] = F.completionBuckets + bucket(completionRate, 0, 1, 10);
    values[base + V.durationBucket] =
      F.durationBuckets + bucket(Math.log2(1 + (catalogue.durationMs[label] as number) / 1000), 0, 11, 11);
    this.valuesAt[label] = now;
    return base;
  }

  #grow(size: number): void {
    const ints = new Int32Array(size * INT_SLOTS);
    ints.set(this.ints);
    const values = new Float32Array(size * VALUE_SLOTS);
    values.set(this.values);
    const versions = new Uint32Array(size);
    versions.set(this.versions);
    const valuesAt = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    valuesAt.set(this.valuesAt);
    this.ints = ints;
    this.values = values;
    this.versions = versions;
    this.valuesAt = valuesAt;
  }
}

const featureCaches = new WeakMap<VideoCatalogue, VideoFeatureCache>();

function featureCacheOf(catalogue: VideoCatalogue): VideoFeatureCache {
  let cache = featureCaches.get(catalogue);
  if (!cache) {
    cache = new VideoFeatureCache();
    featureCaches.set(catalogue, cache);
  }
  return cache;
}

function hashed(slot: number, id: number, userKey = 0): number {
  return F.hashed + (hashInts(id, userKey, slot) % HASH_SPACE);
}

function bucket(value: number, low: number, high: number, buckets: number): number {
  const position = Math.floor(((value - low) / (high - low)) * buckets);
  return Math.max(0, Math.min(buckets - 1, position));
}

/** Smoothed rate: successes over trials pulled toward `prior` with the weight of `strength` trials. */
function rate(successes: number, trials: number, prior: number, strength: number): number {
  return (successes + prior * strength) / (trials + strength);
}

/** Writes the ranking features of (viewer, video `label`, now) into `out`. The hot loop of stage 2. */
export function writeRankingFeatures(context: RankingContext, label: number, out: FeatureVector): void {
  const { catalogue, videos: cache } = context;
  out.clear();
  const offset = label * EMBEDDING_DIM;
  const vectors = catalogue.vectors;
  // One pass over the video's vector for all three similarities: the vector is the costly memory read.
  const { query, short, long } = context;
  let cosine = 0;
  let shortCosine = 0;
  let longCosine = 0;
  for (let i = 0; i < EMBEDDING_DIM; i++) {
    const x = vectors[offset + i] as number;
    cosine += (query[i] as number) * x;
    shortCosine += (short[i] as number) * x;
    longCosine += (long[i] as number) * x;
  }
  const confidence = context.confidence;
  const at = cache.intsOf(catalogue, label);
  const ints = cache.ints;
  const topic = ints[at + I.tags] as number;
  const author = ints[at + I.authorId] as number;
  const sound = ints[at + I.soundId] as number;

  let tagMax = -1;
  let tagSum = 0;
  let tagCount = 0;
  let rateLift = -1;
  for (let i = 0; i < RANKED_TAGS; i++) {
    const tag = ints[at + I.tags + i] as number;
    if (tag < 0) break;
    tagCount++;
    // How much more often than usual this viewer engages with the tag (0 when there is no evidence either way).
    const tagRate = rate(context.tagEngaged.get(tag) ?? 0, context.tagViews.get(tag) ?? 0, context.userRate, 2);
    if (tagRate - context.userRate > rateLift) rateLift = tagRate - context.userRate;
    const affinity = (context.tagAffinity.get(tag) ?? 0) * context.tagScale;
    tagSum += affinity;
    if (affinity > tagMax) tagMax = affinity;
    out.push(ints[at + I.tagHashes + i] as number, 1 / Math.sqrt(RANKED_TAGS));
    if (context.userKey !== 0) out.push(hashed(Slot.userTag, tag, context.userKey), 0.5);
  }
  if (tagCount === 0) tagMax = 0;

  out.push(F.bias, 1);
  out.push(F.cosine, cosine);
  out.push(F.shortCosine, shortCosine);
  out.push(F.longCosine, longCosine);
  const topicViews = topic >= 0 ? (context.tagViews.get(topic) ?? 0) : 0;
  out.push(F.topicRateLift, tagCount > 0 ? rateLift : 0);
  out.push(F.topicEvidence, Math.log1p(topicViews) / 3);
  out.push(F.unexploredTopic, topicViews < 0.5 ? confidence : 0);
  out.push(F.tagAffinityMax, tagMax);
  out.push(F.tagAffinitySum, Math.tanh(tagSum));
  out.push(F.authorAffinity, (context.authorAffinity.get(author) ?? 0) * context.authorScale);
  out.push(F.follows, context.follows.has(author) ? 1 : 0);
  if (sound >= 0) out.push(F.soundAffinity, (context.soundAffinity.get(sound) ?? 0) * context.soundScale);

  const v = cache.valuesOf(context, label, topic, author);
  const values = cache.values;
  out.push(F.completionRate, values[v + V.completionRate] as number);
  out.push(F.halfWatchRate, values[v + V.halfWatchRate] as number);
  out.push(F.likeRate, values[v + V.likeRate] as number);
  out.push(F.shareRate, values[v + V.shareRate] as number);
  out.push(F.skipRate, values[v + V.skipRate] as number);
  out.push(F.views, values[v + V.views] as number);
  out.push(F.trending, values[v + V.trending] as number);
  out.push(F.freshness, values[v + V.freshness] as number);
  out.push(F.authorRate, values[v + V.authorRate] as number);
  out.push(F.newCreator, values[v + V.newCreator] as number);
  out.push(F.topicRate, values[v + V.topicRate] as number);
  out.push(F.allTimeViews, values[v + V.allTimeViews] as number);
  out.push(values[v + V.viewBucket] as number, 1);
  out.push(values[v + V.ageBucket] as number, 1);
  out.push(values[v + V.completionBucket] as number, 1);
  out.push(values[v + V.durationBucket] as number, 1);

  out.push(F.confidence, confidence);
  out.push(F.skipStreak, Math.min(1, context.skipStreak / 5));
  out.push(F.cosineConfident, cosine * confidence);
  out.push(F.shortCosineNew, shortCosine * (1 - confidence));
  const coEngagement = context.coScores.get(label);
  out.push(F.coEngagement, coEngagement);
  out.push(
    F.coEngagementBuckets + (coEngagement > 0 ? 1 + bucket(Math.log2(coEngagement * 100 + 1), 0, 10, 10) : 0),
    1,
  );

  const confidenceBucket = bucket(confidence, 0, 1, 4);
  out.push(F.cosineBuckets + bucket(cosine, -1, 1, 16) * 4 + confidenceBucket, 1);
  out.push(F.tagAffinityBuckets + bucket(tagMax, -1, 1, 10) * 4 + confidenceBucket, 1);

  out.push(ints[at + I.video] as number, 1);
  out.push(ints[at + I.author] as number, 1);
  if (sound >= 0) out.push(ints[at + I.sound] as number, 1);
  if (topic >= 0) out.push(hashed(Slot.tagConfidence, topic, confidenceBucket + 1), 1);
  if (context.userKey !== 0) {
    out.push(hashed(Slot.userAuthor, author, context.userKey), 1);
    out.push(hashed(Slot.user, 0, context.userKey), 1);
  }
}

/**
 * The ranking model's prior logit weights (see MultiTaskRanker): similar to what the viewer engaged with, on a
 * liked topic, by a liked or followed author, watched to the end by others and rarely skipped.
 */
export function rankingPrior(): Float32Array {
  const prior = new Float32Array(64);
  prior[F.bias] = -1;
  prior[F.cosine] = 2.5;
  prior[F.shortCosine] = 1.5;
  prior[F.tagAffinityMax] = 1.5;
  prior[F.authorAffinity] = 1;
  prior[F.follows] = 1;
  prior[F.completionRate] = 1;
  prior[F.likeRate] = 2;
  prior[F.skipRate] = -1;
  prior[F.freshness] = 0.3;
  prior[F.coEngagement] = 1;
  prior[F.topicRateLift] = 4;
  return prior;
}
