import type { Database } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { PublicUser } from '../accounts/service.ts';
import type { VideoAccess } from './access.ts';
import { VideoEvents, type VideoUpdatedData, type ViewLoggedData } from './events.ts';
import { collectHashtags, normalizeCaption } from './hashtags.ts';
import type { VideoLifecycle } from './lifecycle.ts';
import type { VideoPresenter, VideoResponse } from './presenter.ts';
import { type FeedPosition, type VideoRow, VideoStore, type Visibility } from './store.ts';
import { collectVisible } from './visible-page.ts';

export interface VideoPage {
  videos: VideoResponse[];
  /** Where the next page starts; null at the end. */
  next: FeedPosition | null;
}

export interface ViewReport {
  watch_time_ms: number;
  completion_rate: number;
  replay_count: number;
  source: string;
}

/** What the lists need from the accounts module: an author by the username in the URL (404 when there is none). */
export interface AuthorDirectory {
  getUserByUsername(username: string): Promise<PublicUser>;
}

const SKIP_THRESHOLD_MS = 2000;
const notFoundVideo = () => notFound('VIDEO_NOT_FOUND', 'That video does not exist.');

export interface VideoServiceDeps {
  db: Database;
  events: EventStream;
  accounts: AuthorDirectory;
  access: VideoAccess;
  presenter: VideoPresenter;
  lifecycle: VideoLifecycle;
}

/**
 * Videos as viewers see them and authors edit them: one video, the lists (public, an author's, followed authors',
 * given ids), views, and the author's edits. Who may see what is VideoAccess's; how a video looks, VideoPresenter's;
 * uploads, processing, publication and removal, VideoLifecycle's.
 */
export class VideoService {
  readonly #deps: VideoServiceDeps;
  readonly #store: VideoStore;

  constructor(deps: VideoServiceDeps) {
    this.#deps = deps;
    this.#store = new VideoStore(deps.db);
  }

  /** A video as `viewerId` may see it: the author sees every state; others see only what is published. */
  async get(id: string, viewerId: string | null): Promise<VideoResponse> {
    const row = await this.#store.find(id);
    if (!row || !(await this.#deps.access.canSee(row, viewerId))) throw notFoundVideo();
    return this.#presentOne(row, viewerId);
  }

  /** Public videos, newest first, without those of private accounts and blocked ones for this viewer. */
  async listPublicReady(after: FeedPosition | null, limit: number, viewerId: string | null = null): Promise<VideoPage> {
    return this.#visiblePage(after, limit, viewerId, (from, count) => this.#store.listPublicReady(from, count));
  }

  async listByAuthor(
    username: string,
    viewerId: string | null,
    after: FeedPosition | null,
    limit: number,
  ): Promise<VideoPage> {
    const author = await this.#deps.accounts.getUserByUsername(username);
    const own = author.id === viewerId;
    const audience = own ? undefined : await this.#deps.access.authorAudience(viewerId, author.id);
    if (audience?.blocked) throw forbidden('BLOCKED', 'You cannot see the videos of this account.');
    if (audience?.privateAccount) {
      throw forbidden('PRIVATE_ACCOUNT', 'This account is private: follow it to see its videos.');
    }
    const rows = await this.#store.listByAuthor(author.id, own, after, limit + 1, audience?.friend ?? false);
    const pageRows = rows.slice(0, limit);
    const last = pageRows.at(-1);
    return {
      videos: await this.#deps.presenter.present(pageRows, viewerId),
      next: rows.length > limit && last ? { at: last.created_at_exact, id: last.id } : null,
    };
  }

  /** The following feed: ready videos of these authors the viewer may see, newest first. */
  async listByAuthors(
    authorIds: readonly string[],
    viewerId: string,
    after: FeedPosition | null,
    limit: number,
  ): Promise<VideoPage> {
    if (authorIds.length === 0) return { videos: [], next: null };
    return this.#visiblePage(after, limit, viewerId, (from, count) =>
      this.#store.listByAuthors(authorIds, from, count),
    );
  }

  /** The videos of `ids` the viewer may see, in the order given. */
  async listByIds(ids: readonly string[], viewerId: string | null): Promise<VideoResponse[]> {
    const rows = await this.#store.findMany(ids);
    const visible = await this.#deps.access.visibleIds(rows, viewerId);
    const byId = new Map(rows.filter((row) => visible.has(row.id)).map((row) => [row.id, row]));
    return this.#deps.presenter.present(
      ids.flatMap((id) => byId.get(id) ?? []),
      viewerId,
    );
  }

