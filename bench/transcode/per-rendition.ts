import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../../src/modules/media/ffmpeg-runner.ts';
import { chooseRungs } from '../../src/modules/media/hls-rungs.ts';
import type { MediaInfo } from '../../src/modules/media/probe.ts';
import { safeInputArgs } from '../../src/modules/media/safe-input.ts';

/**
 * The baseline the one-pass ladder is measured against: one ffmpeg per rung, as PeerTube does, each decoding the
 * source again. Same scaler, encoder settings, keyframes and segments as the pass, so only the process model differs.
 */
export async function perRenditionLadder(options: {
  input: string;
  info: MediaInfo;
  outDir: string;
  rungs: readonly number[];
  preset: string;
  segmentSeconds: number;
}): Promise<void> {
  const { input, info, outDir, preset, segmentSeconds } = options;
  const gop = String(Math.round((info.fps > 0 && info.fps <= 60 ? info.fps : 30) * segmentSeconds));
  for (const [i, rung] of chooseRungs(info, options.rungs).entries()) {
    const dir = join(outDir, `v${i}`);
    await mkdir(dir, { recursive: true });
    await runFfmpeg('ffmpeg', [
      ...safeInputArgs(input),
      ...['-map', '0:v:0', '-map', '0:a:0', '-vf', `format=yuv420p,scale=${rung.width}:${rung.height},setsar=1`],
      ...['-c:v', 'libx264', '-preset', preset, '-crf', '23', '-pix_fmt', 'yuv420p'],
      ...['-profile:v', rung.shortSide <= 360 ? 'main' : 'high'],
      ...['-maxrate', `${rung.videoMaxKbps}k`, '-bufsize', `${rung.videoMaxKbps * 2}k`],
      ...['-g', gop, '-keyint_min', gop, '-sc_threshold', '0'],
      ...['-force_key_frames', `expr:gte(t,n_forced*${segmentSeconds})`],
      ...['-c:a', 'aac', '-b:a', `${rung.audioKbps}k`, '-ac', '2', '-ar', '48000'],
      ...['-f', 'hls', '-hls_time', String(segmentSeconds), '-hls_playlist_type', 'vod', '-start_number', '1'],
      ...['-hls_segment_filename', join(dir, 'seg_%05d.ts'), join(dir, 'index.m3u8')],
    ]);
  }
}
