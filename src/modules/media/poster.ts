import { rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runFfmpeg } from './ffmpeg-runner.ts';
import { fitShortSide } from './hls-rungs.ts';
import { MediaError } from './media-error.ts';
import type { MediaInfo } from './probe.ts';
import { safeInputArgs } from './safe-input.ts';

export interface ExtractPosterOptions {
  ffmpegPath: string;
  input: string;
  /** A `.jpg` path; overwritten if it exists. */
  outFile: string;
  info: MediaInfo;
  /** Default 720. */
  maxShortSide?: number;
  signal?: AbortSignal;
}

/** Writes one JPEG frame from ~1 s in (the middle of clips under 2 s); resolves with its size. */
export async function extractPoster(options: ExtractPosterOptions): Promise<{ width: number; height: number }> {
  const { ffmpegPath, input, outFile, info, maxShortSide = 720, signal } = options;
  const size = fitShortSide(info, maxShortSide);
  const at = Math.min(1, info.durationMs / 2000);
  await rm(outFile, { force: true });
  await grabFrame(ffmpegPath, input, outFile, size, at, signal);
  // A container that overstates its duration can leave nothing at the seek point; the first frame always exists.
  if (!(await nonEmpty(outFile)) && at > 0) await grabFrame(ffmpegPath, input, outFile, size, 0, signal);
  if (!(await nonEmpty(outFile))) throw new MediaError('CORRUPT_MEDIA', 'No picture could be decoded from this video.');
  return size;
}

function grabFrame(
  ffmpegPath: string,
  input: string,
  outFile: string,
  size: { width: number; height: number },
  atSeconds: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  return runFfmpeg(
    ffmpegPath,
    [
      ...['-ss', atSeconds.toFixed(3), ...safeInputArgs(input)],
      ...['-map', '0:v:0', '-frames:v', '1', '-vf', `scale=${size.width}:${size.height},setsar=1`],
      ...['-map_metadata', '-1', '-q:v', '3', '-f', 'image2', '-update', '1', `file:${resolve(outFile)}`],
    ],
    { signal },
  );
}

async function nonEmpty(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && info.size > 0;
}
