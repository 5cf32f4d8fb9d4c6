import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AV1_PRESET } from '../../config.ts';
import { type Effects, NO_EFFECTS, publishedDurationMs, textOverlayColumns } from './effects.ts';
import { runFfmpeg } from './ffmpeg-runner.ts';
import { wrapText } from './filter-text.ts';
import { finishHlsLadder, type HlsLadder } from './hls-playlists.ts';
import { chooseRungs } from './hls-rungs.ts';
import { MediaError } from './media-error.ts';
import { mediaPassArgs, PASS_FILES, type SpriteGeometry, spriteGeometry } from './media-pass-args.ts';
import type { MediaInfo } from './probe.ts';
import { formatDuration } from './validate-media.ts';

export interface MediaPassOptions {
  ffmpegPath: string;
  input: string;
  info: MediaInfo;
  /** Created if missing. On failure it may hold partial output; the caller removes it. */
  outDir: string;
  /** H.264 target short sides, e.g. [240, 480, 720, 1080]; see chooseRungs. */
  rungs: readonly number[];
  /** AV1 target short sides; empty or absent for none. The caller checks that the encoder exists. */
  av1Rungs?: readonly number[];
  av1Preset?: number;
  segmentSeconds?: number;
  /** x264 preset. */
  preset?: string;
  effects?: Effects;
  /** Replaces the source's audio, looped or cut to the video's length. */
  soundFile?: string | null;
  /** Writes the processed audio to `sound.m4a` too (ignored without an audio track or with `soundFile`). */
  extractSound?: boolean;
  /** Writes the poster, the animated preview and the scrub sprite's frames too. */
  thumbnails?: boolean;
  /** The ladder's directory inside outDir; default `hls`, '' for outDir itself. */
  hlsDir?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface MediaPassResult {
  /** Relative to outDir. */
  hlsDir: string;
  ladder: HlsLadder;
  /** Length of the published video, after trim and speed. */
  durationMs: number;
  /** Paths relative to outDir; null when not asked for. */
  poster: string | null;
  preview: string | null;
  sound: string | null;
  /** The scrub sprite's frames in time order (absolute paths), to be composed into one image. */
  spriteFrames: { files: string[]; geometry: SpriteGeometry } | null;
}

/** Below this share of the expected length, what decoded is a damaged file rather than rounding. */
const DECODED_ENOUGH = 0.8;

/**
 * One ffmpeg process for everything a video needs: it decodes the source once, applies the effects, and writes
 * the H.264 HLS ladder (MPEG-TS), the AV1 renditions (fMP4) when asked, the thumbnails and the original sound.
 */
export async function runMediaPass(options: MediaPassOptions): Promise<MediaPassResult> {
  const { ffmpegPath, input, info, outDir, signal, onProgress } = options;
  const effects = options.effects ?? NO_EFFECTS;
  const hlsDir = options.hlsDir ?? 'hls';
  const thumbnails = options.thumbnails ?? false;
  const soundFile = options.soundFile ?? null;
  const extractSound = (options.extractSound ?? false) && info.hasAudio && !soundFile;
  const durationMs = publishedDurationMs(info.durationMs, effects);
  if (durationMs <= 0) throw new MediaError('VIDEO_TOO_SHORT', 'Nothing is left of this video after trimming.');

  const h264 = chooseRungs(info, options.rungs);
  const av1 = options.av1Rungs?.length ? chooseRungs(info, options.av1Rungs) : [];
  await mkdir(join(outDir, hlsDir), { recursive: true });
  if (thumbnails) await mkdir(join(outDir, PASS_FILES.spriteFrames), { recursive: true });

  const textFile = effects.textOverlay ? join(outDir, 'overlay.txt') : null;
  if (textFile && effects.textOverlay) {
    await writeFile(textFile, wrapText(effects.textOverlay, textOverlayColumns(info)));
  }
  try {
    const args = mediaPassArgs({
      input,
      info,
      effects,
      soundFile,
      textFile,
      h264,
      av1,
      segmentSeconds: options.segmentSeconds ?? 2,
      x264Preset: options.preset ?? 'veryfast',
      av1Preset: options.av1Preset ?? AV1_PRESET,
      hlsDir,
      thumbnails,
      extractSound,
    });
    await runFfmpeg(ffmpegPath, args, { cwd: outDir, durationMs, signal, onProgress });
  } finally {
    if (textFile) await rm(textFile, { force: true });
  }

  const ladder = await finishHlsLadder(join(outDir, hlsDir), h264, av1);
  const decodedMs = ladder.durationSeconds * 1000;
  if (decodedMs < durationMs * DECODED_ENOUGH && durationMs - decodedMs > 1000) {
    throw new MediaError(
      'CORRUPT_MEDIA',
      `This video is damaged: only ${formatDuration(decodedMs)} of its ${formatDuration(durationMs)} could be read.`,
    );
  }

  let spriteFrames: MediaPassResult['spriteFrames'] = null;
  if (thumbnails) {
    if (!(await nonEmpty(join(outDir, PASS_FILES.poster)))) {
      throw new MediaError('CORRUPT_MEDIA', 'No picture could be decoded from this video.');
    }
    const dir = join(outDir, PASS_FILES.spriteFrames);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.jpg')).sort();
    spriteFrames = { files: files.map((name) => join(dir, name)), geometry: spriteGeometry(info, durationMs) };
  }
  return {
    hlsDir,
    ladder,
    durationMs,
    poster: thumbnails ? PASS_FILES.poster : null,
    preview: thumbnails && (await nonEmpty(join(outDir, PASS_FILES.preview))) ? PASS_FILES.preview : null,
    sound: extractSound && (await nonEmpty(join(outDir, PASS_FILES.sound))) ? PASS_FILES.sound : null,
    spriteFrames,
  };
}

async function nonEmpty(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && info.size > 0;
}
