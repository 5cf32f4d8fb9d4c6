import type { Database } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { EventStream, EventSubscription } from '../../platform/stream/events.ts';
import type { AccountService, PublicUser } from '../accounts/service.ts';
import type { AudiencePolicy } from '../videos/audience.ts';
import type { VideoResponse } from '../videos/presenter.ts';
import type { VideoService } from '../videos/service.ts';
import { type HashtagSummary, hashtagSummaries, searchHashtags } from './hashtag-search.ts';
import { SearchIndexer } from './indexer.ts';
import { decodePosition, encodePosition, type ScorePosition } from './positions.ts';
import { findsNothing, parseSearchText, type SearchText } from './query-text.ts';
import {
  claimFirstRebuild,
  type RebuildResult,
  type RebuildSources,
  rebuildIndex,
  releaseFirstRebuild,
} from './rebuild.ts';
import { soundShownSql } from './sound-openness.ts';
import { type SoundSummary, searchSounds, soundSummaries } from './sound-search.ts';
import { type Suggestion, suggest } from './suggestions.ts';
import { searchableVideoIds, topicsOf, videosWithHashtag, videosWithSound } from './topic-videos.ts';
import { searchUsers } from './user-search.ts';
import { searchVideos } from './video-search.ts';
import { collectVisible } from './visible-page.ts';

