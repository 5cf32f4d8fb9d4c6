import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HLS_LADDER, HLS_SEGMENT_SECONDS } from '../../config.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Job } from '../../platform/stream/jobs.ts';
import type { VideoService } from '../videos/service.ts';
import { transcodeToHls } from './hls-ladder.ts';
import { MediaError } from './media-error.ts';
import { extractPoster } from './poster.ts';
import { probeMedia } from './probe.ts';
import type { ProcessVideoPayload } from './queues.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.vtt': 'text/vtt',
};

/** Codes that say the file itself is unusable: retrying cannot help, so the video fails at once. */
const REFUSED_MEDIA = new Set<string>(['NOT_A_VIDEO', 'CORRUPT_MEDIA']);

export interface ProcessVideoDeps {
  videos: VideoService;
  blobs: BlobStore;
  ffmpegPath: string;
  ffprobePath: string;
  x264Preset: string;
  maxAttempts: number;
  log: Logger;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/**
 * One job per upload: source → probe → one-pass HLS ladder + poster → blob store → ready (or failed with a code).
 * Output keys depend only on the video id, so a retried job overwrites its own files instead of adding copies.
 */
export function createProcessVideoHandler(deps: ProcessVideoDeps) {
  return async (job: Job<ProcessVideoPayload>): Promise<void> => {
    const videoId = job.payload.video_id;
    const log = deps.log.child({ videoId, jobId: job.id, attempt: job.attempt });
    const source = await deps.videos.processingSource(videoId);
    if (!source || source.status !== 'processing') {
      log.info({ status: source?.status }, 'video is not waiting for processing; job skipped');
      return;
    }
    const work = await mkdtemp(join(tmpdir(), 'looply-job-'));
    try {
      const input = join(work, 'source');
      await pipeline(await deps.blobs.read(source.sourceKey), createWriteStream(input));
      const info = await probeMedia(deps.ffprobePath, input);
      await deps.videos.setProgress(videoId, 2);

      let lastReported = 0;
      const hlsDir = join(work, 'hls');
      const ladder = await transcodeToHls({
        ffmpegPath: deps.ffmpegPath,
        input,
        outDir: hlsDir,
        info,
        rungs: [...HLS_LADDER],
        segmentSeconds: HLS_SEGMENT_SECONDS,
        preset: deps.x264Preset,
        onProgress: (fraction) => {
          const percent = Math.floor(5 + fraction * 85);
          if (percent - lastReported < 5) return;
          lastReported = percent;
          void deps.videos.setProgress(videoId, percent).catch(() => {});
          void job.heartbeat().catch(() => {});
        },
      });
      const posterFile = join(work, 'poster.jpg');
      await extractPoster({ ffmpegPath: deps.ffmpegPath, input, outFile: posterFile, info });
      await deps.videos.setProgress(videoId, 92);

      const prefix = `videos/${videoId}`;
      for await (const file of walk(hlsDir)) {
        const key = `${prefix}/hls/${relative(hlsDir, file).split('\\').join('/')}`;
        await deps.blobs.putFile(key, file, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
      }
      await deps.blobs.putFile(`${prefix}/poster.jpg`, posterFile, 'image/jpeg');

      const top = ladder.variants.reduce((best, variant) => (variant.height > best.height ? variant : best));
      await deps.videos.completeProcessing(videoId, {
        hlsKey: `${prefix}/hls/${ladder.masterPlaylist}`,
        posterKey: `${prefix}/poster.jpg`,
        durationMs: info.durationMs,
        width: top.width,
        height: top.height,
      });
      log.info({ durationMs: info.durationMs, variants: ladder.variants.length }, 'video ready');
    } catch (error) {
      if (error instanceof MediaError && REFUSED_MEDIA.has(error.code)) {
        log.warn({ code: error.code }, 'video refused by the pipeline');
        await deps.videos.failProcessing(videoId, error.code, error.message);
        return;
      }
      if (job.attempt >= deps.maxAttempts) {
        await deps.videos.failProcessing(
          videoId,
          'PROCESSING_FAILED',
          'We could not process this video. Please try uploading it again.',
        );
      }
      throw error;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
}
