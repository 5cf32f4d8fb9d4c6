import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { Cache } from '../../platform/cache/cache.ts';
import type { Database } from '../../platform/db/database.ts';
import type { StageTimings } from '../recsys/recommender.ts';
import type { RecsysService } from '../recsys/service.ts';
import type { VideoResponse } from '../videos/presenter.ts';
import type { VideoService } from '../videos/service.ts';
import type { FeedPosition } from '../videos/store.ts';
import { PageCache, type RankedList } from './page-cache.ts';
import { FeedPreferenceStore, type FeedPreferences } from './preferences.ts';
import type { FeedModeSchema, PrefetchHintSchema, RecommendedVideoSchema } from './schemas.ts';

export type PrefetchHint = Static<typeof PrefetchHintSchema>;

export interface FeedPage {
  videos: VideoResponse[];
  next: FeedPosition | null;
  prefetch_hints: PrefetchHint[];
}

export type FeedMode = Static<typeof FeedModeSchema>;

/** Where a For You page continues: a ranked list and an offset in it, or a position in the newest-first list. */
export type FypPosition = { list: string; offset: number } | { latest: FeedPosition };

export interface ForYouRequest {
  viewerId: string | null;
  position: FypPosition | null;
  count: number;
  /** Overrides the viewer's stored preference for this request. */
  mode?: FeedMode;
}

export type RecommendedVideoResponse = Static<typeof RecommendedVideoSchema>;

export interface ForYouPage {
  videos: RecommendedVideoResponse[];
  next: FypPosition | null;
  has_more: boolean;
  prefetch_hints: PrefetchHint[];
  mode: FeedMode;
  /** Stage timings of the computation this page triggered; null when it came from a cached list. */
  timings: (StageTimings & { computeMs: number }) | null;
}

const PREFETCH_DEPTH = 5;
const LATEST_REASON = 'latest';

/**
 * The feeds. For You: a ranked list of ~50 ids computed by the recommender, cached per viewer for 60 s in the
 * cache port and paged with an opaque cursor; a strong signal deletes the list so the next page is recomputed.
 * A viewer may switch it to non-personalised (newest first), per request or as a stored preference.
 */
export class FeedService {
  readonly #videos: VideoService;
  readonly #followees: FolloweeSource | null;
  readonly #recsys: RecsysService | null;
  readonly #pages: PageCache | null;
  readonly #preferences: FeedPreferenceStore | null;

  constructor(
    videos: VideoService,
    followees: FolloweeSource | null = null,
    recommendation: { recsys: RecsysService; cache: Cache; db: Database } | null = null,
  ) {
    this.#videos = videos;
    this.#followees = followees;
    this.#recsys = recommendation?.recsys ?? null;
    this.#pages = recommendation ? new PageCache(recommendation.cache) : null;
    this.#preferences = recommendation ? new FeedPreferenceStore(recommendation.db, recommendation.cache) : null;
    this.#recsys?.onStrongSignal((userId) => this.#pages?.delete(userId));
  }

  async forYou(request: ForYouRequest): Promise<ForYouPage> {
    const { viewerId, position } = request;
    const stored = viewerId && this.#preferences ? await this.#preferences.get(viewerId) : null;
    const mode: FeedMode = request.mode ?? (stored?.personalized_feed === false ? 'latest' : 'personalized');
    if (!this.#recsys || mode === 'latest' || (position && 'latest' in position)) {
      const after = position && 'latest' in position ? position.latest : null;
      return this.#latest(viewerId, after, request.count);
    }
    return this.#ranked(this.#recsys, viewerId, position, request.count);
  }

