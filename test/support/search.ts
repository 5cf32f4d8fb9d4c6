import { randomUUID } from 'node:crypto';
import { VideoStore } from '../../src/modules/videos/store.ts';
import { completeWithMadeUpRendition } from './catalogue.ts';
import type { TestLooply } from './looply.ts';

/**
 * A ready, published video made through the videos service without transcoding: the row, then the same
 * `completeProcessing` the media pipeline calls, so the real VideoReady and VideoPublished events are published.
 * Only the move to `processing` goes through the store, to skip the processing job (no ffmpeg).
 */
export async function publishedVideo(
  looply: Pick<TestLooply, 'services' | 'infra'>,
  authorId: string,
  details: { caption?: string; hashtags?: string[]; soundId?: string | null } = {},
): Promise<string> {
  const videos = looply.services.videoLifecycle;
  const id = randomUUID();
  await videos.beginUpload(id, { authorId, caption: details.caption ?? '', hashtags: details.hashtags ?? [] });
  if (!(await new VideoStore(looply.infra.db).markUploaded(id, ['uploading'])))
    throw new Error('the test video is not uploading');
  const ready = await completeWithMadeUpRendition(videos, id, {
    soundId: details.soundId ?? null,
    durationMs: 2000,
    width: 160,
    height: 284,
  });
  if (!ready) throw new Error('the test video did not become ready');
  return id;
}

/** Polls `check` until it passes (the index follows events within about a second) or `timeoutMs` passes. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
