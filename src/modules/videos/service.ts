import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Database, SqlExecutor } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { JobQueue } from '../../platform/stream/jobs.ts';
import type { AccountService } from '../accounts/service.ts';
import type { Effects } from '../media/effects.ts';
import { PROCESS_VIDEO_QUEUE, type ProcessVideoPayload } from '../media/queues.ts';
import { type MediaUrlSigner, mediaRendition } from '../media/signed-urls.ts';
import type { SoundService } from '../sounds/service.ts';
import { type AudiencePolicy, type AuthorAudience, canSeeAccount, OPEN_AUDIENCE } from './audience.ts';
import {
  VideoEvents,
  type VideoFailedData,
  type VideoPublishedData,
  type VideoReadyData,
  type VideoRemovedData,
  type VideoUpdatedData,
  type VideoUploadedData,
  type ViewLoggedData,
} from './events.ts';
import { collectHashtags, normalizeCaption } from './hashtags.ts';
import { type MediaAudience, type MediaLink, mediaUrl } from './media-fields.ts';
import { toVideoResponse, type VideoResponse } from './presenter.ts';
import { PUBLISH_VIDEO_QUEUE, type PublishVideoPayload } from './publishing.ts';
import type { UploadAcceptedSchema } from './schemas.ts';
import type { VideoStatsProvider } from './stats.ts';
import {
  type FeedPosition,
  type Rendition,
  type UploadSettings,
  type VideoRow,
  VideoStore,
  type Visibility,
} from './store.ts';
import type { UploadOptions } from './upload-options.ts';
import { collectVisible } from './visible-page.ts';

export interface VideoPage {
  videos: VideoResponse[];
  /** Where the next page starts; null at the end. */
  next: FeedPosition | null;
}

export interface NewUpload {
  authorId: string;
  caption: string;
  hashtags: string[];
  /** A local file the caller owns; it is copied into the blob store. */
  file: string;
  durationMs: number;
  options?: UploadOptions;
  /** Applied by processing; kept on the video so a retried run applies the same. */
  effects?: Effects;
}

/** An upload's details without its bytes: what a resumable upload declares before sending them. */
export type UploadDetails = Omit<NewUpload, 'file' | 'durationMs'>;

/** What a processing run needs to know about a video. */
export interface ProcessingPlan {
  sourceKey: string;
  status: VideoRow['status'];
  authorId: string;
  /** As stored; read with effectsFromStored. */
  effects: unknown;
  /** The sound chosen at upload to replace the video's own audio. */
  soundId: string | null;
  allowDownload: boolean;
  /** The run whose files the video shows now; null before it was first ready. */
  renditionId: string | null;
}

export type UploadAccepted = Static<typeof UploadAcceptedSchema>;

export interface ViewReport {
  watch_time_ms: number;
  completion_rate: number;
  replay_count: number;
  source: string;
}

/** A video another module acts on (like, comment, share): who made it and whether the viewer may see it. */
export interface VideoTarget {
  id: string;
  author_id: string;
  /** Ready and visible to the viewer. */
  available: boolean;
  /** The author blocked the viewer. */
  blockedByAuthor: boolean;
  /** The progressive MP4, when its author allows downloads and processing made one. */
  download: { allowed: boolean; key: string | null };
}

const SKIP_THRESHOLD_MS = 2000;

/** Video metadata and lifecycle: the videos module's interface to the rest of Looply. */
export class VideoService {
  readonly #db: Database;
  readonly #store: VideoStore;
  readonly #blobs: BlobStore;
  readonly #events: EventStream;
  readonly #jobs: JobQueue;
  readonly #accounts: AccountService;
  readonly #audience: AudiencePolicy;
  readonly #sounds: SoundService | null;
  readonly #mediaSigner: MediaUrlSigner;
  #stats: VideoStatsProvider | null = null;

  constructor(deps: {
    db: Database;
    blobs: BlobStore;
    events: EventStream;
    jobs: JobQueue;
    accounts: AccountService;
    /** Private accounts, blocks and friends (the follows module); without it every account is open. */
    audience?: AudiencePolicy;
    /** Sounds chosen at upload, and sound titles on videos; without it uploads cannot name a sound. */
    sounds?: SoundService;
    /** Signs the media URLs of videos that are not open to every visitor. */
    mediaSigner: MediaUrlSigner;
  }) {
    this.#db = deps.db;
    this.#store = new VideoStore(deps.db);
    this.#blobs = deps.blobs;
    this.#events = deps.events;
    this.#jobs = deps.jobs;
    this.#accounts = deps.accounts;
    this.#audience = deps.audience ?? OPEN_AUDIENCE;
    this.#sounds = deps.sounds ?? null;
    this.#mediaSigner = deps.mediaSigner;
  }

