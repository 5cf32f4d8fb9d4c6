import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Database, SqlExecutor } from '../../platform/db/database.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { JobQueue } from '../../platform/stream/jobs.ts';
import type { Effects } from '../media/effects.ts';
import { PROCESS_VIDEO_QUEUE, type ProcessVideoPayload } from '../media/queues.ts';
import {
  VideoEvents,
  type VideoFailedData,
  type VideoPublishedData,
  type VideoReadyData,
  type VideoRemovedData,
  type VideoUploadedData,
} from './events.ts';
import { PUBLISH_VIDEO_QUEUE, type PublishVideoPayload } from './publishing.ts';
import type { UploadAcceptedSchema } from './schemas.ts';
import { type Rendition, type UploadSettings, type VideoRow, VideoStore } from './store.ts';
import { lifecycleState, nextState, statusesBefore } from './transitions.ts';
import type { UploadOptions } from './upload-options.ts';

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

export type UploadAccepted = Static<typeof UploadAcceptedSchema>;

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

/** What the lifecycle needs from the sounds module: whether an uploader may use a sound they named. */
export interface SoundReuse {
  /** Throws 400 SOUND_NOT_FOUND when there is no such sound the uploader may use. */
  requireForReuse(soundId: string, uploaderId: string): Promise<void>;
}

export interface VideoLifecycleDeps {
  db: Database;
  blobs: BlobStore;
  events: EventStream;
  jobs: JobQueue;
  sounds: SoundReuse;
}

/**
 * A video's life as one state machine (the table in transitions.ts): upload accepted → processing → ready | failed;
 * ready → published, now or by a delayed job at its scheduled time; any → removed. Each step is a conditional update
 * guarded by the table, with its event and the job it starts in the same transaction, so a retried or racing step
 * happens once.
 */
export class VideoLifecycle {
  readonly #deps: VideoLifecycleDeps;
  readonly #store: VideoStore;

  constructor(deps: VideoLifecycleDeps) {
    this.#deps = deps;
    this.#store = new VideoStore(deps.db);
  }

