import { type CatalogueVideo, MAX_TAGS, VideoStat, VideoState } from './catalogue.ts';
import { CoEngagementScores } from './co-engagement.ts';
import { FeatureVector } from './ftrl.ts';
import { type Impression, Outcome } from './impression-joiner.ts';
import { rankingContext, writeRankingFeatures } from './ranking-features.ts';
import { RankingTask } from './ranking-model.ts';
import type { RecommenderState } from './recommender-state.ts';
import type { UserProfile } from './user-profiles.ts';
import { EMBEDDING_DIM } from './vector-math.ts';

export interface ViewSignal {
  videoId: string;
  userId: string | null;
  watchTimeMs: number;
  completionRate: number;
  replayCount: number;
  skipped: boolean;
}

export type ActionKind = 'like' | 'unlike' | 'comment' | 'share' | 'save';

/** How much each kind of signal moves a user's interests (a skip pushes away). */
const INTEREST = { complete: 1, replayBonus: 0.25, half: 0.6, partial: 0.1, skip: -0.4 } as const;
const ACTION_INTEREST: Record<ActionKind, number> = { like: 0.8, unlike: -0.5, comment: 0.8, share: 1, save: 0.8 };
/** Smallest move (1 − cosine) of a video's vector worth re-linking in the index. */
const INDEX_DRIFT = 0.1;
const ACTION_STAT: Record<ActionKind, number> = {
  like: VideoStat.likes,
  unlike: VideoStat.likes,
  comment: VideoStat.comments,
  share: VideoStat.shares,
  save: VideoStat.saves,
};

/**
 * Applies signals to the in-memory state and trains the models online, one event at a time: counters and interests
 * first see the event, the towers and ranking heads learn from it with the features the user had just before it.
 */
export class OnlineLearner {
  readonly #state: RecommenderState;
  readonly #random: () => number;
  readonly #features = new FeatureVector();
  readonly #query = new Float32Array(EMBEDDING_DIM);
  readonly #short = new Float32Array(EMBEDDING_DIM);
  readonly #long = new Float32Array(EMBEDDING_DIM);
  readonly #tags: number[] = [];
  readonly #coScores = new CoEngagementScores();

  constructor(state: RecommenderState, random: () => number) {
    this.#state = state;
    this.#random = random;
  }

  /** A video became ready (or its metadata changed): it gets a content vector and is retrievable at once. */
  addVideo(video: CatalogueVideo, now: number): number {
    const { catalogue, creators, towers, trending } = this.#state;
    const known = catalogue.labelOf.has(video.id);
    const label = catalogue.upsert(video);
    if (!known) creators.addVideo(catalogue.author[label] as number);
    towers.refreshVideo(catalogue, label);
    const current = catalogue.state[label];
    if (current !== VideoState.removed) {
      const scheduled = video.publishAt !== null && video.publishAt > now;
      const hidden = video.visibility !== undefined && video.visibility !== 'public';
      // Once published (VideoPublished may arrive before VideoReady), a video is not scheduled again.
      const next = hidden
        ? VideoState.hidden
        : scheduled && current !== VideoState.eligible
          ? VideoState.scheduled
          : VideoState.eligible;
      this.#setState(label, next);
    }
    trending.touch(label);
    return label;
  }

  /** Its author changed the caption, hashtags or who may see it. */
  updateVideo(
    videoId: string,
    changes: { caption: string; hashtags: string[]; visibility: string | null },
    now: number,
  ): void {
    const { catalogue } = this.#state;
    const label = catalogue.labelOf.get(videoId);
    if (label === undefined) return;
    const sound = catalogue.sound[label] as number;
    const publishAt = catalogue.publishAt[label] as number;
    this.addVideo(
      {
        id: videoId,
        authorId: catalogue.authors.name(catalogue.author[label] as number),
        caption: changes.caption,
        hashtags: changes.hashtags,
        soundId: sound >= 0 ? catalogue.sounds.name(sound) : null,
        durationMs: catalogue.durationMs[label] as number,
        readyAt: catalogue.readyAt[label] as number,
        publishAt: publishAt > 0 ? publishAt : null,
        ...(changes.visibility ? { visibility: changes.visibility } : {}),
      },
      now,
    );
  }

  publishVideo(videoId: string): void {
    const label = this.#state.catalogue.labelOf.get(videoId);
    if (label !== undefined && this.#state.catalogue.state[label] === VideoState.scheduled) {
      this.#setState(label, VideoState.eligible);
    }
  }

  /** Scheduled videos whose time has come. */
  publishDue(now: number): void {
    const { catalogue } = this.#state;
    if (catalogue.scheduledCount === 0) return;
    for (let label = 0; label < catalogue.size; label++) {
      if (catalogue.state[label] === VideoState.scheduled && (catalogue.publishAt[label] as number) <= now) {
        this.#setState(label, VideoState.eligible);
      }
    }
  }

