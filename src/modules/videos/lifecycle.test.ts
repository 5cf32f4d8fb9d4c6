import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeWithMadeUpRendition } from '../../../test/support/catalogue.ts';
import { recordingEvents } from '../../../test/support/recording-events.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/services.ts';
import { createDirectoryBlobStore } from '../../platform/blob/directory-blob-store.ts';
import { createMemoryCache } from '../../platform/cache/memory-cache.ts';
import { createEmbeddedJobQueue } from '../../platform/stream/embedded-job-queue.ts';
import type { JobQueue } from '../../platform/stream/jobs.ts';
import { AccountService } from '../accounts/service.ts';
import { AccessTokens } from '../accounts/tokens.ts';
import { PROCESS_VIDEO_QUEUE } from '../media/queues.ts';
import { MediaUrlSigner } from '../media/signed-urls.ts';
import { SoundService } from '../sounds/service.ts';
import { VideoAccess } from './access.ts';
import { OPEN_AUDIENCE } from './audience.ts';
import { VideoEvents } from './events.ts';
import { VideoLifecycle } from './lifecycle.ts';
import { createPublishVideoHandler, PUBLISH_VIDEO_QUEUE } from './publishing.ts';
import { VideoStore } from './store.ts';
import { lifecycleState, nextState, statusesBefore } from './transitions.ts';

describe('the lifecycle transition table', () => {
  it('refuses to publish before ready, to finish processing after removal, and to leave removed at all', () => {
    expect(nextState('processing', 'published')).toBeNull();
    expect(nextState('uploading', 'published')).toBeNull();
    expect(nextState('removed', 'processed')).toBeNull();
    expect(nextState('failed', 'processed')).toBeNull();
    expect(nextState('published', 'published')).toBeNull();
    for (const step of ['uploaded', 'processed', 'processingFailed', 'published', 'removed'] as const) {
      expect(nextState('removed', step)).toBeNull();
    }
  });

  it('walks upload → processing → ready → published, and removes from any other state', () => {
    expect(nextState('uploading', 'uploaded')).toBe('processing');
    expect(nextState('processing', 'processed')).toBe('ready');
    expect(nextState('processing', 'processingFailed')).toBe('failed');
    expect(nextState('ready', 'published')).toBe('published');
    for (const state of ['uploading', 'processing', 'ready', 'published', 'failed'] as const) {
      expect(nextState(state, 'removed')).toBe('removed');
    }
    expect(statusesBefore('removed')).toEqual(['uploading', 'processing', 'ready', 'failed']);
    expect(lifecycleState({ status: 'ready', published_at: null })).toBe('ready');
    expect(lifecycleState({ status: 'ready', published_at: new Date() })).toBe('published');
  });
});

