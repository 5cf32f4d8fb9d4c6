import { createRandom } from '../../platform/hashing.ts';
import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { VideoEvents, type VideoPublishedData, type VideoReadyData } from '../videos/events.ts';
import { AppliedEvents } from './applied-events.ts';
import { type CatalogueVideo, VideoStat, VideoState } from './catalogue.ts';
import { CoEngagementScores } from './co-engagement.ts';
import { type ActionKind, OnlineLearner } from './online-learner.ts';
import { rankCandidates } from './rank-candidates.ts';
import { rankingContext } from './ranking-features.ts';
import { recommendationReason } from './reasons.ts';
import {
  createRecommenderState,
  DEFAULT_RECOMMENDER,
  type RecommenderOptions,
  type RecommenderState,
} from './recommender-state.ts';
import { DEFAULT_RERANK, explorationShare, type RerankItem, rerank } from './rerank.ts';
import { CandidatePool, CandidateSource, retrieveCandidates } from './retrieve-candidates.ts';
import type { UserProfile } from './user-profiles.ts';
import { EMBEDDING_DIM } from './vector-math.ts';

export interface RecommendRequest {
  /** Null for a visitor without an account. */
  userId: string | null;
  now: number;
  /** Ranked ids wanted; the configured list size by default. */
  size?: number;
}

export interface RecommendedVideo {
  videoId: string;
  reason: string;
  explored: boolean;
  score: number;
}

export interface StageTimings {
  retrievalMs: number;
  /** The part of retrieval spent in the HNSW search. */
  annMs: number;
  rankingMs: number;
  rerankMs: number;
}

export interface Recommendation {
  items: RecommendedVideo[];
  /** Candidates left over: another computation would find more. */
  more: boolean;
  candidates: number;
  timings: StageTimings;
}

/** Ranked exploitation queue: a few pages' worth, so diversity rules have room to choose. */
const EXPLOIT_DEPTH = 4;
const FRESHNESS_BOOST = 0.1;
const FRESHNESS_HOURS = 6;
/** A video most viewers skip, once that is clear, is not recommended. */
const QUALITY_MIN_VIEWS = 20;
const QUALITY_MAX_SKIP_RATE = 0.85;
/**
 * Exploration goes first to topics the viewer has seen least (a bonus that shrinks with each view of the topic),
 * never to the topics they already engage with most (those fill the ranked slots); the ranking score only orders
 * videos within that.
 */
const NOVELTY_BONUS = 100;
const FAMILIAR_TOPICS = 3;
/** How often embedding rows past their time to live are dropped. */
const EXPIRE_EVERY_MS = 10 * 60_000;
/** Events older than the snapshot watermark minus this were already in the snapshot. */
export const REPLAY_OVERLAP_MS = 10 * 60_000;

/**
 * The recommender of one api process: in-memory state fed by events (`apply`) and the three serving stages
 * (`recommend`): retrieval, multi-task ranking and re-ranking. Everything here is synchronous and touches no I/O;
 * the service around it handles the event stream, snapshots and the cache.
 */
export class Recommender {
  readonly state: RecommenderState;
  readonly learner: OnlineLearner;
  readonly random: () => number;
  applied: AppliedEvents;
  /** Newest event time applied (the snapshot watermark). */
  watermark = 0;
  /** Events before this time are already part of the restored snapshot. */
  replayFloor = Number.NEGATIVE_INFINITY;
  /** Counts the changes made through events, the store and served pages: an unchanged one needs no new snapshot. */
  revision = 0;
  readonly #pool = new CandidatePool();
  readonly #coScores = new CoEngagementScores();
  #expiredAt = 0;
  #scores = new Float32Array(8192);
  readonly #query = new Float32Array(EMBEDDING_DIM);
  readonly #short = new Float32Array(EMBEDDING_DIM);
  readonly #long = new Float32Array(EMBEDDING_DIM);

  constructor(options: { state?: RecommenderState; options?: RecommenderOptions; seed?: number } = {}) {
    this.state = options.state ?? createRecommenderState(options.options ?? DEFAULT_RECOMMENDER);
    this.random = createRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.learner = new OnlineLearner(this.state, this.random);
    this.applied = new AppliedEvents();
  }

