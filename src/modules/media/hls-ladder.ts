import type { HlsLadder } from './hls-playlists.ts';
import { runMediaPass } from './media-pass.ts';
import type { MediaInfo } from './probe.ts';

export type { HlsLadder, HlsVariant } from './hls-playlists.ts';

export interface TranscodeToHlsOptions {
  ffmpegPath: string;
  input: string;
  /** Created if missing. On failure it may hold partial output; the caller removes it. */
  outDir: string;
  info: MediaInfo;
  /** Target short sides, e.g. [240, 480, 720, 1080]; see chooseRungs. */
  rungs: readonly number[];
  segmentSeconds?: number;
  /** x264 preset. */
  preset?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * One ffmpeg decodes the source once, splits it into every rung and writes an H.264 + AAC MPEG-TS HLS ladder
 * to `outDir`: `master.m3u8` and `v<i>/index.m3u8` with `v<i>/seg_00001.ts`…, keyframes on every segment
 * boundary. A source without sound gets a silent AAC track, so every variant has the same tracks.
 * The ladder alone; the processing job runs the same pass with thumbnails, AV1 and effects (runMediaPass).
 */
export async function transcodeToHls(options: TranscodeToHlsOptions): Promise<HlsLadder> {
  const { ladder } = await runMediaPass({ ...options, hlsDir: '' });
  return ladder;
}
