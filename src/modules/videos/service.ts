import { randomUUID } from 'node:crypto';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Database } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { JobQueue } from '../../platform/stream/jobs.ts';
import type { AccountService } from '../accounts/service.ts';
import { PROCESS_VIDEO_QUEUE, type ProcessVideoPayload } from '../media/queues.ts';
import {
  VideoEvents,
  type VideoFailedData,
  type VideoReadyData,
  type VideoUploadedData,
  type ViewLoggedData,
} from './events.ts';
import { toVideoResponse, type VideoResponse } from './presenter.ts';
import { type FeedPosition, type Rendition, type VideoRow, VideoStore } from './store.ts';

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
}

export interface UploadAccepted {
  video_id: string;
  status: 'processing';
  upload_url: string | null;
  estimated_processing_time_seconds: number;
}

export interface ViewReport {
  watch_time_ms: number;
  completion_rate: number;
  replay_count: number;
  source: string;
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

  constructor(deps: {
    db: Database;
    blobs: BlobStore;
    events: EventStream;
    jobs: JobQueue;
    accounts: AccountService;
  }) {
    this.#db = deps.db;
    this.#store = new VideoStore(deps.db);
    this.#blobs = deps.blobs;
    this.#events = deps.events;
    this.#jobs = deps.jobs;
    this.#accounts = deps.accounts;
  }

  /** Stores the source and queues processing in one transaction with the row and its VideoUploaded event. */
  async acceptUpload(upload: NewUpload): Promise<UploadAccepted> {
    const id = randomUUID();
    const sourceKey = `uploads/${id}/source`;
    await this.#blobs.putFile(sourceKey, upload.file, 'application/octet-stream');
    await this.#db.transaction(async (tx) => {
      await new VideoStore(tx).insert({
        id,
        author_id: upload.authorId,
        caption: upload.caption,
        hashtags: upload.hashtags,
        source_key: sourceKey,
        status: 'processing',
      });
      const data: VideoUploadedData = { video_id: id, author_id: upload.authorId };
      await this.#events.publish(createEvent(VideoEvents.uploaded, data), tx);
      await this.#jobs.enqueue<ProcessVideoPayload>(PROCESS_VIDEO_QUEUE, { video_id: id }, { id: `process-${id}` }, tx);
    });
    return {
      video_id: id,
      status: 'processing',
      upload_url: null,
      estimated_processing_time_seconds: Math.ceil(5 + (upload.durationMs / 1000) * 1.5),
    };
  }

  /** A video as `viewerId` may see it: the author sees every state; others see only what is published. */
  async get(id: string, viewerId: string | null): Promise<VideoResponse> {
    const row = await this.#store.find(id);
    if (!row || !this.#visibleTo(row, viewerId)) throw notFound('VIDEO_NOT_FOUND', 'That video does not exist.');
    return this.#present([row]).then((videos) => videos[0] as VideoResponse);
  }

  async listPublicReady(after: FeedPosition | null, limit: number): Promise<VideoPage> {
    const rows = await this.#store.listPublicReady(after, limit + 1);
    return this.#page(rows, limit, (row) => ({ at: row.ready_at_exact ?? row.created_at_exact, id: row.id }));
  }

  async listByAuthor(
    username: string,
    viewerId: string | null,
    after: FeedPosition | null,
    limit: number,
  ): Promise<VideoPage> {
    const author = await this.#accounts.getUserByUsername(username);
    const rows = await this.#store.listByAuthor(author.id, author.id === viewerId, after, limit + 1);
    return this.#page(rows, limit, (row) => ({ at: row.created_at_exact, id: row.id }));
  }

  async recordView(id: string, viewerId: string | null, report: ViewReport): Promise<void> {
    const row = await this.#store.find(id);
    if (!row || row.status !== 'ready' || !this.#visibleTo(row, viewerId)) {
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

  // ---- for the media pipeline ----

  async processingSource(id: string): Promise<{ sourceKey: string; status: VideoRow['status'] } | null> {
    const row = await this.#store.find(id);
    return row?.source_key ? { sourceKey: row.source_key, status: row.status } : null;
  }

  setProgress(id: string, percent: number): Promise<void> {
    return this.#store.setProgress(id, Math.max(0, Math.min(99, percent)));
  }

  async completeProcessing(id: string, rendition: Rendition): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const store = new VideoStore(tx);
      if (!(await store.markReady(id, rendition))) return;
      const row = await store.find(id);
      if (!row) return;
      const data: VideoReadyData = {
        video_id: id,
        author_id: row.author_id,
        caption: row.caption,
        hashtags: row.hashtags,
        duration_ms: rendition.durationMs,
      };
      await this.#events.publish(createEvent(VideoEvents.ready, data), tx);
    });
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

  #visibleTo(row: VideoRow, viewerId: string | null): boolean {
    if (row.status === 'removed') return false;
    if (row.author_id === viewerId) return true;
    return row.status === 'ready' && row.visibility === 'public';
  }

  async #page(rows: VideoRow[], limit: number, positionOf: (row: VideoRow) => FeedPosition): Promise<VideoPage> {
    const pageRows = rows.slice(0, limit);
    const last = pageRows.at(-1);
    return {
      videos: await this.#present(pageRows),
      next: rows.length > limit && last ? positionOf(last) : null,
    };
  }

  async #present(rows: VideoRow[]): Promise<VideoResponse[]> {
    const authors = await this.#accounts.getUsers(rows.map((row) => row.author_id));
    return rows.map((row) => toVideoResponse(row, authors.get(row.author_id)));
  }
}
