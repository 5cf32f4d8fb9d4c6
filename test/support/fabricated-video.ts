import { randomUUID } from 'node:crypto';
import { collectHashtags } from '../../src/modules/videos/hashtags.ts';
import { VideoStore } from '../../src/modules/videos/store.ts';
import type { TestLooply } from './looply.ts';

/**
 * A `ready`, published video whose files were never made: the row goes uploading → processing → ready through the
 * service, as the pipeline would take it, without ffmpeg. For suites that need ids of real videos but never play
 * them (media URLs answer 404). Returns the video's id.
 */
export async function fabricatedReadyVideo(
  looply: Pick<TestLooply, 'services' | 'infra'>,
  authorId: string,
  caption = 'a clip',
): Promise<string> {
  const videos = looply.services.videoLifecycle;
  const id = randomUUID();
  await videos.beginUpload(id, { authorId, caption, hashtags: collectHashtags(undefined, caption) });
  await new VideoStore(looply.infra.db).markUploaded(id, ['uploading']);
  const renditionId = randomUUID();
  if (!(await videos.beginRendition(id, renditionId))) throw new Error(`video ${id} is not processing`);
  const dir = `videos/${id}/${renditionId}`;
  const done = await videos.completeProcessing(id, {
    renditionId,
    hlsKey: `${dir}/master.m3u8`,
    posterKey: `${dir}/poster.jpg`,
    previewKey: null,
    spriteVttKey: null,
    downloadKey: `${dir}/download.mp4`,
    soundId: null,
    durationMs: 15_000,
    width: 720,
    height: 1280,
  });
  if (!done) throw new Error(`video ${id} did not become ready`);
  return id;
}
