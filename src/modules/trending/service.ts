import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Static } from 'typebox';
import { TRENDING } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { EventStream, EventSubscription } from '../../platform/stream/events.ts';
import type { SearchService } from '../search/service.ts';
import type { VideoService } from '../videos/service.ts';
import { type Board, boardOf, rankBoards } from './board.ts';
import { BoardStore } from './board-store.ts';
import { type TrendEntry, TrendingDetector, type TrendKind } from './detector.ts';
import { RecentIds } from './recent-ids.ts';
import type { TrendingAnswerSchema, TrendingItemSchema, TrendingTypeSchema } from './schemas.ts';
import { TREND_EVENT_TYPES, TRENDING_GROUP, TrendSignals } from './signals.ts';
import { VideoTopics } from './video-topics.ts';

export type TrendingType = Static<typeof TrendingTypeSchema>;

const KIND_OF: Record<TrendingType, TrendKind> = { hashtags: 'hashtag', sounds: 'sound', videos: 'video' };

export type TrendingItem = Static<typeof TrendingItemSchema>;
export type TrendingAnswer = Static<typeof TrendingAnswerSchema>;

export interface TrendingDeps {
  db: Database;
  /** Hashtag and sound totals and titles, and which videos are public (the search index). */
  search: Pick<SearchService, 'videoTopics' | 'hashtagSummaries' | 'soundSummaries' | 'searchableVideoIds'>;
  videos: Pick<VideoService, 'listByIds'>;
}

/** Videos whose hashtags and sound this node remembers for counting their views. */
const TOPIC_CACHE = 100_000;
const RECENT_EVENT_IDS = 200_000;
/** How long an api node reuses the other detectors' boards it read. */
const REMOTE_BOARDS_TTL_MS = 2_000;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Trending hashtags, sounds and videos. `start` (worker role) runs a detector fed by the event stream and shares
 * its board every few seconds through the store; any api node ranks the boards of every running detector, plus
 * its own detector's live board when it runs one.
 */
export class TrendingService {
  readonly #deps: TrendingDeps;
  readonly #store: BoardStore;
  readonly #nodeId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  #detector: TrendingDetector | null = null;
  #remote: { at: number; boards: Promise<Board[]> } | null = null;

  constructor(deps: TrendingDeps) {
    this.#deps = deps;
    this.#store = new BoardStore(deps.db);
  }

  /** The API's answer: ranked items with score and counts, only videos the viewer may see. */
  async trending(type: TrendingType, limit: number, viewerId: string | null): Promise<TrendingAnswer> {
    const now = Date.now();
    // Sounds and videos the index does not know yet or the viewer may not see are dropped: rank more than asked.
    const ranked = await this.#ranked(KIND_OF[type], type === 'hashtags' ? limit : limit * 3, now);
    const keys = ranked.map((entry) => entry.key);
    const shown = await this.#present(type, keys, viewerId);
    const items = ranked.flatMap((entry) => {
      const item = shown.get(entry.key);
      if (!item) return [];
      const [m15, h1, h24] = entry.counts;
      return [
        {
          score: round(entry.score, 3),
          counts: { last_15m: round(m15, 1), last_1h: round(h1, 1), last_24h: round(h24, 1) },
          [type.slice(0, -1)]: item,
        },
      ];
    });
    return { type, items: items.slice(0, limit), computed_at: new Date(now).toISOString() };
  }

