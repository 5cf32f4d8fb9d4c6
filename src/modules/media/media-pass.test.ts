import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { NO_EFFECTS } from './effects.ts';
import { hasEncoder } from './encoders.ts';
import { type MediaPassOptions, runMediaPass } from './media-pass.ts';
import { mediaPassArgs } from './media-pass-args.ts';
import { FFMPEG, FFPROBE, makeSilentClip, streamsOf, useDemoClip } from './media-test-support.ts';
import { probeMedia } from './probe.ts';

const av1Available = await hasEncoder(FFMPEG, 'libsvtav1');

describe('runMediaPass', () => {
  const suite = useDemoClip('clip.mp4', { durationSeconds: 3, width: 240, height: 426 });

  /** A pass over the suite's clip into `outDir`, at the fastest preset. */
  const passOverClip = (outDir: string, options: Pick<MediaPassOptions, 'rungs'> & Partial<MediaPassOptions>) =>
    runMediaPass({ ffmpegPath: FFMPEG, input: suite.clip, info: suite.info, outDir, preset: 'ultrafast', ...options });

  it('writes the ladder, the thumbnails and the sound from one ffmpeg', async () => {
    const outDir = join(suite.dir, 'all');
    const result = await passOverClip(outDir, { rungs: [144, 240], thumbnails: true, extractSound: true });
    expect(result.hlsDir).toBe('hls');
    expect(result.ladder.variants.map((v) => `${v.width}x${v.height}`)).toEqual(['144x256', '240x426']);
    expect(result.ladder.av1Variants).toEqual([]);
    expect(Math.abs(result.ladder.durationSeconds - 3)).toBeLessThan(0.1);
    expect(result.durationMs).toBe(3000);
    expect(result).toMatchObject({ poster: 'poster.jpg', preview: 'preview.webp', sound: 'sound.m4a' });
    expect(result.spriteFrames?.files.map((file) => file.slice(-8))).toEqual(['0000.jpg', '0001.jpg']);
    expect(result.spriteFrames?.geometry).toEqual({ intervalSeconds: 2, tileWidth: 90, tileHeight: 160 });
    expect((await sharp(join(outDir, 'poster.jpg')).metadata()).width).toBe(240);
    expect((await streamsOf(join(outDir, 'sound.m4a'))).map((s) => s.codec_name)).toEqual(['aac']);
    expect(await readdir(outDir)).not.toContain('overlay.txt');
  });

  it('applies trim and speed before measuring, and replaces a silent source’s sound with a chosen one', async () => {
    const silent = join(suite.dir, 'silent.mp4');
    await makeSilentClip(silent, 320, 180, 4);
    const silentInfo = await probeMedia(FFPROBE, silent);
    const outDir = join(suite.dir, 'effects');
    const result = await passOverClip(outDir, {
      input: silent,
      info: silentInfo,
      rungs: [180],
      effects: { ...NO_EFFECTS, trimStartMs: 1000, speed: 1.5, textOverlay: 'Hi there' },
      soundFile: suite.clip,
      extractSound: true,
    });
    expect(result.durationMs).toBe(2000);
    expect(Math.abs(result.ladder.durationSeconds - 2)).toBeLessThan(0.15);
    // A chosen sound is never extracted again as an original sound.
    expect(result.sound).toBeNull();
    const streams = await streamsOf(join(outDir, 'hls', 'v0', 'seg_00001.ts'));
    expect(streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
  });

  it.runIf(av1Available)('adds AV1 variants after the H.264 ones', async () => {
    const outDir = join(suite.dir, 'av1');
    const result = await passOverClip(outDir, { rungs: [240], av1Rungs: [240] });
    expect(result.ladder.av1Variants.map((v) => v.playlist)).toEqual(['av1/v0/index.m3u8']);
    const master = await readFile(join(outDir, 'hls', 'master.m3u8'), 'utf8');
    expect(master).toMatch(
      /CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"\nv0\/index\.m3u8\n.*CODECS="av01\.0\.\d\dM\.08,mp4a\.40\.2"\nav1\/v0\/index\.m3u8/,
    );
    expect(await readdir(join(outDir, 'hls', 'av1'))).toEqual(['v0']);
  });

  it('never puts a person’s text into the filtergraph or the command', () => {
    const text = "'; movie=/etc/passwd [x]";
    const args = mediaPassArgs({
      input: '/tmp/source',
      info: suite.info,
      effects: { ...NO_EFFECTS, filter: 'warm', textOverlay: text },
      soundFile: null,
      textFile: '/tmp/run/overlay.txt',
      h264: [],
      av1: [],
      segmentSeconds: 2,
      x264Preset: 'ultrafast',
      av1Preset: 12,
      hlsDir: 'hls',
      thumbnails: true,
      extractSound: false,
    });
    expect(args.join(' ')).not.toContain('passwd');
    expect(args.join(' ')).toContain('textfile=/tmp/run/overlay.txt');
  });
});