  /** Newest first from the accounts the viewer follows, read at request time (no fan-out on write). */
  async following(viewerId: string, after: FeedPosition | null, count: number): Promise<FeedPage> {
    const authorIds = (await this.#followees?.followeeIds(viewerId)) ?? [];
    const page = await this.#videos.listByAuthors(authorIds, viewerId, after, count);
    return { ...page, prefetch_hints: prefetchHints(page.videos) };
  }

  preferences(userId: string): Promise<FeedPreferences> {
    return this.#requirePreferences().get(userId);
  }

  async setPreferences(userId: string, preferences: FeedPreferences): Promise<FeedPreferences> {
    const saved = await this.#requirePreferences().set(userId, preferences);
    await this.#pages?.delete(userId);
    return saved;
  }

  async #ranked(
    recsys: RecsysService,
    viewerId: string | null,
    position: { list: string; offset: number } | null,
    count: number,
  ): Promise<ForYouPage> {
    const pages = this.#pages as PageCache;
    const owner = (listId: string) => viewerId ?? `visitor:${listId}`;
    const [list] = await Promise.all([
      viewerId ? pages.get(viewerId) : position ? pages.get(owner(position.list)) : null,
      recsys.catchUp(),
      viewerId ? recsys.prepareUser(viewerId) : null,
    ]);
    let current: RankedList | null = list;
    let offset = 0;
    if (current && position?.list === current.id) offset = position.offset;
    else if (current && !position && viewerId) offset = current.next;
    else current = null;

    let timings: ForYouPage['timings'] = null;
    // A viewer's seen filter keeps a recomputed list fresh, so their page is always full; a visitor's list is only
    // recomputed once used up.
    const needsList = !current || (viewerId ? offset + count > current.items.length : offset >= current.items.length);
    if (needsList || !current) {
      const started = performance.now();
      const recommendation = recsys.recommender.recommend({ userId: viewerId, now: Date.now() });
      current = {
        id: randomUUID(),
        items: recommendation.items.map((item) => item.videoId),
        reasons: recommendation.items.map((item) => item.reason),
        more: recommendation.more,
        next: 0,
        createdAt: Date.now(),
      };
      offset = 0;
      timings = { ...recommendation.timings, computeMs: performance.now() - started };
    }
    const ids = current.items.slice(offset, offset + count);
    const end = offset + ids.length;
    current.next = end;
    const [videos] = await Promise.all([
      this.#videos.listByIds(ids, viewerId),
      pages.put(owner(current.id), current),
      viewerId && ids.length > 0 ? recsys.rememberServed(viewerId, ids) : null,
    ]);
    const reasons = new Map(ids.map((id, i) => [id, current.reasons[offset + i] ?? '']));
    const hasMore = ids.length > 0 && (end < current.items.length || current.more);
    return {
      videos: videos.map((video) => ({ ...video, recommendation_reason: reasons.get(video.id) ?? '' })),
      next: hasMore ? { list: current.id, offset: end } : null,
      has_more: hasMore,
      prefetch_hints: prefetchHints(videos),
      mode: 'personalized',
      timings,
    };
  }

  async #latest(viewerId: string | null, after: FeedPosition | null, count: number): Promise<ForYouPage> {
    const page = await this.#videos.listPublicReady(after, count, viewerId);
    return {
      videos: page.videos.map((video) => ({ ...video, recommendation_reason: LATEST_REASON })),
      next: page.next ? { latest: page.next } : null,
      has_more: page.next !== null,
      prefetch_hints: prefetchHints(page.videos),
      mode: 'latest',
      timings: null,
    };
  }

  #requirePreferences(): FeedPreferenceStore {
    if (!this.#preferences) throw new Error('FeedService was built without the recommender');
    return this.#preferences;
  }
}

/** Whom a viewer follows; the follows module answers it. */
export interface FolloweeSource {
  followeeIds(userId: string): Promise<string[]>;
}

/** What the client should warm first: the videos after the one it is about to play. */
export function prefetchHints(videos: readonly VideoResponse[]): PrefetchHint[] {
  return videos
    .slice(1, 1 + PREFETCH_DEPTH)
    .filter((video) => video.playback_urls)
    .map((video) => ({
      video_id: video.id,
      hls: video.playback_urls?.hls ?? '',
      poster: video.thumbnails?.poster ?? null,
    }));
}
