import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestLooply } from './looply.ts';

export interface CatalogueEntry {
  authorId: string;
  caption: string;
  hashtags: string[];
  durationMs?: number;
}

/**
 * Completes an uploaded video as the media pipeline would, with a made-up rendition (keys to files that do not
 * exist): it moves to `processing`, then `completeProcessing` marks it ready and publishes its real VideoReady and
 * VideoPublished events. Throws when it cannot move to `processing`; false when it could not be completed.
 */
export async function completeWithMadeUpRendition(
  videos: TestLooply['services']['videoLifecycle'],
  id: string,
  media: { soundId: string | null; durationMs: number; width: number; height: number },
): Promise<boolean> {
  const renditionId = randomUUID();
  if (!(await videos.beginRendition(id, renditionId))) throw new Error(`the test video ${id} is not processing`);
  return videos.completeProcessing(id, {
    renditionId,
    hlsKey: `videos/${id}/${renditionId}/hls/master.m3u8`,
    posterKey: `videos/${id}/${renditionId}/poster.jpg`,
    previewKey: null,
    spriteVttKey: null,
    downloadKey: null,
    ...media,
  });
}

/**
 * Ready videos in bulk for feed tests, without ffmpeg: each goes through the videos service as an upload would
 * (row + VideoUploaded + a processing job), then is completed with made-up renditions, which marks it ready and
 * publishes its real VideoReady and VideoPublished events. Run the instance with LOOPLY_ROLES=api so no worker
 * takes the processing jobs of these placeholder files.
 */
export async function publishReadyVideos(looply: TestLooply, entries: readonly CatalogueEntry[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'looply-catalogue-'));
  const source = join(dir, 'placeholder.mp4');
  await writeFile(source, 'not a real video: feed tests never play it');
  const ids: string[] = [];
  try {
    for (const entry of entries) {
      const durationMs = entry.durationMs ?? 15_000;
      const accepted = await looply.services.videoLifecycle.acceptUpload({
        authorId: entry.authorId,
        caption: entry.caption,
        hashtags: entry.hashtags,
        file: source,
        durationMs,
      });
      const id = accepted.video_id;
      const completed = await completeWithMadeUpRendition(looply.services.videoLifecycle, id, {
        soundId: null,
        durationMs,
        width: 1080,
        height: 1920,
      });
      if (!completed) throw new Error(`video ${id} could not be completed`);
      ids.push(id);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return ids;
}
