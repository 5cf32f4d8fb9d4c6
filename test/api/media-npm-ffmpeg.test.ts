import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoClip } from '../../src/modules/media/demo-clip.ts';
import { hasEncoder } from '../../src/modules/media/encoders.ts';
import { npmPackagedTool } from '../../src/modules/media/ffmpeg-binaries.ts';
import { probeMedia } from '../../src/modules/media/probe.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { fetchBytes, saveTo } from '../support/media.ts';
import { uploadVideo, waitForProcessed } from '../support/uploads.ts';

/**
 * The fresh-machine case: the whole pipeline on the old static ffmpeg (2018, no SVT-AV1) and the ffprobe that the
 * npm packages ship, named explicitly so the test runs the same whether or not the machine has its own ffmpeg.
 */
describe('the media pipeline on the ffmpeg and ffprobe of the npm packages', () => {
  const ffmpeg = npmPackagedTool('ffmpeg');
  const ffprobe = npmPackagedTool('ffprobe');
  let looply: TestLooply;
  let dir = '';
  let clip = '';
  let author: Awaited<ReturnType<typeof signUp>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'looply-npm-ffmpeg-'));
    clip = join(dir, 'clip.mp4');
    await generateDemoClip({
      ffmpegPath: ffmpeg,
      outFile: clip,
      title: 'Old build',
      colour: '#3a86ff',
      durationSeconds: 3,
      width: 360,
      height: 640,
      seed: 3,
    });
    looply = await startTestLooply({
      MIN_VIDEO_SECONDS: '1',
      AV1_ENABLED: 'on',
      FFMPEG_PATH: ffmpeg,
      FFPROBE_PATH: ffprobe,
    });
    author = await signUp(looply, 'oldbuild');
  });
  afterAll(async () => {
    await looply?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const process = async (fields: Record<string, string> = {}) => {
    const accepted = await uploadVideo(looply, author.access_token, clip, fields);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const video = await waitForProcessed(looply, accepted.body.video_id, author.access_token);
    expect(video.status, JSON.stringify(video.error)).toBe('ready');
    return video;
  };
  const media = (path: string) => fetchBytes(`${looply.url}${path}`);

  it('runs those binaries, which have no AV1 encoder', async () => {
    expect(looply.services.media.ffmpeg).toMatchObject({ path: ffmpeg, source: 'setting' });
    expect(looply.services.media.ffprobe).toMatchObject({ path: ffprobe, source: 'setting' });
    expect(await hasEncoder(ffmpeg, 'libsvtav1')).toBe(false);
  });

  it('writes the H.264 ladder, poster, preview, scrub sprite and download, and no AV1 though it is enabled', async () => {
    const video = await process();
    const master = (await media(video.playback_urls.hls)).bytes.toString();
    const variants = [...master.matchAll(/RESOLUTION=(\d+x\d+),CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"\n(.+)/g)];
    expect(variants.map((m) => m[1])).toEqual(['240x426', '360x640']);
    expect(master).not.toContain('av01');

    const base = video.playback_urls.hls.replace('master.m3u8', '');
    for (const [, , playlist] of variants) {
      const text = (await media(`${base}${playlist}`)).bytes.toString();
      expect(text).toContain('#EXT-X-ENDLIST');
      const seconds = [...text.matchAll(/#EXTINF:([\d.]+),/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      expect(Math.abs(seconds - 3)).toBeLessThan(0.1);
    }

    const poster = await sharp((await media(video.thumbnails.poster)).bytes).metadata();
    expect(poster).toMatchObject({ format: 'jpeg', width: 360, height: 640 });
    const preview = await sharp((await media(video.thumbnails.preview)).bytes, { animated: true }).metadata();
    expect(preview.format).toBe('webp');
    expect(preview.pages).toBeGreaterThan(5);
    const vtt = (await media(video.thumbnails.sprite_vtt)).bytes.toString();
    expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.000\nsprite\.jpg#xywh=0,0,\d+,\d+\n/);

    const download = await probeMedia(ffprobe, await saveTo(dir, 'plain.mp4', (await media(video.download_url)).bytes));
    expect(download).toMatchObject({ videoCodec: 'h264', hasAudio: true, width: 360, height: 640 });
    expect(Math.abs(download.durationMs - 3000)).toBeLessThan(200);
  });

  it('ends a sped-up video at its published length (this build keeps the source end time past setpts)', async () => {
    const video = await process({ speed: '1.5', filter: 'vintage', text_overlay: 'Made on the old build' });
    expect(Math.abs(video.duration_ms - 2000)).toBeLessThan(100);
    const download = await probeMedia(ffprobe, await saveTo(dir, 'fast.mp4', (await media(video.download_url)).bytes));
    expect(Math.abs(download.durationMs - 2000)).toBeLessThan(150);
    expect(Math.abs(download.fps - 30)).toBeLessThan(0.5);
  });
});
