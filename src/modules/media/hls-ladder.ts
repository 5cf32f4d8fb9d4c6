import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from './ffmpeg-runner.ts';
import { chooseRungs, type Rung } from './hls-rungs.ts';
import {
  avcCodecString,
  type MasterPlaylistVariant,
  parseMasterPlaylist,
  renderMasterPlaylist,
} from './master-playlist.ts';
import { MediaError } from './media-error.ts';
import type { MediaInfo } from './probe.ts';
import { safeInputArgs } from './safe-input.ts';

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

export interface HlsVariant {
  name: string;
  width: number;
  height: number;
  /** Peak bits per second, as declared in the master playlist. */
  bandwidth: number;
  /** Relative to outDir, e.g. `v0/index.m3u8`. */
  playlist: string;
}

export interface HlsLadder {
  /** Relative to outDir: always `master.m3u8`. */
  masterPlaylist: string;
  /** Smallest first, in master playlist order. */
  variants: HlsVariant[];
}

const MASTER = 'master.m3u8';
const AAC_LC = 'mp4a.40.2';
/** Source frame rates above this (or unknown) are resampled to 30 fps. */
const MAX_FPS = 60;
const CRF = '23';

/**
 * One ffmpeg decodes the source once, splits it into every rung and writes an H.264 + AAC MPEG-TS HLS ladder
 * to `outDir`: `master.m3u8` and `v<i>/index.m3u8` with `v<i>/seg_00001.ts`…, keyframes on every segment
 * boundary. A source without sound gets a silent AAC track, so every variant has the same tracks.
 */
export async function transcodeToHls(options: TranscodeToHlsOptions): Promise<HlsLadder> {
  const { ffmpegPath, input, outDir, info, segmentSeconds = 2, preset = 'veryfast', signal, onProgress } = options;
  const rungs = chooseRungs(info, options.rungs);
  await mkdir(outDir, { recursive: true });
  await runFfmpeg(ffmpegPath, hlsArgs(input, info, rungs, segmentSeconds, preset), {
    cwd: outDir,
    durationMs: info.durationMs,
    signal,
    onProgress,
  });

  const written = await readFile(join(outDir, MASTER), 'utf8').catch(() => '');
  const fromFfmpeg = new Map(parseMasterPlaylist(written).map((entry) => [entry.uri, entry.attributes]));
  const variants: MasterPlaylistVariant[] = [];
  for (const [i, rung] of rungs.entries()) {
    const uri = `v${i}/index.m3u8`;
    await assertPlaylistComplete(outDir, uri, rung);
    const attributes = fromFfmpeg.get(uri);
    const codecs = attributes?.get('CODECS');
    variants.push({
      uri,
      width: rung.width,
      height: rung.height,
      bandwidth: Number(attributes?.get('BANDWIDTH')) || declaredBandwidth(rung),
      codecs: codecs?.includes('avc1') && codecs.includes('mp4a') ? codecs : await codecsOf(outDir, i),
    });
  }
  // ffmpeg leaves a variant out of its master playlist when it cannot tell its bitrate and writes CODECS only
  // when it can parse the encoder's headers; ours always lists every variant with all three attributes.
  await writeFile(join(outDir, MASTER), renderMasterPlaylist(variants));

  return {
    masterPlaylist: MASTER,
    variants: rungs.map((rung, i) => ({
      name: rung.name,
      width: rung.width,
      height: rung.height,
      bandwidth: variants[i]?.bandwidth ?? declaredBandwidth(rung),
      playlist: `v${i}/index.m3u8`,
    })),
  };
}

function hlsArgs(input: string, info: MediaInfo, rungs: Rung[], segmentSeconds: number, preset: string): string[] {
  const fps = info.fps > 0 && info.fps <= MAX_FPS ? info.fps : 30;
  const resample = fps === info.fps ? '' : `fps=${fps},`;
  const splits = rungs.map((_, i) => `[s${i}]`).join('');
  const scales = rungs.map((r, i) => `[s${i}]scale=${r.width}:${r.height},setsar=1[v${i}]`);
  const graph = [`[0:v:0]${resample}format=yuv420p,split=${rungs.length}${splits}`, ...scales].join(';');
  const gop = String(Math.max(1, Math.round(fps * segmentSeconds)));

  const args = [...safeInputArgs(input)];
  const audioInput = info.hasAudio ? '0:a:0' : '1:a:0';
  if (!info.hasAudio) {
    const seconds = (info.durationMs / 1000).toFixed(3);
    args.push('-f', 'lavfi', '-t', seconds, '-i', 'anullsrc=channel_layout=stereo:sample_rate=48000');
  }
  args.push('-filter_complex', graph);
  for (const [i, rung] of rungs.entries()) {
    args.push('-map', `[v${i}]`, '-map', audioInput);
    args.push(`-profile:v:${i}`, rung.shortSide <= 360 ? 'main' : 'high');
    args.push(`-maxrate:v:${i}`, `${rung.videoMaxKbps}k`, `-bufsize:v:${i}`, `${rung.videoMaxKbps * 2}k`);
    args.push(`-b:a:${i}`, `${rung.audioKbps}k`);
  }
  args.push(
    ...['-map_metadata', '-1', '-map_chapters', '-1'],
    ...['-c:v', 'libx264', '-preset', preset, '-crf', CRF, '-pix_fmt', 'yuv420p'],
    ...['-g', gop, '-keyint_min', gop, '-sc_threshold', '0'],
    // Keyframes by time as well as by count, so a variable frame rate source still cuts on the boundaries.
    ...['-force_key_frames', `expr:gte(t,n_forced*${segmentSeconds})`],
    ...['-c:a', 'aac', '-ac', '2', '-ar', '48000'],
    ...['-f', 'hls', '-hls_time', String(segmentSeconds), '-hls_playlist_type', 'vod'],
    ...['-hls_flags', 'independent_segments', '-hls_segment_type', 'mpegts', '-start_number', '1'],
    ...['-hls_segment_filename', 'v%v/seg_%05d.ts', '-master_pl_name', MASTER],
    ...['-var_stream_map', rungs.map((_, i) => `v:${i},a:${i}`).join(' ')],
    'v%v/index.m3u8',
  );
  return args;
}

/** What ffmpeg itself declares: the peak video rate plus audio, with 10 % for container overhead. */
function declaredBandwidth(rung: Rung): number {
  return Math.round((rung.videoMaxKbps + rung.audioKbps) * 1000 * 1.1);
}

async function assertPlaylistComplete(outDir: string, uri: string, rung: Rung): Promise<void> {
  const text = await readFile(join(outDir, uri), 'utf8').catch(() => '');
  if (!text.includes('#EXT-X-ENDLIST')) {
    throw new MediaError('FFMPEG_FAILED', `ffmpeg did not finish the ${rung.name} playlist.`);
  }
}

async function codecsOf(outDir: string, index: number): Promise<string> {
  const file = await open(join(outDir, `v${index}`, 'seg_00001.ts'), 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const avc = avcCodecString(head.subarray(0, bytesRead));
    if (!avc) throw new MediaError('FFMPEG_FAILED', 'The first segment holds no H.264 parameter set.');
    return `${avc},${AAC_LC}`;
  } finally {
    await file.close();
  }
}