  /** For the recommender: names of the hashtags trending now, best first. */
  async trendingHashtags(limit: number): Promise<string[]> {
    return (await this.#ranked('hashtag', limit, Date.now())).map((entry) => entry.key);
  }

  /** For the recommender: ids of the sounds trending now, best first. */
  async trendingSounds(limit: number): Promise<string[]> {
    return (await this.#ranked('sound', limit, Date.now())).map((entry) => entry.key);
  }

  /** For the recommender: ids of trending videos that are public and ready, best first. */
  async trendingVideoIds(limit: number): Promise<string[]> {
    const ranked = await this.#ranked('video', limit * 2, Date.now());
    const searchable = await this.#deps.search.searchableVideoIds(ranked.map((entry) => entry.key));
    return ranked.flatMap((entry) => (searchable.has(entry.key) ? [entry.key] : [])).slice(0, limit);
  }

  /**
   * Runs a detector here (worker role): adopts the sketches of stopped detectors, consumes the `trending` group (a
   * new group starts from the oldest retained event, so a first start replays the last days) and shares its board.
   */
  async start(events: EventStream, log: Logger): Promise<EventSubscription> {
    const detector = new TrendingDetector();
    await this.#adopt(detector, log);
    const topics = new VideoTopics(TOPIC_CACHE, (ids) => this.#deps.search.videoTopics(ids));
    const signals = new TrendSignals(detector, topics, new RecentIds(RECENT_EVENT_IDS));
    const subscription = await events.subscribe(TRENDING_GROUP, TREND_EVENT_TYPES, (event) => signals.apply(event));
    this.#detector = detector;
    const warn = (what: string) => (error: unknown) => log.warn({ err: error }, what);
    const boards = setInterval(() => {
      this.#store.publish(this.#nodeId, boardOf(detector, Date.now())).catch(warn('sharing the trending board failed'));
    }, TRENDING.boardIntervalMs);
    // The sketches are megabytes: an idle detector keeps its last snapshot (the board still says it is alive).
    let savedRevision = 0;
    const snapshots = setInterval(() => {
      const revision = detector.revision;
      const saved =
        revision === savedRevision
          ? Promise.resolve()
          : this.#store.saveState(this.#nodeId, boardOf(detector, Date.now()), detector.serialize()).then(() => {
              savedRevision = revision;
            });
      saved.then(() => this.#adopt(detector, log)).catch(warn('saving the trending sketches failed'));
    }, TRENDING.snapshotIntervalMs);
    boards.unref();
    snapshots.unref();
    return {
      stop: async () => {
        clearInterval(boards);
        clearInterval(snapshots);
        await subscription.stop();
        this.#detector = null;
        await this.#store
          .retire(
            this.#nodeId,
            boardOf(detector, Date.now()),
            detector.revision === savedRevision ? null : detector.serialize(),
          )
          .catch(warn('saving the trending sketches at shutdown failed'));
      },
    };
  }

  async #adopt(detector: TrendingDetector, log: Logger): Promise<void> {
    for (const state of await this.#store.adoptStale(TRENDING.staleAfterMs)) {
      const restored = TrendingDetector.restore(state, detector.shape);
      if (restored) detector.merge(restored);
      else log.warn('a trending snapshot of another shape was dropped');
    }
  }

  async #ranked(kind: TrendKind, limit: number, now: number): Promise<TrendEntry[]> {
    const boards = [...(await this.#remoteBoards(now))];
    if (this.#detector) boards.push(boardOf(this.#detector, now, kind));
    return rankBoards(boards, kind, limit, now);
  }

  #remoteBoards(now: number): Promise<Board[]> {
    if (!this.#remote || now - this.#remote.at > REMOTE_BOARDS_TTL_MS) {
      const boards = this.#store.freshBoards(this.#nodeId, TRENDING.staleAfterMs);
      this.#remote = { at: now, boards };
      boards.catch(() => {
        this.#remote = null;
      });
    }
    return this.#remote.boards;
  }

  async #present(type: TrendingType, keys: string[], viewerId: string | null): Promise<Map<string, unknown>> {
    switch (type) {
      case 'hashtags': {
        const known = await this.#deps.search.hashtagSummaries(keys);
        return new Map(keys.map((name) => [name, known.get(name) ?? { name, video_count: 0, view_count: 0 }]));
      }
      case 'sounds':
        return this.#deps.search.soundSummaries(keys);
      case 'videos': {
        const videos = await this.#deps.videos.listByIds(keys, viewerId);
        return new Map(videos.map((video) => [video.id, video]));
      }
    }
  }
}