  /** Applies one domain event once (by id). Returns false for a duplicate, an old, an unknown or a malformed event. */
  apply(event: DomainEvent): boolean {
    if (this.applied.has(event.id)) return false;
    const parsed = Date.parse(event.occurredAt);
    const at = Number.isNaN(parsed) ? Date.now() : parsed;
    if (at < this.replayFloor) return false;
    this.applied.add(event.id);
    this.revision += 1;
    this.watermark = Math.max(this.watermark, at);
    return this.#learn(event, at);
  }

  /** False for an event of another type, or one whose payload fails its schema. */
  #learn(event: DomainEvent, at: number): boolean {
    const learner = this.learner;
    switch (event.type) {
      case VideoEvents.ready.type:
      case VideoEvents.published.type: {
        const ready = readEvent(VideoEvents.ready, event);
        const published = readEvent(VideoEvents.published, event);
        const video = ready ?? published;
        if (!video) return false;
        if (ready || !this.state.catalogue.labelOf.has(video.video_id)) learner.addVideo(catalogueVideo(video, at), at);
        if (published) learner.publishVideo(published.video_id);
        return true;
      }
      case VideoEvents.updated.type: {
        const updated = readEvent(VideoEvents.updated, event);
        if (!updated) return false;
        const { caption, hashtags, visibility } = updated;
        learner.updateVideo(updated.video_id, { caption, hashtags, visibility }, at);
        return true;
      }
      case VideoEvents.removed.type: {
        const removed = readEvent(VideoEvents.removed, event);
        if (removed) learner.removeVideo(removed.video_id);
        return removed !== null;
      }
      case VideoEvents.viewLogged.type: {
        const view = readEvent(VideoEvents.viewLogged, event);
        if (!view) return false;
        learner.view(
          {
            videoId: view.video_id,
            userId: view.user_id,
            watchTimeMs: view.watch_time_ms,
            completionRate: Math.min(1, view.completion_rate),
            replayCount: view.replay_count,
            skipped: view.skipped,
          },
          at,
        );
        return true;
      }
      case FollowEvents.followed.type:
      case FollowEvents.unfollowed.type: {
        const followed = readEvent(FollowEvents.followed, event);
        const edge = followed ?? readEvent(FollowEvents.unfollowed, event);
        if (edge) learner.follow(edge.follower_id, edge.followee_id, followed !== null, at);
        return edge !== null;
      }
      case FollowEvents.blocked.type: {
        const blocked = readEvent(FollowEvents.blocked, event);
        if (blocked) learner.block(blocked.blocker_id, blocked.blocked_id);
        return blocked !== null;
      }
      default: {
        const action = ACTIONS.get(event.type);
        const done = action?.read(event) ?? null;
        if (!action || !done) return false;
        learner.action(action.kind, done.user_id, done.video_id, at);
        return true;
      }
    }
  }

  /** A ready video learned from the store rather than from its event (start-up sync, catch-up). */
  addVideo(video: CatalogueVideo): void {
    if (this.state.catalogue.labelOf.has(video.id)) return;
    this.revision += 1;
    this.learner.addVideo(video, video.readyAt);
  }

  /** A video the store says is no longer visible. */
  hideVideo(videoId: string): void {
    const label = this.state.catalogue.labelOf.get(videoId);
    if (label !== undefined && this.state.catalogue.state[label] === VideoState.eligible) {
      this.revision += 1;
      this.learner.removeVideo(videoId);
    }
  }

  /** Marks videos as shown to the user (they will not be recommended again while remembered). */
  markSeen(userId: string, videoIds: readonly string[]): void {
    const profile = this.state.users.get(userId);
    this.revision += 1;
    for (const id of videoIds) profile.seen.add(id);
  }

  /**
   * Periodic upkeep: moved vectors into the index, trending board, delayed labels, scheduled videos and (unless
   * `expire` is false) embedding rows idle past their time to live.
   */
  maintain(now: number, vectorBudgetMs = 50, expire = true): void {
    this.learner.refreshVectors(vectorBudgetMs);
    this.state.trending.refresh(this.state.catalogue, now);
    this.learner.sweep(now);
    this.learner.publishDue(now);
    if (expire && Math.abs(now - this.#expiredAt) >= EXPIRE_EVERY_MS) {
      this.state.towers.table.expire(now);
      this.#expiredAt = now;
    }
  }

  recommend(request: RecommendRequest): Recommendation {
    const { state } = this;
    const { catalogue, options } = state;
    const size = request.size ?? options.listSize;
    const now = request.now;
    const started = performance.now();
    state.trending.refresh(catalogue, now);
    const profile = request.userId ? state.users.find(request.userId) : undefined;
    const query = state.towers.userVector(profile, this.#query, now);
    const pool = retrieveCandidates(
      {
        viewerId: request.userId,
        catalogue,
        index: state.index,
        trending: state.trending,
        creators: state.creators,
        profile,
        query,
        annCandidates: options.annCandidates,
        annEf: options.annEf,
        now,
        random: this.random,
      },
      this.#pool,
    );
    const retrieved = performance.now();

    let exploit: RerankItem[];
    let explore: RerankItem[];
    if (request.userId === null) {
      ({ exploit, explore } = this.#visitorQueues(pool));
    } else {
      if (this.#scores.length < pool.count) this.#scores = new Float32Array(pool.count * 2);
      const vectors = {
        query,
        short: profile ? profile.shortInterest(this.#short, now) : this.#short.fill(0),
        long: profile ? profile.longInterest(this.#long) : this.#long.fill(0),
      };
      const context = rankingContext(state, profile, vectors, now, this.#coScores);
      rankCandidates(state.ranker, context, pool.labels, pool.count, this.#scores);
      ({ exploit, explore } = this.#rankedQueues(pool, size, profile, now));
    }
    const ranked = performance.now();

    const page = rerank(exploit, explore, {
      ...DEFAULT_RERANK,
      size,
      explorationShare: explorationShare(profile?.confidence ?? 0),
    });
    const items = page.map((item) => ({
      videoId: catalogue.ids[item.label] as string,
      reason: recommendationReason(item, { catalogue, creators: state.creators, profile }),
      explored: item.explored,
      score: item.score,
    }));
    const finished = performance.now();
    return {
      items,
      more: pool.count > items.length,
      candidates: pool.count,
      timings: {
        retrievalMs: retrieved - started,
        annMs: pool.annMs,
        rankingMs: ranked - retrieved,
        rerankMs: finished - ranked,
      },
    };
  }

  /** Visitors: the trending board in order, explored with fresh uploads and random picks. */
  #visitorQueues(pool: CandidatePool): { exploit: RerankItem[]; explore: RerankItem[] } {
    const exploit: RerankItem[] = [];
    const explore: RerankItem[] = [];
    const fresh: RerankItem[] = [];
    for (let i = 0; i < pool.count; i++) {
      const item = this.#item(pool, i, pool.count - i);
      if (item.sources & CandidateSource.trending) exploit.push(item);
      else if (item.sources & CandidateSource.fresh) fresh.push(item);
      else explore.push(item);
    }
    return { exploit, explore: interleave([fresh, explore]) };
  }

  #rankedQueues(
    pool: CandidatePool,
    size: number,
    profile: UserProfile | undefined,
    now: number,
  ): { exploit: RerankItem[]; explore: RerankItem[] } {
    const tagViews = profile?.tagViews;
    const familiar = new Set(
      [...(profile?.tagEngaged.entries() ?? [])]
        .sort((a, b) => b[1] - a[1])
        .slice(0, FAMILIAR_TOPICS)
        .map(([tag]) => tag),
    );
    const { catalogue } = this.state;
    const order: number[] = [];
    for (let i = 0; i < pool.count; i++) {
      const label = pool.labels[i] as number;
      if (!this.#goodEnough(label, now)) continue;
      const ageHours = Math.max(0, now - (catalogue.readyAt[label] as number)) / 3_600_000;
      this.#scores[i] = (this.#scores[i] as number) * (1 + FRESHNESS_BOOST * Math.exp(-ageHours / FRESHNESS_HOURS));
      order.push(i);
    }
    // Only the best few hundred need ordering: a native sort of the scores finds the cut, then those are sorted.
    const depth = size * EXPLOIT_DEPTH;
    const scores = this.#scores;
    const sorted = Float32Array.from(order, (i) => scores[i] as number).sort();
    const cut = sorted.length > depth ? (sorted[sorted.length - depth] as number) : Number.NEGATIVE_INFINITY;
    const exploit = order
      .filter((i) => (scores[i] as number) >= cut)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number))
      .slice(0, depth)
      .map((i) => this.#item(pool, i, scores[i] as number));

    const bySource = new Map<number, RerankItem[]>([
      [CandidateSource.fresh, []],
      [CandidateSource.trending, []],
      [CandidateSource.explore, []],
    ]);
    for (const i of order) {
      const sources = pool.sources[i] as number;
      const source =
        sources & CandidateSource.fresh
          ? CandidateSource.fresh
          : sources & CandidateSource.trending
            ? CandidateSource.trending
            : sources & CandidateSource.explore
              ? CandidateSource.explore
              : 0;
      if (source === 0) continue;
      const item = this.#item(pool, i, this.#scores[i] as number);
      item.score += familiar.has(item.topic)
        ? -NOVELTY_BONUS
        : NOVELTY_BONUS / Math.sqrt(1 + (tagViews?.get(item.topic) ?? 0));
      bySource.get(source)?.push(item);
    }
    for (const queue of bySource.values()) queue.sort((a, b) => b.score - a.score);
    return { exploit, explore: spreadTopics(interleave([...bySource.values()])) };
  }

  #item(pool: CandidatePool, i: number, score: number): RerankItem {
    const { catalogue } = this.state;
    const label = pool.labels[i] as number;
    return {
      label,
      score,
      author: catalogue.author[label] as number,
      topic: catalogue.topicOf(label),
      sound: catalogue.sound[label] as number,
      sources: pool.sources[i] as number,
    };
  }

  #goodEnough(label: number, now: number): boolean {
    const { lifetime } = this.state.catalogue;
    const views = lifetime.get(label, VideoStat.views, now);
    if (views < QUALITY_MIN_VIEWS) return true;
    return lifetime.get(label, VideoStat.skips, now) / views <= QUALITY_MAX_SKIP_RATE;
  }
}

/** The interactions the learner counts: the kind of action each is, and how to read its payload. */
interface ActionReader {
  kind: ActionKind;
  read(event: DomainEvent): { user_id: string | null; video_id: string } | null;
}

const ACTIONS = new Map<string, ActionReader>([
  [InteractionEvents.liked.type, { kind: 'like', read: (event) => readEvent(InteractionEvents.liked, event) }],
  [InteractionEvents.unliked.type, { kind: 'unlike', read: (event) => readEvent(InteractionEvents.unliked, event) }],
  [
    InteractionEvents.commented.type,
    { kind: 'comment', read: (event) => readEvent(InteractionEvents.commented, event) },
  ],
  [InteractionEvents.shared.type, { kind: 'share', read: (event) => readEvent(InteractionEvents.shared, event) }],
  [InteractionEvents.saved.type, { kind: 'save', read: (event) => readEvent(InteractionEvents.saved, event) }],
]);

/** The video a VideoReady (or, when it comes first, a VideoPublished) describes. */
export function catalogueVideo(video: VideoReadyData | VideoPublishedData, at: number): CatalogueVideo {
  const ready = 'caption' in video ? video : null;
  const publishAt = video.publish_at === undefined ? Number.NaN : Date.parse(video.publish_at);
  return {
    id: video.video_id,
    authorId: video.author_id,
    caption: ready?.caption ?? '',
    hashtags: ready?.hashtags ?? [],
    soundId: ready?.sound_id ?? null,
    durationMs: ready?.duration_ms ?? 0,
    readyAt: at,
    publishAt: Number.isNaN(publishAt) ? null : publishAt,
    ...(ready?.visibility ? { visibility: ready.visibility } : {}),
  };
}

/** Round-robin over topics (in order of each topic's first item), so exploration samples many of them. */
function spreadTopics(items: RerankItem[]): RerankItem[] {
  const byTopic = new Map<number, RerankItem[]>();
  for (const item of items) {
    const queue = byTopic.get(item.topic) ?? [];
    queue.push(item);
    byTopic.set(item.topic, queue);
  }
  return interleave([...byTopic.values()]);
}

/** Round-robin over queues, so every exploration source gets its turn. */
function interleave(queues: RerankItem[][]): RerankItem[] {
  const out: RerankItem[] = [];
  const longest = Math.max(0, ...queues.map((queue) => queue.length));
  for (let i = 0; i < longest; i++) for (const queue of queues) if (i < queue.length) out.push(queue[i] as RerankItem);
  return out;
}
