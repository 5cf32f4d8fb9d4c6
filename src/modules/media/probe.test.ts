import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFfmpeg } from './ffmpeg-runner.ts';
import { MediaError } from './media-error.ts';
import { FFMPEG, FFPROBE, useDemoClip } from './media-test-support.ts';
import { probeMedia } from './probe.ts';

describe('probeMedia', () => {
  const suite = useDemoClip('clip.mp4', { durationSeconds: 3, width: 320, height: 568 });

  const rejectsWith = async (file: string, code: string) => {
    const error = await probeMedia(FFPROBE, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ code });
    return error as MediaError;
  };

  it('describes a portrait H.264/AAC clip', async () => {
    const info = await probeMedia(FFPROBE, suite.clip);
    expect(Math.abs(info.durationMs - 3000)).toBeLessThanOrEqual(100);
    expect(info).toMatchObject({ width: 320, height: 568, fps: 30, videoCodec: 'h264', hasAudio: true, rotation: 0 });
    expect(info.sizeBytes).toBe((await stat(suite.clip)).size);
    expect(info.formatName).toContain('mp4');
  });

  it('reports the display size of a clip stored sideways', async () => {
    const rotated = join(suite.dir, 'rotated.mp4');
    await runFfmpeg(FFMPEG, ['-i', suite.clip, '-c', 'copy', '-metadata:s:v', 'rotate=90', rotated]);
    const info = await probeMedia(FFPROBE, rotated);
    expect(info).toMatchObject({ width: 568, height: 320 });
    expect([90, 270]).toContain(info.rotation);
  });

  it('refuses a text file as NOT_A_VIDEO', async () => {
    const file = join(suite.dir, 'notes.mp4');
    await writeFile(file, 'just some words, not a video\n'.repeat(50));
    const error = await rejectsWith(file, 'NOT_A_VIDEO');
    expect(error.message).toBe('This file could not be read as a video.');
    expect(error.stderrTail).toBeTruthy();
  });

  it('refuses an empty file as NOT_A_VIDEO', async () => {
    const file = join(suite.dir, 'empty.mp4');
    await writeFile(file, '');
    expect((await rejectsWith(file, 'NOT_A_VIDEO')).message).toBe('The file is empty.');
  });

  // The index (moov) of an MP4 written without faststart is at its end, so a cut-off upload is unreadable.
  it('refuses the first 2 KB of an MP4 as NOT_A_VIDEO', async () => {
    const file = join(suite.dir, 'truncated.mp4');
    await writeFile(file, (await readFile(suite.clip)).subarray(0, 2048));
    await rejectsWith(file, 'NOT_A_VIDEO');
  });

  it('refuses an audio-only file as NOT_A_VIDEO', async () => {
    const file = join(suite.dir, 'tone.m4a');
    await runFfmpeg(FFMPEG, ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', file]);
    expect((await rejectsWith(file, 'NOT_A_VIDEO')).message).toBe('This file has no video track.');
  });

  it('does not follow a playlist disguised as a video', async () => {
    const file = join(suite.dir, 'playlist.mp4');
    await writeFile(file, `#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3,\n${suite.clip}\n#EXT-X-ENDLIST\n`);
    await rejectsWith(file, 'NOT_A_VIDEO');
  });

  it('rejects with ABORTED when the signal is already aborted', async () => {
    await expect(probeMedia(FFPROBE, suite.clip, AbortSignal.abort())).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
