import { PREVIEW, SCRUB_SPRITE } from '../../config.ts';
import {
  audioEffectFilters,
  type Effects,
  lookFilters,
  publishedDurationMs,
  speedFilters,
  trimInputArgs,
} from './effects.ts';
import { fitShortSide, type Rung } from './hls-rungs.ts';
import type { MediaInfo } from './probe.ts';
import { safeInputArgs } from './safe-input.ts';

/** Names of what one pass writes, relative to the directory ffmpeg runs in. */
export const PASS_FILES = {
  poster: 'poster.jpg',
  preview: 'preview.webp',
  spriteFrames: 'sprite-frames',
  sound: 'sound.m4a',
  av1Dir: 'av1',
} as const;

export interface PassPlan {
  input: string;
  info: MediaInfo;
  effects: Effects;
  /** Replaces the source's audio, looped or cut to the video's length; null keeps the source's own. */
  soundFile: string | null;
  /** The overlay text, already wrapped, in a file we wrote; null without an overlay. */
  textFile: string | null;
  h264: readonly Rung[];
  /** Empty: no AV1 renditions. */
  av1: readonly Rung[];
  segmentSeconds: number;
  x264Preset: string;
  av1Preset: number;
  /** Where the ladder goes, relative to the working directory; '' for its root. */
  hlsDir: string;
  /** Writes the poster, the animated preview and the scrub sprite's frames too. */
  thumbnails: boolean;
  /** Writes the processed audio to `sound.m4a` too (it becomes an original sound). */
  extractSound: boolean;
}

/** Source frame rates above this (or unknown) are resampled to 30 fps. */
const MAX_FPS = 60;
const CRF = '23';
const AV1_CRF = '35';
const POSTER_SHORT_SIDE = 720;

export interface SpriteGeometry {
  intervalSeconds: number;
  tileWidth: number;
  tileHeight: number;
}

/** A frame every `intervalSeconds` (stretched for long videos so there are at most `maxFrames`), small tiles. */
export function spriteGeometry(info: Pick<MediaInfo, 'width' | 'height'>, durationMs: number): SpriteGeometry {
  const intervalSeconds = Math.max(SCRUB_SPRITE.intervalSeconds, Math.ceil(durationMs / 1000 / SCRUB_SPRITE.maxFrames));
  const tile = fitShortSide(info, SCRUB_SPRITE.tileShortSide);
  return { intervalSeconds, tileWidth: tile.width, tileHeight: tile.height };
}

/**
 * The arguments of the one ffmpeg that makes everything a video needs: it decodes the source once, applies the
 * effects once, and splits the picture into every H.264 rung, every AV1 rung and the thumbnails, and the sound
 * into every rung's audio and the original-sound file. Every value in the graph is a number or a name we chose.
 */
