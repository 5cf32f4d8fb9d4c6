import { randomUUID } from 'node:crypto';
import { FileStore } from '@tus/file-store';
import { ERRORS, Upload } from '@tus/server';
import type { Database } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { UploadDetails, VideoLifecycle } from '../videos/lifecycle.ts';
import { type UploadRow, UploadStore } from './store.ts';

/** Where the tus endpoints live; an upload's address is `<origin>/v1/uploads/<id>`. */
export const UPLOADS_PATH = '/v1/uploads';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE = 200;
/** For the estimate only: a typical phone clip carries about 1 MB per second of video; uploads are at most 10 min. */
const ESTIMATED_BYTES_PER_SECOND = 1_000_000;
const LONGEST_VIDEO_SECONDS = 600;

export interface NewResumableUpload extends UploadDetails {
  size: number;
  filename?: string | undefined;
  /** `https://host` the client reached us at; the upload URL is built on it. */
  origin: string;
}

export interface ResumableUploadStarted {
  video_id: string;
  status: 'uploading';
  upload_url: string;
  upload_expires_at: string;
  estimated_processing_time_seconds: number;
}

export interface SweepReport {
  completed: number;
  expired: number;
  /** Tus uploads without a row of ours (a crash during creation) that tus' own expiry removed. */
  orphansRemoved: number;
  failures: Array<{ uploadId: string | null; error: unknown }>;
}

export function isUploadId(id: string): boolean {
  return UUID.test(id);
}

/** The steps of the videos' lifecycle a resumable upload drives. */
export type UploadedVideos = Pick<
  VideoLifecycle,
  'beginUpload' | 'acceptUploadedSource' | 'failUpload' | 'cancelUpload'
>;

/**
 * Resumable (tus) uploads: each one fills one video. The bytes sit in a tus FileStore until the last one arrives;
 * then the file is handed to the videos module, which stores it and queues processing. Our table says who owns an
 * upload and whether it is still open, so ownership checks and expiry work the same on every api node.
 */
export class ResumableUploads {
  /** The tus data store the HTTP layer's tus server writes into. */
  readonly datastore: FileStore;
  readonly #store: UploadStore;
  readonly #videos: UploadedVideos;
  readonly #expiryMs: number;
  readonly #maxBytes: number;
  readonly #completing = new Map<string, Promise<boolean>>();

  constructor(deps: { db: Database; videos: UploadedVideos; directory: string; expiryMs: number; maxBytes: number }) {
    this.datastore = new FileStore({ directory: deps.directory, expirationPeriodInMilliseconds: deps.expiryMs });
    // What tus clients are told: uploads are created by POST /v1/videos only, always with their length.
    this.datastore.extensions = ['termination', 'expiration'];
    this.#store = new UploadStore(deps.db);
    this.#videos = deps.videos;
    this.#expiryMs = deps.expiryMs;
    this.#maxBytes = deps.maxBytes;
  }

  get maxBytes(): number {
    return this.#maxBytes;
  }

  /** Creates the video (status `uploading`) and an empty tus upload of `size` bytes the client then PATCHes. */
  async begin(upload: NewResumableUpload): Promise<ResumableUploadStarted> {
    if (upload.size > this.#maxBytes) {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `A video can be at most ${this.#maxBytes} bytes.`);
    }
    const id = randomUUID();
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + this.#expiryMs);
    const metadata: Record<string, string> = { video_id: id, owner_id: upload.authorId };
    if (upload.filename) metadata.filename = upload.filename;
    // Tus file, then our row, then the video: a crash in between leaves only what expiry cleans up.
    await this.datastore.create(
      new Upload({ id, size: upload.size, offset: 0, metadata, creation_date: createdAt.toISOString() }),
    );
    await this.#store.insert({ id, owner_id: upload.authorId, size: upload.size, expires_at: expiresAt });
    const { size, filename, origin, ...details } = upload;
    try {
      await this.#videos.beginUpload(id, details);
    } catch (error) {
      // Refused (say, an unknown sound): nothing is left waiting for bytes that will never come.
      await this.#store.end(id, 'cancelled');
      await this.discard(id);
      throw error;
    }
    const seconds = Math.min(upload.size / ESTIMATED_BYTES_PER_SECOND, LONGEST_VIDEO_SECONDS);
    return {
      video_id: id,
      status: 'uploading',
      upload_url: `${upload.origin}${UPLOADS_PATH}/${id}`,
      upload_expires_at: expiresAt.toISOString(),
      estimated_processing_time_seconds: Math.ceil(5 + seconds * 1.5),
    };
  }