  /** Stores the source and queues processing in one transaction with the row and its VideoUploaded event. */
  async acceptUpload(upload: NewUpload): Promise<UploadAccepted> {
    const id = randomUUID();
    const sourceKey = `uploads/${id}/source`;
    const settings = await this.#uploadSettings(upload);
    await this.#blobs.putFile(sourceKey, upload.file, 'application/octet-stream');
    await this.#db.transaction(async (tx) => {
      await new VideoStore(tx).insert({
        id,
        author_id: upload.authorId,
        caption: upload.caption,
        hashtags: upload.hashtags,
        source_key: sourceKey,
        status: 'processing',
        settings,
      });
      await this.#queueProcessing(tx, id, upload.authorId);
    });
    return {
      video_id: id,
      status: 'processing',
      upload_url: null,
      estimated_processing_time_seconds: Math.ceil(5 + (upload.durationMs / 1000) * 1.5),
    };
  }

  // ---- for resumable uploads: the row exists while the bytes arrive ----

  /** A video whose bytes are still arriving: status `uploading`, seen only by its author. `id` names the upload. */
  async beginUpload(id: string, upload: UploadDetails): Promise<void> {
    await this.#store.insert({
      id,
      author_id: upload.authorId,
      caption: upload.caption,
      hashtags: upload.hashtags,
      source_key: `uploads/${id}/source`,
      status: 'uploading',
      settings: await this.#uploadSettings(upload),
    });
  }

  /**
   * The bytes of an `uploading` video have all arrived in `file`: stores them and queues processing, as
   * acceptUpload does. Idempotent, so a retry after a crash completes it: false when it was no longer uploading.
   */
  async acceptUploadedSource(id: string, file: string): Promise<boolean> {
    const row = await this.#store.find(id);
    if (!row?.source_key || row.status !== 'uploading') return false;
    await this.#blobs.putFile(row.source_key, file, 'application/octet-stream');
    return this.#db.transaction(async (tx) => {
      if (!(await new VideoStore(tx).markUploaded(id))) return false;
      await this.#queueProcessing(tx, id, row.author_id);
      return true;
    });
  }

  /** An upload that never completed: `failed` with a code its author sees. No-op once it left `uploading`. */
  async failUpload(id: string, code: string, message: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const store = new VideoStore(tx);
      if (!(await store.endUpload(id, 'failed', code, message))) return;
      const row = await store.find(id);
      const data: VideoFailedData = { video_id: id, author_id: row?.author_id ?? '', error_code: code };
      await this.#events.publish(createEvent(VideoEvents.failed, data), tx);
    });
  }

  /** Its author cancelled the upload: the video is `removed`, as if deleted. No-op once it left `uploading`. */
  async cancelUpload(id: string): Promise<void> {
    await this.#store.endUpload(id, 'removed', null, null);
  }

  /** A video as `viewerId` may see it: the author sees every state; others see only what is published. */
  async get(id: string, viewerId: string | null): Promise<VideoResponse> {
    const row = await this.#store.find(id);
    if (!row || !(await this.#canSee(row, viewerId))) throw notFound('VIDEO_NOT_FOUND', 'That video does not exist.');
    return this.#present([row], viewerId).then((videos) => videos[0] as VideoResponse);
  }

  /** Public videos, newest first, without those of private accounts and blocked ones for this viewer. */
  async listPublicReady(after: FeedPosition | null, limit: number, viewerId: string | null = null): Promise<VideoPage> {
    const page = await collectVisible({
      after,
      limit,
      fetch: (from, count) => this.#store.listPublicReady(from, count),
      visible: (rows) => this.#visibleIds(rows, viewerId),
      positionOf: (row) => ({ at: row.publish_at_exact ?? row.created_at_exact, id: row.id }),
    });
    return { videos: await this.#present(page.rows, viewerId), next: page.next };
  }

  async listByAuthor(
    username: string,
    viewerId: string | null,
    after: FeedPosition | null,
    limit: number,
  ): Promise<VideoPage> {
    const author = await this.#accounts.getUserByUsername(username);
    const own = author.id === viewerId;
    const audience = own ? undefined : (await this.#audience.audience(viewerId, [author.id])).get(author.id);
    if (audience?.blocked) throw forbidden('BLOCKED', 'You cannot see the videos of this account.');
    if (audience?.privateAccount) {
      throw forbidden('PRIVATE_ACCOUNT', 'This account is private: follow it to see its videos.');
    }
    const friend = audience?.friend ?? false;
    const rows = await this.#store.listByAuthor(author.id, own, after, limit + 1, friend);
    return this.#page(rows, limit, viewerId, (row) => ({ at: row.created_at_exact, id: row.id }));
  }

  async recordView(id: string, viewerId: string | null, report: ViewReport): Promise<void> {
    const row = await this.#store.find(id);
    if (row?.status !== 'ready' || !(await this.#canSee(row, viewerId))) {
      throw notFound('VIDEO_NOT_FOUND', 'That video does not exist.');
    }
    const data: ViewLoggedData = {
      video_id: id,
      user_id: viewerId,
      watch_time_ms: report.watch_time_ms,
      completion_rate: report.completion_rate,
      replay_count: report.replay_count,
      skipped: report.watch_time_ms < SKIP_THRESHOLD_MS && report.completion_rate < 1,
      source: report.source,
    };
    await this.#db.transaction(async (tx) => {
      await new VideoStore(tx).addView(id);
      await this.#events.publish(createEvent(VideoEvents.viewLogged, data), tx);
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
    const updated = await this.#db.transaction(async (tx) => {
      const next = await new VideoStore(tx).updateDetails(id, edits);
      if (!next) throw notFound('VIDEO_NOT_FOUND', 'That video does not exist.');
      const data: VideoUpdatedData = {
        video_id: id,
        author_id: next.author_id,
        caption: next.caption,
        hashtags: next.hashtags,
        visibility: next.visibility,
      };
      await this.#events.publish(createEvent(VideoEvents.updated, data), tx);
      return next;
    });
    return this.#present([updated], viewerId).then((videos) => videos[0] as VideoResponse);
  }

  /** Author only; afterwards nobody sees the video. */
  async remove(id: string, viewerId: string): Promise<void> {
    const row = await this.#ownVideo(id, viewerId);
    await this.#db.transaction(async (tx) => {
      if (!(await new VideoStore(tx).markRemoved(id))) throw notFound('VIDEO_NOT_FOUND', 'That video does not exist.');
      const data: VideoRemovedData = { video_id: id, author_id: row.author_id };
      await this.#events.publish(createEvent(VideoEvents.removed, data), tx);
    });
  }

  // ---- for the social modules ----

  /** The interactions module shows its counts on every video through this. */
  provideStats(stats: VideoStatsProvider): void {
    this.#stats = stats;
  }

  /** A video to act on; null when it does not exist or was removed. */
  async target(id: string, viewerId: string | null): Promise<VideoTarget | null> {
    const row = await this.#store.find(id);
    if (!row || row.status === 'removed') return null;
    const audience =
      row.author_id === viewerId
        ? undefined
        : (await this.#audience.audience(viewerId, [row.author_id])).get(row.author_id);
    return {
      id: row.id,
      author_id: row.author_id,
      available: row.status === 'ready' && this.#visibleTo(row, viewerId, audience),
      blockedByAuthor: audience?.blockedByAuthor ?? false,
      download: { allowed: row.allow_download, key: row.download_key },
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
    const page = await collectVisible({
      after,
      limit,
      fetch: (from, count) => this.#store.listByAuthors(authorIds, from, count),
      visible: (rows) => this.#visibleIds(rows, viewerId),
      positionOf: (row) => ({ at: row.publish_at_exact ?? row.created_at_exact, id: row.id }),
    });
    return { videos: await this.#present(page.rows, viewerId), next: page.next };
  }

  /** The videos of `ids` the viewer may see, in the order given. */
  async listByIds(ids: readonly string[], viewerId: string | null): Promise<VideoResponse[]> {
    const rows = await this.#store.findMany(ids);
    const visible = await this.#visibleIds(rows, viewerId);
    const byId = new Map(rows.filter((row) => visible.has(row.id)).map((row) => [row.id, row]));
    return this.#present(
      ids.flatMap((id) => byId.get(id) ?? []),
      viewerId,
    );
  }

  /** How many ready videos of the author the viewer may see: the count on a profile. */
  async countVisibleByAuthor(authorId: string, viewerId: string | null): Promise<number> {
    if (authorId === viewerId) return this.#store.countReadyByAuthor(authorId, null);
    const audience = (await this.#audience.audience(viewerId, [authorId])).get(authorId);
    if (!canSeeAccount(audience)) return 0;
    return this.#store.countReadyByAuthor(authorId, audience?.friend ? ['public', 'friends'] : ['public']);
  }

  // ---- for media serving ----

  /** Who may fetch the video's files (see MediaAudience); null when it does not exist or was removed. */
  async mediaAudience(id: string): Promise<MediaAudience | null> {
    const row = await this.#store.find(id);
    if (!row || row.status === 'removed') return null;
    return (await this.#openToVisitors([row])).has(id) ? 'open' : 'signed';
  }

  /** The URL to send a viewer to for a file of a video (the download redirect): signed unless the video is open. */
  async mediaLink(key: string): Promise<string> {
    const rendition = mediaRendition(key);
    const audience = rendition ? await this.mediaAudience(rendition.videoId) : 'open';
    return audience === 'open' ? mediaUrl(key) : this.#mediaSigner.signedUrl(key);
  }

  // ---- for the media pipeline ----

  async processingSource(id: string): Promise<{ sourceKey: string; status: VideoRow['status'] } | null> {
    const row = await this.#store.find(id);
    return row?.source_key ? { sourceKey: row.source_key, status: row.status } : null;
  }

  setProgress(id: string, percent: number): Promise<void> {
    return this.#store.setProgress(id, Math.max(0, Math.min(99, percent)));
  }

  async processingPlan(id: string): Promise<ProcessingPlan | null> {
    const row = await this.#store.find(id);
    if (!row?.source_key) return null;
    return {
      sourceKey: row.source_key,
      status: row.status,
      authorId: row.author_id,
      effects: row.effects,
      soundId: row.sound_id,
      allowDownload: row.allow_download,
      renditionId: row.rendition_id,
    };
  }

  /** Names the run that may finish the video (see completeProcessing); false when it is not processing. */
  beginRendition(id: string, renditionId: string): Promise<boolean> {
    return this.#store.beginRendition(id, renditionId);
  }

  /**
   * Ready with the run's files, VideoReady, and publication in the same transaction: VideoPublished now, or a
   * delayed job for a scheduled time. False when this run may not finish the video (another run took over, or
   * the video was removed): its files are then the caller's to delete.
   */
  async completeProcessing(id: string, rendition: Rendition): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const store = new VideoStore(tx);
      const ready = await store.markReady(id, rendition);
      if (!ready) return false;
      const row = await store.find(id);
      if (!row) return false;
      const publishAt = new Date(ready.publish_at);
      const data: VideoReadyData = {
        video_id: id,
        author_id: row.author_id,
        caption: row.caption,
        hashtags: row.hashtags,
        duration_ms: rendition.durationMs,
        publish_at: publishAt.toISOString(),
        sound_id: rendition.soundId,
      };
      await this.#events.publish(createEvent(VideoEvents.ready, data), tx);
      if (ready.publish_due) {
        await this.#publish(tx, row.author_id, id, publishAt);
      } else {
        await this.#jobs.enqueue<PublishVideoPayload>(
          PUBLISH_VIDEO_QUEUE,
          { video_id: id },
          { id: `publish-${id}-${publishAt.getTime()}`, delayMs: Math.max(0, publishAt.getTime() - Date.now()) },
          tx,
        );
      }
      return true;
    });
  }

  /** The scheduled time of a ready video has come: it becomes visible and VideoPublished is published, once. */
  async publishWhenDue(id: string): Promise<void> {
    const row = await this.#store.find(id);
    if (row?.status !== 'ready' || row.published_at || !row.publish_at) return;
    if (new Date(row.publish_at).getTime() > Date.now()) {
      throw new Error(`video ${id} is scheduled for ${new Date(row.publish_at).toISOString()}, not yet due`);
    }
    await this.#db.transaction((tx) => this.#publish(tx, row.author_id, id, new Date(row.publish_at as Date)));
  }

  async #publish(tx: SqlExecutor, authorId: string, id: string, publishAt: Date): Promise<void> {
    if (!(await new VideoStore(tx).markPublished(id))) return;
    const data: VideoPublishedData = { video_id: id, author_id: authorId, publish_at: publishAt.toISOString() };
    await this.#events.publish(createEvent(VideoEvents.published, data), tx);
  }

  /** What an upload chose, as stored on its row; a named sound must exist and be the uploader's to use. */
  async #uploadSettings(upload: UploadDetails): Promise<UploadSettings> {
    const soundId = upload.options?.soundId ?? null;
    if (soundId) await this.#requireSound(soundId, upload.authorId);
    return {
      allow_download: upload.options?.allowDownload ?? true,
      effects: upload.effects ?? {},
      sound_id: soundId,
      publish_at: upload.options?.publishAt ?? null,
    };
  }

  async #requireSound(soundId: string, uploaderId: string): Promise<void> {
    if (!this.#sounds) throw new Error('VideoService has no SoundService: uploads cannot name a sound');
    await this.#sounds.requireForReuse(soundId, uploaderId);
  }

  async failProcessing(id: string, code: string, message: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const store = new VideoStore(tx);
      if (!(await store.markFailed(id, code, message))) return;
      const row = await store.find(id);
      const data: VideoFailedData = { video_id: id, author_id: row?.author_id ?? '', error_code: code };
      await this.#events.publish(createEvent(VideoEvents.failed, data), tx);
    });
  }

  async #queueProcessing(tx: SqlExecutor, id: string, authorId: string): Promise<void> {
    const data: VideoUploadedData = { video_id: id, author_id: authorId };
    await this.#events.publish(createEvent(VideoEvents.uploaded, data), tx);
    await this.#jobs.enqueue<ProcessVideoPayload>(PROCESS_VIDEO_QUEUE, { video_id: id }, { id: `process-${id}` }, tx);
  }

  /** `audience`: what the social graph says about the viewer and the author (unused for the author). */
  #visibleTo(row: VideoRow, viewerId: string | null, audience: AuthorAudience | undefined): boolean {
    if (row.status === 'removed') return false;
    if (row.author_id === viewerId) return true;
    if (row.status !== 'ready' || !canSeeAccount(audience)) return false;
    // A scheduled video is ready before its time; until then only its author sees it.
    if (!row.publish_at || new Date(row.publish_at).getTime() > Date.now()) return false;
    return row.visibility === 'public' || (row.visibility === 'friends' && audience?.friend === true);
  }

  async #canSee(row: VideoRow, viewerId: string | null): Promise<boolean> {
    return (await this.#visibleIds([row], viewerId)).has(row.id);
  }

  async #visibleIds(rows: VideoRow[], viewerId: string | null): Promise<Set<string>> {
    const others = rows.filter((row) => row.author_id !== viewerId).map((row) => row.author_id);
    const audiences = others.length > 0 ? await this.#audience.audience(viewerId, others) : new Map();
    return new Set(
      rows.filter((row) => this.#visibleTo(row, viewerId, audiences.get(row.author_id))).map((row) => row.id),
    );
  }

  /** The author's own video: 404 when the viewer cannot see it at all, 403 when they see it but do not own it. */
  async #ownVideo(id: string, viewerId: string): Promise<VideoRow> {
    const row = await this.#store.find(id);
    if (!row || !(await this.#canSee(row, viewerId))) throw notFound('VIDEO_NOT_FOUND', 'That video does not exist.');
    if (row.author_id !== viewerId) throw forbidden('NOT_VIDEO_OWNER', 'Only the author can change this video.');
    return row;
  }

  async #page(
    rows: VideoRow[],
    limit: number,
    viewerId: string | null,
    positionOf: (row: VideoRow) => FeedPosition,
  ): Promise<VideoPage> {
    const pageRows = rows.slice(0, limit);
    const last = pageRows.at(-1);
    return {
      videos: await this.#present(pageRows, viewerId),
      next: rows.length > limit && last ? positionOf(last) : null,
    };
  }

  async #present(rows: VideoRow[], viewerId: string | null): Promise<VideoResponse[]> {
    const ids = rows.map((row) => row.id);
    const soundIds = rows.flatMap((row) => (row.sound_id ? [row.sound_id] : []));
    const [authors, social, soundTitles, open] = await Promise.all([
      this.#accounts.getUsers(rows.map((row) => row.author_id)),
      this.#stats && ids.length > 0 ? this.#stats.statsFor(ids, viewerId) : null,
      this.#sounds && soundIds.length > 0 ? this.#sounds.titles(soundIds) : null,
      this.#openToVisitors(rows),
    ]);
    const signedLink: MediaLink = (key) => this.#mediaSigner.signedUrl(key);
    return rows.map((row) =>
      toVideoResponse(
        row,
        authors.get(row.author_id),
        social?.get(row.id),
        row.sound_id ? soundTitles?.get(row.sound_id) : undefined,
        open.has(row.id) ? mediaUrl : signedLink,
      ),
    );
  }

  /** The videos a signed-out visitor may see: their media is served to anyone, unsigned. */
  #openToVisitors(rows: VideoRow[]): Promise<Set<string>> {
    return this.#visibleIds(
      rows.filter((row) => row.status === 'ready' && row.visibility === 'public'),
      null,
    );
  }
}