  removeVideo(videoId: string): void {
    const label = this.#state.catalogue.labelOf.get(videoId);
    if (label !== undefined) this.#setState(label, VideoState.removed);
  }

  view(signal: ViewSignal, now: number): void {
    const { catalogue, users, creators, hashtags, sounds, trending, ranker, joiner } = this.#state;
    const label = catalogue.labelOf.get(signal.videoId);
    if (label === undefined) return;
    const engaged = signal.completionRate >= 0.5 || signal.replayCount > 0;
    const complete = signal.completionRate >= 0.95 || signal.replayCount > 0;
    const author = catalogue.author[label] as number;
    const profile = signal.userId ? users.get(signal.userId) : null;
    // Learn with what was known before this view; only then count it.
    if (profile) {
      const features = this.#rankingFeatures(profile, label, now);
      ranker.train(RankingTask.watchHalf, features, engaged ? 1 : 0);
      ranker.train(RankingTask.complete, features, complete ? 1 : 0);
      for (const impression of joiner.record(profile.id, label, author, features.copy(), now))
        this.finalize(impression);
      if (engaged) this.#contrastWithRandomVideos(profile, label, now);
      this.#trainTowers(profile, label, engaged ? 1 : 0, complete ? 1.5 : 1, now);
    }
    this.#count(label, VideoStat.views, 1, now);
    catalogue.allTimeViews[label] = (catalogue.allTimeViews[label] as number) + 1;
    if (engaged) this.#count(label, VideoStat.halfWatches, 1, now);
    if (complete) this.#count(label, VideoStat.completes, 1, now);
    if (signal.skipped) this.#count(label, VideoStat.skips, 1, now);
    const tags = this.#tagsOf(label);
    creators.record(author, engaged, now);
    for (const tag of tags) hashtags.record(tag, engaged, now);
    sounds.record(catalogue.sound[label] as number, engaged, now);
    trending.touch(label);
    if (!profile) return;

    const weight = signal.skipped
      ? INTEREST.skip
      : complete
        ? INTEREST.complete + Math.min(2, signal.replayCount) * INTEREST.replayBonus
        : engaged
          ? INTEREST.half
          : INTEREST.partial;
    profile.addInterest(catalogue.vectorOf(label), weight, now);
    profile.addAffinity(tags, author, catalogue.sound[label] as number, weight, now);
    profile.countTopicView(tags, engaged, now);
    profile.views++;
    if (engaged) profile.engagements++;
    if (signal.skipped) profile.skips++;
    profile.skipStreak = signal.skipped ? profile.skipStreak + 1 : 0;
    profile.lastActiveAt = Math.max(profile.lastActiveAt, now);
    profile.seen.add(signal.videoId);
    if (engaged) this.#engaged(profile, label);
    this.#state.dirty.add(label);
  }

  action(kind: ActionKind, userId: string | null, videoId: string, now: number): void {
    const { catalogue, users, trending, joiner } = this.#state;
    const label = catalogue.labelOf.get(videoId);
    if (label === undefined) return;
    this.#count(label, ACTION_STAT[kind], kind === 'unlike' ? -1 : 1, now);
    trending.touch(label);
    if (!userId) return;
    const profile = users.get(userId);
    const weight = ACTION_INTEREST[kind];
    profile.addInterest(catalogue.vectorOf(label), weight, now);
    profile.addAffinity(
      this.#tagsOf(label),
      catalogue.author[label] as number,
      catalogue.sound[label] as number,
      weight,
      now,
    );
    profile.lastActiveAt = Math.max(profile.lastActiveAt, now);
    if (kind === 'unlike') return;
    if (kind === 'like') joiner.mark(userId, label, Outcome.like, now);
    if (kind === 'share') joiner.mark(userId, label, Outcome.share, now);
    this.#engaged(profile, label);
    this.#trainTowers(profile, label, 1, 1, now);
    this.#state.dirty.add(label);
  }

  follow(followerId: string, followeeId: string, following: boolean, now: number): void {
    const { catalogue, users, creators, joiner } = this.#state;
    const author = catalogue.authors.intern(followeeId);
    const profile = users.get(followerId);
    const had = profile.follows.has(author);
    if (following && !had) {
      profile.follows.add(author);
      creators.addFollowers(author, 1);
      joiner.markAuthor(followerId, author, Outcome.follow);
      for (const label of catalogue.recentByAuthor.get(author) ?? []) this.#count(label, VideoStat.follows, 1, now);
    } else if (!following && had) {
      profile.follows.delete(author);
      creators.addFollowers(author, -1);
    }
  }