  /** Stores the source and queues processing in one transaction with the row and its VideoUploaded event. */
  async acceptUpload(upload: NewUpload): Promise<UploadAccepted> {
    const id = randomUUID();
    const sourceKey = `uploads/${id}/source`;
    const settings = await this.#uploadSettings(upload);
    await this.#deps.blobs.putFile(sourceKey, upload.file, 'application/octet-stream');
    await this.#deps.db.transaction(async (tx) => {
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

  // ---- resumable uploads: the row exists while the bytes arrive ----

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
    if (!row?.source_key || nextState(lifecycleState(row), 'uploaded') === null) return false;
    await this.#deps.blobs.putFile(row.source_key, file, 'application/octet-stream');
    return this.#deps.db.transaction(async (tx) => {
      if (!(await new VideoStore(tx).markUploaded(id, statusesBefore('uploaded')))) return false;
      await this.#queueProcessing(tx, id, row.author_id);
      return true;
    });
  }

  /** An upload that never completed: `failed` with a code its author sees. No-op once it left `uploading`. */
  failUpload(id: string, code: string, message: string): Promise<void> {
    return this.#fail(id, code, message, statusesBefore('uploadFailed'));
  }

  /** Its author cancelled the upload: the video is `removed`, as if deleted. No-op once it left `uploading`. */
  async cancelUpload(id: string): Promise<void> {
    await this.#store.markRemoved(id, statusesBefore('uploadCancelled'));
  }

  // ---- processing (the media worker) ----

  async processingSource(id: string): Promise<{ sourceKey: string; status: VideoRow['status'] } | null> {
    const row = await this.#store.find(id);
    return row?.source_key ? { sourceKey: row.source_key, status: row.status } : null;
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

  setProgress(id: string, percent: number): Promise<void> {
    return this.#store.setProgress(id, Math.max(0, Math.min(99, percent)));
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
    return this.#deps.db.transaction(async (tx) => {
      const store = new VideoStore(tx);
      const ready = await store.markReady(id, rendition, statusesBefore('processed'));
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
        visibility: row.visibility,
      };
      await this.#deps.events.publish(createEvent(VideoEvents.ready, data), tx);
      if (ready.publish_due) {
        await this.#publish(tx, row.author_id, id, publishAt);
      } else {
        await this.#deps.jobs.enqueue<PublishVideoPayload>(
          PUBLISH_VIDEO_QUEUE,
          { video_id: id },
          { id: `publish-${id}-${publishAt.getTime()}`, delayMs: Math.max(0, publishAt.getTime() - Date.now()) },
          tx,
        );
      }
      return true;
    });
  }

  failProcessing(id: string, code: string, message: string): Promise<void> {
    return this.#fail(id, code, message, statusesBefore('processingFailed'));
  }

  // ---- publication and removal ----

  /** The scheduled time of a ready video has come: it becomes visible and VideoPublished is published, once. */
  async publishWhenDue(id: string): Promise<void> {
    const row = await this.#store.find(id);
    if (!row?.publish_at || nextState(lifecycleState(row), 'published') === null) return;
    const publishAt = new Date(row.publish_at);
    if (publishAt.getTime() > Date.now()) {
      throw new Error(`video ${id} is scheduled for ${publishAt.toISOString()}, not yet due`);
    }
    await this.#deps.db.transaction((tx) => this.#publish(tx, row.author_id, id, publishAt));
  }

  /** Nobody sees the video any more, with VideoRemoved; false when it was already removed. */
  async remove(id: string, authorId: string): Promise<boolean> {
    return this.#deps.db.transaction(async (tx) => {
      if (!(await new VideoStore(tx).markRemoved(id, statusesBefore('removed')))) return false;
      const data: VideoRemovedData = { video_id: id, author_id: authorId };
      await this.#deps.events.publish(createEvent(VideoEvents.removed, data), tx);
      return true;
    });
  }

  async #publish(tx: SqlExecutor, authorId: string, id: string, publishAt: Date): Promise<void> {
    if (!(await new VideoStore(tx).markPublished(id, statusesBefore('published')))) return;
    const data: VideoPublishedData = { video_id: id, author_id: authorId, publish_at: publishAt.toISOString() };
    await this.#deps.events.publish(createEvent(VideoEvents.published, data), tx);
  }

  async #fail(id: string, code: string, message: string, from: VideoRow['status'][]): Promise<void> {
    await this.#deps.db.transaction(async (tx) => {
      const store = new VideoStore(tx);
      if (!(await store.markFailed(id, code, message, from))) return;
      const row = await store.find(id);
      const data: VideoFailedData = { video_id: id, author_id: row?.author_id ?? '', error_code: code };
      await this.#deps.events.publish(createEvent(VideoEvents.failed, data), tx);
    });
  }

  async #queueProcessing(tx: SqlExecutor, id: string, authorId: string): Promise<void> {
    const data: VideoUploadedData = { video_id: id, author_id: authorId };
    await this.#deps.events.publish(createEvent(VideoEvents.uploaded, data), tx);
    await this.#deps.jobs.enqueue<ProcessVideoPayload>(
      PROCESS_VIDEO_QUEUE,
      { video_id: id },
      { id: `process-${id}` },
      tx,
    );
  }

  /** What an upload chose, as stored on its row; a named sound must exist and be the uploader's to use. */
  async #uploadSettings(upload: UploadDetails): Promise<UploadSettings> {
    const soundId = upload.options?.soundId ?? null;
    if (soundId) await this.#deps.sounds.requireForReuse(soundId, upload.authorId);
    return {
      allow_download: upload.options?.allowDownload ?? true,
      effects: upload.effects ?? {},
      sound_id: soundId,
      publish_at: upload.options?.publishAt ?? null,
    };
  }
}