  async recordView(id: string, viewerId: string | null, report: ViewReport): Promise<void> {
    const row = await this.#store.find(id);
    if (row?.status !== 'ready' || !(await this.#deps.access.canSee(row, viewerId))) throw notFoundVideo();
    const data: ViewLoggedData = {
      video_id: id,
      user_id: viewerId,
      watch_time_ms: report.watch_time_ms,
      completion_rate: report.completion_rate,
      replay_count: report.replay_count,
      skipped: report.watch_time_ms < SKIP_THRESHOLD_MS && report.completion_rate < 1,
      source: report.source,
    };
    await this.#deps.db.transaction(async (tx) => {
      await new VideoStore(tx).addView(id);
      await this.#deps.events.publish(createEvent(VideoEvents.viewLogged, data), tx);
    });
  }

  // ---- managed by the author ----

  /** Caption and visibility, author only. Tags written in the old caption follow the new one. */
  async update(
    id: string,
    viewerId: string,
    changes: { caption?: string; visibility?: Visibility },
  ): Promise<VideoResponse> {
    const row = await this.#ownVideo(id, viewerId);
    const edits: { caption?: string; hashtags?: string[]; visibility?: Visibility } = {};
    if (changes.visibility !== undefined) edits.visibility = changes.visibility;
    if (changes.caption !== undefined) {
      edits.caption = normalizeCaption(changes.caption);
      const fromOldCaption = new Set(collectHashtags(undefined, row.caption));
      const listed = row.hashtags.filter((tag) => !fromOldCaption.has(tag));
      edits.hashtags = collectHashtags(listed.join(','), edits.caption);
    }
    const updated = await this.#deps.db.transaction(async (tx) => {
      const next = await new VideoStore(tx).updateDetails(id, edits);
      if (!next) throw notFoundVideo();
      const data: VideoUpdatedData = {
        video_id: id,
        author_id: next.author_id,
        caption: next.caption,
        hashtags: next.hashtags,
        visibility: next.visibility,
      };
      await this.#deps.events.publish(createEvent(VideoEvents.updated, data), tx);
      return next;
    });
    return this.#presentOne(updated, viewerId);
  }

  /** Author only; afterwards nobody sees the video. */
  async remove(id: string, viewerId: string): Promise<void> {
    const row = await this.#ownVideo(id, viewerId);
    if (!(await this.#deps.lifecycle.remove(id, row.author_id))) throw notFoundVideo();
  }

  /** The author's own video: 404 when the viewer cannot see it at all, 403 when they see it but do not own it. */
  async #ownVideo(id: string, viewerId: string): Promise<VideoRow> {
    const row = await this.#store.find(id);
    if (!row || !(await this.#deps.access.canSee(row, viewerId))) throw notFoundVideo();
    if (row.author_id !== viewerId) throw forbidden('NOT_VIDEO_OWNER', 'Only the author can change this video.');
    return row;
  }

  /** A page of a newest-first list (by publication time), without the rows the viewer may not see. */
  async #visiblePage(
    after: FeedPosition | null,
    limit: number,
    viewerId: string | null,
    fetch: (after: FeedPosition | null, limit: number) => Promise<VideoRow[]>,
  ): Promise<VideoPage> {
    const page = await collectVisible({
      after,
      limit,
      fetch,
      visible: (rows) => this.#deps.access.visibleIds(rows, viewerId),
      positionOf: (row) => ({ at: row.publish_at_exact ?? row.created_at_exact, id: row.id }),
    });
    return { videos: await this.#deps.presenter.present(page.rows, viewerId), next: page.next };
  }

  async #presentOne(row: VideoRow, viewerId: string | null): Promise<VideoResponse> {
    return (await this.#deps.presenter.present([row], viewerId))[0] as VideoResponse;
  }
}