  /** The upload `userId` may write to: 404 for an unknown id, 403 for someone else's. */
  async authorize(id: string, userId: string): Promise<UploadRow> {
    const row = isUploadId(id) ? await this.#store.find(id) : null;
    if (!row) throw notFound('UPLOAD_NOT_FOUND', 'There is no upload at this address.');
    if (row.owner_id !== userId) throw forbidden('NOT_YOUR_UPLOAD', 'This upload belongs to someone else.');
    return row;
  }

  /**
   * Hands a fully received upload to the videos module and removes the tus file. True once the upload is finished.
   * Safe to repeat: the last PATCH, a HEAD and the sweep may all ask, before or after a crash.
   */
  completeIfFinished(id: string): Promise<boolean> {
    let running = this.#completing.get(id);
    if (!running) {
      running = this.#complete(id).finally(() => this.#completing.delete(id));
      this.#completing.set(id, running);
    }
    return running;
  }

  /** Its owner gave up: the video is removed and the upload refused from now on; the tus file goes next. */
  async cancel(id: string): Promise<void> {
    // The video first: after a crash between the two, the upload is still open and a retried DELETE ends it.
    await this.#videos.cancelUpload(id);
    await this.#store.end(id, 'cancelled');
  }

  /** Removes the bytes of an upload that ended; nothing to do when they are gone already. */
  async discard(id: string): Promise<void> {
    try {
      await this.datastore.remove(id);
    } catch (error) {
      if (error !== ERRORS.FILE_NOT_FOUND) throw error;
      // The data file was gone; its info file may be left from a crash between the two deletions.
      await this.datastore.configstore.delete(id).catch(() => {});
    }
  }

  /**
   * Completes uploads whose last bytes arrived but whose completion was lost (a crash, a failed hand-over), expires
   * the ones past their time (video `failed` with UPLOAD_EXPIRED), and lets tus remove orphaned files.
   */
  async sweep(now = new Date()): Promise<SweepReport> {
    const report: SweepReport = { completed: 0, expired: 0, orphansRemoved: 0, failures: [] };
    let after: string | null = null;
    for (;;) {
      const rows = await this.#store.listOpen(after, PAGE);
      for (const row of rows) {
        try {
          if (await this.completeIfFinished(row.id)) report.completed += 1;
          else if (row.expires_at <= now) {
            await this.#expire(row.id);
            report.expired += 1;
          }
        } catch (error) {
          report.failures.push({ uploadId: row.id, error });
        }
      }
      if (rows.length < PAGE) break;
      after = rows.at(-1)?.id ?? null;
    }
    try {
      report.orphansRemoved = await this.datastore.deleteExpired();
    } catch (error) {
      report.failures.push({ uploadId: null, error });
    }
    return report;
  }

  async #complete(id: string): Promise<boolean> {
    const row = await this.#store.find(id);
    if (row?.state === 'finished') return true;
    if (row?.state !== 'open') return false;
    const received = await this.#received(id);
    if (!received?.storage?.path || received.offset !== row.size) return false;
    await this.#videos.acceptUploadedSource(id, received.storage.path);
    await this.#store.end(id, 'finished');
    await this.discard(id);
    return true;
  }

  async #expire(id: string): Promise<void> {
    await this.#videos.failUpload(
      id,
      'UPLOAD_EXPIRED',
      'The upload was not finished in time, so it was deleted. Please upload the video again.',
    );
    await this.#store.end(id, 'expired');
    await this.discard(id);
  }

  /** The tus upload as stored, or null when its file is gone. */
  async #received(id: string): Promise<Upload | null> {
    try {
      return await this.datastore.getUpload(id);
    } catch (error) {
      if (error === ERRORS.FILE_NOT_FOUND || error === ERRORS.FILE_NO_LONGER_EXISTS) return null;
      throw error;
    }
  }
}