export const SEARCH_TYPES = ['all', 'videos', 'users', 'sounds', 'hashtags'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
type Section = Exclude<SearchType, 'all'>;

export interface SearchAnswer {
  query: string;
  type: SearchType;
  users?: PublicUser[];
  hashtags?: HashtagSummary[];
  sounds?: SoundSummary[];
  videos?: VideoResponse[];
  cursor: string | null;
  has_more: boolean;
}

export interface VideoListPage {
  videos: VideoResponse[];
  cursor: string | null;
  has_more: boolean;
}

export interface SearchDeps {
  db: Database;
  /** Accounts found are shown as the accounts module shows them. */
  accounts: Pick<AccountService, 'getUsers'>;
  /** Videos found are shown, and hidden, exactly as the videos module decides for the viewer. */
  videos: Pick<VideoService, 'listByIds'>;
  /** Blocks (the follows module): accounts blocked either way are left out. Without it nothing is left out. */
  audience?: AudiencePolicy;
  /** The owning modules, read by a rebuild (`looply reindex`, or the first start of an existing installation). */
  rebuildSources?: RebuildSources;
}

const DEFAULT_COUNT = 10;
const DEFAULT_COUNT_PER_SECTION = 5;

interface SectionPage<Item> {
  items: Item[];
  next: ScorePosition | null;
}

/** Search, typeahead, hashtag and sound pages over the search index; the index itself is kept by `indexer`. */
type VisibleFetch = Parameters<typeof collectVisible>[0]['fetch'];

export class SearchService {
  readonly indexer: SearchIndexer;
  readonly #db: Database;
  readonly #accounts: SearchDeps['accounts'];
  readonly #videos: SearchDeps['videos'];
  readonly #audience: AudiencePolicy | null;
  readonly #rebuildSources: RebuildSources | null;

  constructor(deps: SearchDeps) {
    this.#rebuildSources = deps.rebuildSources ?? null;
    this.#db = deps.db;
    this.#accounts = deps.accounts;
    this.#videos = deps.videos;
    this.#audience = deps.audience ?? null;
    this.indexer = new SearchIndexer(deps.db);
  }

  async search(request: {
    query: string | undefined;
    type: SearchType;
    cursor?: string | undefined;
    count?: number | undefined;
    viewerId: string | null;
  }): Promise<SearchAnswer> {
    const text = parseSearchText(request.query);
    const query = (request.query ?? '').trim();
    const { type, viewerId } = request;
    // Read even where it is not used (`all` has no cursor), so a forged one is refused everywhere alike.
    const after = decodePosition(request.cursor, {
      key: type === 'hashtags' || type === 'all' ? 'name' : 'uuid',
      score: 'real',
    });
    if (type === 'all') {
      const count = request.count ?? DEFAULT_COUNT_PER_SECTION;
      const [users, hashtags, sounds, videos] = await Promise.all([
        this.#section('users', text, null, count, viewerId),
        this.#section('hashtags', text, null, count, viewerId),
        this.#section('sounds', text, null, count, viewerId),
        this.#section('videos', text, null, count, viewerId),
      ]);
      return {
        query,
        type,
        users: users.items,
        hashtags: hashtags.items,
        sounds: sounds.items,
        videos: videos.items,
        cursor: null,
        has_more: [users, hashtags, sounds, videos].some((section) => section.next !== null),
      } as SearchAnswer;
    }
    const page = await this.#section(type, text, after, request.count ?? DEFAULT_COUNT, viewerId);
    return {
      query,
      type,
      [type]: page.items,
      cursor: page.next ? encodePosition(page.next) : null,
      has_more: page.next !== null,
    } as SearchAnswer;
  }

  /** Typeahead: at most 10 hashtags, usernames and sound titles, those starting with the query first. */
  async suggest(
    rawQuery: string | undefined,
    viewerId: string | null,
  ): Promise<{ query: string; suggestions: Suggestion[] }> {
    const text = parseSearchText(rawQuery);
    const query = (rawQuery ?? '').trim();
    if (findsNothing(text)) return { query, suggestions: [] };
    const suggestions = await suggest(this.#db, text, viewerId);
    const hidden = await this.#hiddenAccounts(
      viewerId,
      suggestions.filter((item) => item.type === 'user').map((item) => item.id),
    );
    return { query, suggestions: suggestions.filter((item) => !(item.type === 'user' && hidden.has(item.id))) };
  }

  /** A hashtag's page: its totals and its videos, most popular first. */
  async hashtag(
    rawName: string,
    page: { cursor?: string | undefined; count?: number | undefined },
    viewerId: string | null,
  ): Promise<HashtagSummary & VideoListPage> {
    const name = rawName.replace(/^#/, '').normalize('NFKC').toLowerCase();
    const summary = /^[\p{L}\p{N}_]{1,50}$/u.test(name) ? (await hashtagSummaries(this.#db, [name])).get(name) : null;
    if (!summary) throw notFound('HASHTAG_NOT_FOUND', `No video uses #${rawName.replace(/^#/, '')} yet.`);
    const videos = await this.#videoPage(
      (after, limit) => videosWithHashtag(this.#db, name, after, limit),
      page,
      viewerId,
    );
    return { ...summary, ...videos };
  }

  /**
   * The videos playing a sound, most popular first (the sound itself is the sounds module's). 404 to all but its owner
   * while the sound is not open, as `GET /v1/sounds/{id}` is.
   */
  async soundVideos(
    soundId: string,
    page: { cursor?: string | undefined; count?: number | undefined },
    viewerId: string | null,
  ): Promise<{ sound_id: string; video_count: number } & VideoListPage> {
    const { rows } = await this.#db.query<{ video_count: number }>(
      `select greatest(video_count, 0)::float8 as video_count from search_sounds s
       where id = $1 and ${soundShownSql('s', '$2')}`,
      [soundId, viewerId],
    );
    const found = rows[0];
    if (!found) throw notFound('SOUND_NOT_FOUND', 'That sound does not exist.');
    const videos = await this.#videoPage(
      (after, limit) => videosWithSound(this.#db, soundId, after, limit),
      page,
      viewerId,
    );
    return { sound_id: soundId, video_count: found.video_count, ...videos };
  }

  /**
   * The worker role's part: the `search-index` consumer group, and at the first start of an installation that has
   * accounts already, a rebuild from the owning modules in the background.
   */
  async startIndexing(events: EventStream, log: Logger): Promise<EventSubscription> {
    const subscription = await this.indexer.start(events, log);
    const sources = this.#rebuildSources;
    const stopping = new AbortController();
    let rebuilding: Promise<unknown> = Promise.resolve();
    if (sources && (await claimFirstRebuild(this.#db, sources))) {
      log.info('search index: first start with existing content, rebuilding from the owning modules');
      rebuilding = rebuildIndex(this.#db, sources, { signal: stopping.signal })
        .then((done) => log.info(done, 'search index rebuilt'))
        .catch(async (error: unknown) => {
          if (!stopping.signal.aborted) log.error({ err: error }, 'search index rebuild failed');
          await releaseFirstRebuild(this.#db).catch(() => {});
        });
    }
    return {
      async stop() {
        stopping.abort();
        await rebuilding;
        await subscription.stop();
      },
    };
  }

  /** `looply reindex`: rebuilds the index from the owning modules now. */
  rebuild(progress?: (done: RebuildResult) => void): Promise<RebuildResult> {
    if (!this.#rebuildSources) throw new Error('SearchService has no rebuild sources');
    return rebuildIndex(this.#db, this.#rebuildSources, progress ? { progress } : {});
  }

  // ---- for other modules (trending) ----

  videoTopics(videoIds: readonly string[]) {
    return topicsOf(this.#db, videoIds);
  }

  hashtagSummaries(names: readonly string[]) {
    return hashtagSummaries(this.#db, names);
  }

  /** As a visitor sees them: only open sounds. */
  soundSummaries(ids: readonly string[]) {
    return soundSummaries(this.#db, ids);
  }

  searchableVideoIds(ids: readonly string[]) {
    return searchableVideoIds(this.#db, ids);
  }

  async #section(
    type: Section,
    text: SearchText,
    after: ScorePosition | null,
    limit: number,
    viewerId: string | null,
  ): Promise<SectionPage<unknown>> {
    if (findsNothing(text)) return { items: [], next: null };
    const db = this.#db;
    /** The section's page: fetched by score, kept to what the viewer may see. */
    const visible = <Item>(fetch: VisibleFetch, present: (ids: string[]) => Promise<Map<string, Item>>) =>
      collectVisible({ after, limit, fetch, present });
    switch (type) {
      case 'hashtags': {
        const rows = await searchHashtags(this.#db, text, after, limit + 1);
        const items = rows.slice(0, limit);
        const last = items.at(-1);
        return {
          items: items.map(({ name, video_count, view_count }) => ({ name, video_count, view_count })),
          next: rows.length > limit && last ? { score: last.score, key: last.name } : null,
        };
      }
      case 'users':
        return visible(
          (at, n) => searchUsers(db, text, at, n),
          (ids) => this.#visibleUsers(ids, viewerId),
        );
      case 'sounds':
        return visible(
          (at, n) => searchSounds(db, text, at, n, viewerId),
          (ids) => soundSummaries(db, ids, viewerId),
        );
      case 'videos':
        return visible(
          (at, n) => searchVideos(db, text, at, n),
          (ids) => this.#visibleVideos(ids, viewerId),
        );
    }
  }

  async #videoPage(
    fetch: VisibleFetch,
    page: { cursor?: string | undefined; count?: number | undefined },
    viewerId: string | null,
  ): Promise<VideoListPage> {
    const result = await collectVisible({
      after: decodePosition(page.cursor, { key: 'uuid', score: 'band' }),
      limit: page.count ?? DEFAULT_COUNT,
      fetch,
      present: (ids) => this.#visibleVideos(ids, viewerId),
    });
    return {
      videos: result.items,
      cursor: result.next ? encodePosition(result.next) : null,
      has_more: result.next !== null,
    };
  }

  async #visibleVideos(ids: string[], viewerId: string | null): Promise<Map<string, VideoResponse>> {
    const videos = await this.#videos.listByIds(ids, viewerId);
    return new Map(videos.map((video) => [video.id, video]));
  }

  async #visibleUsers(ids: string[], viewerId: string | null): Promise<Map<string, PublicUser>> {
    const [users, hidden] = await Promise.all([this.#accounts.getUsers(ids), this.#hiddenAccounts(viewerId, ids)]);
    for (const id of hidden) users.delete(id);
    return users;
  }

  /** Accounts blocked by the viewer or blocking them. */
  async #hiddenAccounts(viewerId: string | null, ids: readonly string[]): Promise<Set<string>> {
    const others = ids.filter((id) => id !== viewerId);
    if (!viewerId || !this.#audience || others.length === 0) return new Set();
    const audiences = await this.#audience.audience(viewerId, others);
    return new Set(others.filter((id) => audiences.get(id)?.blocked));
  }
}