describe('VideoLifecycle', () => {
  let database: TestDatabase;
  let jobs: JobQueue;
  let dir: string;
  const cache = createMemoryCache();
  const events = recordingEvents();
  let lifecycle: VideoLifecycle;
  let source: string;
  const authorId = randomUUID();

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const { db } = database;
    dir = await mkdtemp(join(tmpdir(), 'looply-lifecycle-'));
    source = join(dir, 'source.mp4');
    await writeFile(source, 'the bytes of an upload');
    jobs = createEmbeddedJobQueue({ db });
    const accounts = new AccountService({
      db,
      accessTokens: new AccessTokens('k'.repeat(32), 900),
      refreshTtlSeconds: 3600,
      cache,
    });
    const access = new VideoAccess({ db, audience: OPEN_AUDIENCE, mediaSigner: new MediaUrlSigner('k'.repeat(32)) });
    const sounds = new SoundService({ db, events, accounts, videos: access });
    const blobs = createDirectoryBlobStore(join(dir, 'blobs'));
    lifecycle = new VideoLifecycle({ db, blobs, events, jobs, sounds });
  });
  afterAll(async () => {
    await jobs?.close();
    await database?.dispose();
    await cache.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A resumable upload whose bytes have arrived: processing, with its processing job queued. */
  async function uploaded(publishAt: Date | null = null): Promise<string> {
    const id = randomUUID();
    await lifecycle.beginUpload(id, { authorId, caption: 'a clip', hashtags: [], options: { publishAt } });
    expect(await lifecycle.acceptUploadedSource(id, source)).toBe(true);
    return id;
  }

  const media = { soundId: null, durationMs: 15_000, width: 720, height: 1280 };
  const files = { hlsKey: 'h.m3u8', posterKey: 'p.jpg', previewKey: null, spriteVttKey: null, downloadKey: null };
  const finish = (id: string) => completeWithMadeUpRendition(lifecycle, id, media);

  const typesOf = (id: string) =>
    events
      .take()
      .filter((event) => (event.data as { video_id: string }).video_id === id)
      .map((event) => event.type);

  it('refuses steps the table does not allow: no publication before ready, nothing after removal', async () => {
    const id = await uploaded();
    events.take();
    await lifecycle.publishWhenDue(id);
    const row = await new VideoStore(database.db).find(id);
    expect(row && lifecycleState(row)).toBe('processing');
    // A run that was processing when its author removed the video may not make it ready.
    const renditionId = randomUUID();
    expect(await lifecycle.beginRendition(id, renditionId)).toBe(true);
    expect(await lifecycle.remove(id, authorId)).toBe(true);
    expect(await lifecycle.completeProcessing(id, { renditionId, ...files, ...media })).toBe(false);
    await lifecycle.failProcessing(id, 'VIDEO_TOO_SHORT', 'too short');
    await lifecycle.failUpload(id, 'UPLOAD_EXPIRED', 'expired');
    expect(await lifecycle.acceptUploadedSource(id, source)).toBe(false);
    expect(await lifecycle.remove(id, authorId)).toBe(false);
    expect(typesOf(id)).toEqual([VideoEvents.removed.type]);
    expect((await new VideoStore(database.db).find(id))?.status).toBe('removed');
  });

  it('queues processing with the upload, and publishes an unscheduled video as it becomes ready', async () => {
    const id = await uploaded();
    expect(await finish(id)).toBe(true);
    const published = events.take().filter((event) => (event.data as { video_id: string }).video_id === id);
    expect(published.map((event) => [event.type, event.inTransaction])).toEqual([
      [VideoEvents.uploaded.type, true],
      [VideoEvents.ready.type, true],
      [VideoEvents.published.type, true],
    ]);
    expect(published[1]?.data).toMatchObject({ video_id: id, author_id: authorId, visibility: 'public' });
    const { rows } = await database.db.query<{ id: string }>('select id from jobs where queue = $1', [
      PROCESS_VIDEO_QUEUE,
    ]);
    expect(rows.map((row) => row.id)).toContain(`process-${id}`);
  });

  it('publishes a scheduled video by its delayed job at its time, not before', async () => {
    const publishAt = new Date(Date.now() + 1500);
    const id = await uploaded(publishAt);
    expect(await finish(id)).toBe(true);
    expect(typesOf(id)).toEqual([VideoEvents.uploaded.type, VideoEvents.ready.type]);
    await expect(lifecycle.publishWhenDue(id)).rejects.toThrow(/not yet due/);
    const worker = await jobs.process(PUBLISH_VIDEO_QUEUE, createPublishVideoHandler(lifecycle), {
      concurrency: 1,
      maxAttempts: 3,
      backoffMs: 100,
      leaseMs: 10_000,
    });
    try {
      const deadline = Date.now() + 10_000;
      let row = await new VideoStore(database.db).find(id);
      while (!row?.published_at && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await new VideoStore(database.db).find(id);
      }
      expect(row?.published_at?.getTime()).toBeGreaterThanOrEqual(publishAt.getTime() - 50);
      expect(typesOf(id)).toEqual([VideoEvents.published.type]);
    } finally {
      await worker.stop();
    }
  });

  it('stays idempotent when a step is retried after a crash: each event once', async () => {
    const id = randomUUID();
    await lifecycle.beginUpload(id, { authorId, caption: 'retried', hashtags: [] });
    expect(await lifecycle.acceptUploadedSource(id, source)).toBe(true);
    expect(await lifecycle.acceptUploadedSource(id, source)).toBe(false);
    await lifecycle.failUpload(id, 'UPLOAD_EXPIRED', 'expired');
    // The run's commit went through but its job was not acknowledged: the run repeats, then the job is redelivered.
    const renditionId = randomUUID();
    expect(await lifecycle.beginRendition(id, renditionId)).toBe(true);
    const rendition = { renditionId, ...files, ...media };
    expect(await lifecycle.completeProcessing(id, rendition)).toBe(true);
    expect(await lifecycle.completeProcessing(id, rendition)).toBe(false);
    expect(await lifecycle.beginRendition(id, randomUUID())).toBe(false);
    await lifecycle.publishWhenDue(id);
    await lifecycle.failProcessing(id, 'VIDEO_TOO_SHORT', 'too short');
    expect(typesOf(id)).toEqual([VideoEvents.uploaded.type, VideoEvents.ready.type, VideoEvents.published.type]);
    const row = await new VideoStore(database.db).find(id);
    expect(row && lifecycleState(row)).toBe('published');
  });
});