export function mediaPassArgs(plan: PassPlan): string[] {
  const { info, effects } = plan;
  const durationMs = publishedDurationMs(info.durationMs, effects);
  const seconds = (durationMs / 1000).toFixed(3);
  const fps = info.fps > 0 && info.fps <= MAX_FPS ? info.fps : 30;
  const resample = fps !== info.fps || effects.speed !== 1 ? [`fps=${fps}`] : [];
  // Older builds (the 2018 one the npm package ships) let `setpts` keep the source's end time, and `fps` pads a
  // sped-up picture with copies of its last frame up to it: cutting at the published length ends it on time.
  const endOnTime = effects.speed !== 1 ? [`trim=duration=${seconds}`] : [];
  const gop = String(Math.max(1, Math.round(fps * plan.segmentSeconds)));

  const args = [...trimInputArgs(effects, info.durationMs), ...safeInputArgs(plan.input)];
  let audioSource = '[0:a:0]';
  let audioFilters = audioEffectFilters(effects);
  if (plan.soundFile) {
    args.push('-stream_loop', '-1', '-t', seconds, ...safeInputArgs(plan.soundFile));
    audioSource = '[1:a:0]';
    audioFilters = [];
  } else if (!info.hasAudio) {
    // Every variant carries the same tracks, so a silent source gets a silent AAC track.
    args.push('-f', 'lavfi', '-t', seconds, '-i', 'anullsrc=channel_layout=stereo:sample_rate=48000');
    audioSource = '[1:a:0]';
    audioFilters = [];
  }

  const videoOuts: string[] = [];
  const branches: string[] = [];
  const branch = (label: string, filters: string) => {
    const input = `[p${videoOuts.length}]`;
    videoOuts.push(input);
    branches.push(`${input}${filters}[${label}]`);
  };
  for (const [i, rung] of plan.h264.entries()) branch(`v${i}`, `scale=${rung.width}:${rung.height},setsar=1`);
  for (const [i, rung] of plan.av1.entries()) branch(`x${i}`, `scale=${rung.width}:${rung.height},setsar=1`);
  const sprite = spriteGeometry(info, durationMs);
  if (plan.thumbnails) {
    const previewWidth = Math.min(PREVIEW.width, Math.floor(info.width / 2) * 2);
    branch(
      'preview',
      `trim=duration=${PREVIEW.seconds},setpts=PTS-STARTPTS,fps=${PREVIEW.fps},scale=${previewWidth}:-2,setsar=1`,
    );
    branch('sprite', `fps=1/${sprite.intervalSeconds},scale=${sprite.tileWidth}:${sprite.tileHeight},setsar=1`);
    const poster = fitShortSide(info, POSTER_SHORT_SIDE);
    const posterAt = Math.min(1, durationMs / 2000).toFixed(3);
    branch('poster', `trim=start=${posterAt},setpts=PTS-STARTPTS,scale=${poster.width}:${poster.height},setsar=1`);
  }
  const look = lookFilters(effects, info, plan.textFile);
  const picture = [...speedFilters(effects), ...resample, ...endOnTime, 'format=yuv420p', ...look];
  const audioOuts = [
    ...plan.h264.map((_, i) => `[a${i}]`),
    ...plan.av1.map((_, i) => `[ax${i}]`),
    ...(plan.extractSound ? ['[sound]'] : []),
  ];
  const audio = [...audioFilters, 'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo'];
  const graph = [
    `[0:v:0]${picture.join(',')},split=${videoOuts.length}${videoOuts.join('')}`,
    ...branches,
    `${audioSource}${audio.join(',')},asplit=${audioOuts.length}${audioOuts.join('')}`,
  ].join(';');
  args.push('-filter_complex', graph);

  const hls = plan.hlsDir ? `${plan.hlsDir}/` : '';
  const keyframes = ['-g', gop, '-keyint_min', gop, '-force_key_frames', `expr:gte(t,n_forced*${plan.segmentSeconds})`];
  // No `-master_pl_name`: finishHlsLadder writes the master playlist from the rungs and segments, and the 2018
  // build the npm package ships crashes (SIGSEGV) at the end when asked for a VOD master of several variants.
  const hlsCommon = ['-f', 'hls', '-hls_time', String(plan.segmentSeconds), '-hls_playlist_type', 'vod'];
  const noMetadata = ['-map_metadata', '-1', '-map_chapters', '-1'];

  for (const [i, rung] of plan.h264.entries()) {
    args.push('-map', `[v${i}]`, '-map', `[a${i}]`);
    args.push(`-profile:v:${i}`, rung.shortSide <= 360 ? 'main' : 'high');
    args.push(`-maxrate:v:${i}`, `${rung.videoMaxKbps}k`, `-bufsize:v:${i}`, `${rung.videoMaxKbps * 2}k`);
    args.push(`-b:a:${i}`, `${rung.audioKbps}k`);
  }
  args.push(
    ...noMetadata,
    ...['-c:v', 'libx264', '-preset', plan.x264Preset, '-crf', CRF, '-pix_fmt', 'yuv420p'],
    ...keyframes,
    '-sc_threshold',
    '0',
    ...['-c:a', 'aac', '-ac', '2', '-ar', '48000'],
    ...hlsCommon,
    ...['-hls_flags', 'independent_segments', '-hls_segment_type', 'mpegts', '-start_number', '1'],
    ...['-hls_segment_filename', `${hls}v%v/seg_%05d.ts`],
    ...['-var_stream_map', plan.h264.map((_, i) => `v:${i},a:${i}`).join(' ')],
    `${hls}v%v/index.m3u8`,
  );

  if (plan.av1.length > 0) {
    for (const [i, rung] of plan.av1.entries()) {
      args.push('-map', `[x${i}]`, '-map', `[ax${i}]`, `-b:a:${i}`, `${rung.audioKbps}k`);
    }
    // HLS carries AV1 only in fragmented MP4, so these renditions get their own muxer beside the MPEG-TS one.
    const av1 = `${hls}${PASS_FILES.av1Dir}/`;
    args.push(
      ...noMetadata,
      ...['-c:v', 'libsvtav1', '-preset', String(plan.av1Preset), '-crf', AV1_CRF, '-pix_fmt', 'yuv420p'],
      ...keyframes,
      ...['-c:a', 'aac', '-ac', '2', '-ar', '48000'],
      ...hlsCommon,
      ...['-hls_flags', 'independent_segments', '-hls_segment_type', 'fmp4', '-start_number', '1'],
      ...['-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', `${av1}v%v/seg_%05d.m4s`],
      ...['-var_stream_map', plan.av1.map((_, i) => `v:${i},a:${i}`).join(' ')],
      `${av1}v%v/index.m3u8`,
    );
  }

  if (plan.thumbnails) {
    args.push(
      ...['-map', '[preview]', ...noMetadata, '-c:v', 'libwebp_anim', '-q:v', '60', '-loop', '0'],
      ...['-f', 'webp', PASS_FILES.preview],
      ...['-map', '[sprite]', ...noMetadata, '-c:v', 'mjpeg', '-q:v', '5', '-start_number', '0'],
      ...['-f', 'image2', `${PASS_FILES.spriteFrames}/%04d.jpg`],
      ...['-map', '[poster]', ...noMetadata, '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '3'],
      ...['-f', 'image2', '-update', '1', PASS_FILES.poster],
    );
  }
  if (plan.extractSound) {
    args.push(
      ...['-map', '[sound]', ...noMetadata, '-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-ar', '48000'],
      ...['-movflags', '+faststart', '-f', 'mp4', PASS_FILES.sound],
    );
  }
  return args;
}
