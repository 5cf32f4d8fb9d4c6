import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcodeToHls } from './hls-ladder.ts';
import { avcCodecString, parseMasterPlaylist } from './master-playlist.ts';
import { FFMPEG, FFPROBE, makeSilentClip, processesMentioning, streamsOf, useDemoClip } from './media-test-support.ts';
import { probeMedia } from './probe.ts';

describe('transcodeToHls', () => {
  const suite = useDemoClip('portrait.mp4', { durationSeconds: 4, width: 360, height: 640 });

  /** Checks every variant playlist and segment; returns the master playlist's entries. */
  const checkLadder = async (outDir: string) => {
    const entries = parseMasterPlaylist(await readFile(join(outDir, 'master.m3u8'), 'utf8'));
    for (const entry of entries) {
      expect(entry.attributes.get('BANDWIDTH')).toMatch(/^\d+$/);
      expect(entry.attributes.get('RESOLUTION')).toMatch(/^\d+x\d+$/);
      expect(entry.attributes.get('CODECS')).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
      const playlistPath = join(outDir, entry.uri);
      const playlist = await readFile(playlistPath, 'utf8');
      expect(playlist).toContain('#EXT-X-ENDLIST');
      const durations = [...playlist.matchAll(/#EXTINF:([\d.]+),/g)].map((m) => Number(m[1]));
      expect(durations.length).toBeGreaterThanOrEqual(2);
      for (const seconds of durations) expect(seconds).toBeLessThanOrEqual(2.1);
      const segments = playlist.split('\n').filter((line) => line.endsWith('.ts'));
      expect(segments).toHaveLength(durations.length);
      for (const segment of segments) {
        expect(segment).toMatch(/^seg_\d{5}\.ts$/);
        await access(join(dirname(playlistPath), segment));
      }
    }
    return entries;
  };

  it('writes a 240p + source-sized 360p ladder for a 360x640 clip asked for 240/480/720', async () => {
    const outDir = join(suite.dir, 'ladder');
    const progress: number[] = [];
    const ladder = await transcodeToHls({
      ffmpegPath: FFMPEG,
      input: suite.clip,
      outDir,
      info: suite.info,
      rungs: [240, 480, 720],
      preset: 'ultrafast',
      onProgress: (f) => progress.push(f),
    });

    expect(ladder.masterPlaylist).toBe('master.m3u8');
    expect(ladder.variants.map(({ bandwidth, ...rest }) => rest)).toEqual([
      { name: '240p', width: 240, height: 426, playlist: 'v0/index.m3u8' },
      { name: '360p', width: 360, height: 640, playlist: 'v1/index.m3u8' },
    ]);
    const entries = await checkLadder(outDir);
    expect(entries.map((e) => [e.uri, e.attributes.get('RESOLUTION'), Number(e.attributes.get('BANDWIDTH'))])).toEqual(
      ladder.variants.map((v) => [v.playlist, `${v.width}x${v.height}`, v.bandwidth]),
    );

    // The fallback used when ffmpeg writes no CODECS reads the same string from the segment itself.
    const segment = await readFile(join(outDir, 'v1', 'seg_00001.ts'));
    expect(entries[1]?.attributes.get('CODECS')).toBe(`${avcCodecString(segment)},mp4a.40.2`);

    const streams = await streamsOf(join(outDir, 'v1', 'seg_00001.ts'));
    expect(streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 360, height: 640 });

    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...new Set(progress)].sort((a, b) => a - b));
  });

  it('gives a clip without sound a silent AAC track in every variant', async () => {
    const silent = join(suite.dir, 'silent.mp4');
    await makeSilentClip(silent, 320, 180, 3);
    const silentInfo = await probeMedia(FFPROBE, silent);
    expect(silentInfo.hasAudio).toBe(false);
    const outDir = join(suite.dir, 'silent-ladder');

    const ladder = await transcodeToHls({
      ffmpegPath: FFMPEG,
      input: silent,
      outDir,
      info: silentInfo,
      rungs: [144, 240],
      preset: 'ultrafast',
    });

    expect(ladder.variants.map((v) => `${v.width}x${v.height}`)).toEqual(['256x144', '320x180']);
    expect(await checkLadder(outDir)).toHaveLength(2);
    const streams = await streamsOf(join(outDir, 'v0', 'seg_00002.ts'));
    expect(streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
  });

  it('stops ffmpeg and rejects with ABORTED when aborted', async () => {
    const outDir = join(suite.dir, 'aborted');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 300);
    const run = transcodeToHls({
      ffmpegPath: FFMPEG,
      input: suite.clip,
      outDir,
      info: suite.info,
      rungs: [240, 480],
      preset: 'veryslow',
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
    clearTimeout(timer);
    expect(await processesMentioning(suite.clip)).toEqual([]);
  });
});