  /** Blocking hides each from the other, both ways. */
  block(blockerId: string, blockedId: string): void {
    const { catalogue, users } = this.#state;
    users.get(blockerId).hidden.add(catalogue.authors.intern(blockedId));
    users.get(blockedId).hidden.add(catalogue.authors.intern(blockerId));
    const profile = users.get(blockerId);
    profile.follows.delete(catalogue.authors.intern(blockedId));
  }

  /** Trains the delayed heads (like, share, follow) on an impression whose outcomes are now known. */
  finalize(impression: Impression): void {
    const { ranker } = this.#state;
    ranker.train(RankingTask.like, impression.features, impression.outcomes & Outcome.like ? 1 : 0);
    ranker.train(RankingTask.share, impression.features, impression.outcomes & Outcome.share ? 1 : 0);
    ranker.train(RankingTask.follow, impression.features, impression.outcomes & Outcome.follow ? 1 : 0);
  }

  /** Finalises impressions past the join window. */
  sweep(now: number): void {
    for (const impression of this.#state.joiner.sweep(now)) this.finalize(impression);
  }

  /**
   * Writes moved vectors back to the catalogue (what ranking reads), all of them, then to the index for at most
   * `budgetMs`. The index takes a vector only once it drifted INDEX_DRIFT (1 − cosine) from the one indexed:
   * re-linking a point in the HNSW graph costs milliseconds, and retrieval only needs the neighbourhood about right.
   */
  refreshVectors(budgetMs: number): number {
    const { catalogue, towers, index, dirty, unindexed } = this.#state;
    for (const label of dirty) {
      towers.refreshVideo(catalogue, label);
      if (catalogue.isEligible(label)) unindexed.add(label);
    }
    dirty.clear();
    const deadline = performance.now() + budgetMs;
    let reindexed = 0;
    for (const label of unindexed) {
      if (performance.now() > deadline) break;
      unindexed.delete(label);
      const vector = catalogue.vectorOf(label);
      if (!catalogue.isEligible(label) || index.similarity(label, vector) > 1 - INDEX_DRIFT) continue;
      index.upsert(label, vector);
      reindexed++;
    }
    return reindexed;
  }

  #engaged(profile: UserProfile, label: number): void {
    this.#state.coEngagement.record(profile.recentEngaged, label);
    profile.rememberEngaged(label);
  }

  #setState(label: number, state: number): void {
    const { catalogue, index } = this.#state;
    catalogue.setState(label, state);
    if (state === VideoState.eligible) index.upsert(label, catalogue.vectorOf(label));
    else index.remove(label);
  }

  #count(label: number, stat: number, amount: number, now: number): void {
    const { catalogue } = this.#state;
    catalogue.trending.add(label, stat, amount, now);
    catalogue.lifetime.add(label, stat, amount, now);
  }

  #tagsOf(label: number): number[] {
    const tags = this.#tags;
    tags.length = 0;
    const slots = this.#state.catalogue.tagSlots;
    for (let i = 0; i < MAX_TAGS; i++) {
      const tag = slots[label * MAX_TAGS + i] as number;
      if (tag < 0) break;
      tags.push(tag);
    }
    return tags;
  }

  #rankingFeatures(profile: UserProfile, label: number, now: number): FeatureVector {
    const { towers } = this.#state;
    const vectors = {
      query: towers.userVector(profile, this.#query, now),
      short: profile.shortInterest(this.#short, now),
      long: profile.longInterest(this.#long),
    };
    const context = rankingContext(this.#state, profile, vectors, now, this.#coScores);
    writeRankingFeatures(context, label, this.#features);
    return this.#features;
  }

  /** Engaged views teach the ranking heads what was not chosen too: random videos as negatives. */
  #contrastWithRandomVideos(profile: UserProfile, label: number, now: number): void {
    const { catalogue, ranker, options } = this.#state;
    for (let i = 0; i < options.rankerNegatives; i++) {
      const negative = catalogue.randomEligible(this.#random);
      if (negative < 0 || negative === label) continue;
      const features = this.#rankingFeatures(profile, negative, now);
      ranker.train(RankingTask.watchHalf, features, 0);
      ranker.train(RankingTask.complete, features, 0);
    }
  }

  #trainTowers(profile: UserProfile, label: number, target: number, weight: number, now: number): void {
    const { catalogue, towers, options, dirty } = this.#state;
    const query = towers.userVector(profile, this.#query, now);
    towers.train(catalogue, profile, query, label, target, weight, now);
    if (target !== 1) return;
    for (let i = 0; i < options.towerNegatives; i++) {
      const negative = catalogue.randomEligible(this.#random);
      if (negative < 0 || negative === label) continue;
      towers.train(catalogue, profile, query, negative, 0, 1, now);
      dirty.add(negative);
    }
  }
}
