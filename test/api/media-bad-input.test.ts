import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFfmpeg } from '../../src/modules/media/ffmpeg-runner.ts';
import { makeClipFactory } from '../support/clips.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { uploadVideo, waitForProcessed } from '../support/uploads.ts';

describe('bad input to the media pipeline', () => {
  /** Default limits: videos of 15 s to 10 min. */
  let strict: TestLooply;
  /** Videos of 1 to 3 s, so short clips can test the upper bound and everything else. */
  let short: TestLooply;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;
  let strictToken: string;
  let shortToken: string;
  let twoSeconds: string;

  beforeAll(async () => {
    clips = await makeClipFactory();
    [strict, short, twoSeconds] = await Promise.all([
      startTestLooply(),
      startTestLooply({ MIN_VIDEO_SECONDS: '1', MAX_VIDEO_SECONDS: '3' }),
      clips.clip({ seconds: 2 }),
    ]);
    strictToken = (await signUp(strict, 'strict_author')).access_token;
    shortToken = (await signUp(short, 'short_author')).access_token;
  });
  afterAll(async () => {
    await Promise.all([strict?.stop(), short?.stop()]);
    await clips?.cleanup();
  });

  /** Each refusal is answered at once, and the server keeps serving with no temp file left behind. */
  const refused = async (
    looply: TestLooply,
    token: string,
    file: string | Buffer,
    fields: Record<string, string>,
    status: number,
    code: string,
  ) => {
    const response = await uploadVideo(looply, token, file, fields);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(10);
    expect(response.body.error.message).not.toContain(looply.dataDir);
    expect((await looply.api('/readyz')).status).toBe(200);
    expect(await readdir(join(looply.dataDir, 'tmp', 'uploads'))).toEqual([]);
    return response.body.error;
  };

  it('refuses a zero-byte file', async () => {
    await refused(short, shortToken, Buffer.alloc(0), {}, 400, 'EMPTY_FILE');
  });

  it('refuses a text file renamed .mp4', async () => {
    const text = Buffer.from('Dear diary, today I uploaded a text file.\n'.repeat(40));
    await refused(short, shortToken, text, {}, 415, 'NOT_A_VIDEO');
  });

  it('refuses audio without a picture', async () => {
    const tone = join(clips.dir, 'tone.m4a');
    await runFfmpeg('ffmpeg', ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'aac', tone]);
    const error = await refused(short, shortToken, tone, {}, 415, 'NOT_A_VIDEO');
    expect(error.message).toBe('This file has no video track.');
  });

  it('refuses a truncated MP4: at intake when its index is cut, in processing when its pictures are', async () => {
    const whole = await readFile(twoSeconds);
    await refused(short, shortToken, whole.subarray(0, 2048), {}, 415, 'NOT_A_VIDEO');

    // Our clips are written with the index first, so without their second half they still probe as 2 s long.
    const accepted = await uploadVideo(short, shortToken, whole.subarray(0, Math.floor(whole.length * 0.45)));
    expect(accepted.status).toBe(202);
    const video = await waitForProcessed(short, accepted.body.video_id, shortToken);
    expect(video.status).toBe('failed');
    expect(video.error.code).toBe('CORRUPT_MEDIA');
    expect(video.playback_urls).toBeNull();
  });

  it('refuses a 5 s clip under the default 15 s minimum', async () => {
    const error = await refused(strict, strictToken, await clips.clip({ seconds: 5 }), {}, 422, 'VIDEO_TOO_SHORT');
    expect(error.message).toBe('This video lasts 5 s; videos must last at least 15 s.');
  });

  it('refuses a clip longer than the maximum', async () => {
    const error = await refused(short, shortToken, await clips.clip({ seconds: 4 }), {}, 422, 'VIDEO_TOO_LONG');
    expect(error.message).toBe('This video lasts 4 s; videos may last at most 3 s.');
  });

  it('measures the length after trim and speed', async () => {
    await refused(short, shortToken, twoSeconds, { trim_end_ms: '500' }, 422, 'VIDEO_TOO_SHORT');
    await refused(short, shortToken, twoSeconds, { trim_start_ms: '2500' }, 400, 'INVALID_TRIM');
    const fourSeconds = await clips.clip({ seconds: 4 });
    const sped = await uploadVideo(short, shortToken, fourSeconds, { speed: '2' });
    expect(sped.status).toBe(202);
  });

  it('refuses an absurd picture size', async () => {
    const sliver = join(clips.dir, 'sliver.mp4');
    await runFfmpeg('ffmpeg', [
      ...['-f', 'lavfi', '-i', 'testsrc2=s=16x2000:r=10:d=2'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', sliver],
    ]);
    const error = await refused(short, shortToken, sliver, {}, 422, 'UNSUPPORTED_DIMENSIONS');
    expect(error.message).toContain('16x2000');
  });

  it('refuses bad upload fields with 400 and a code', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ sound_id: '00000000-0000-4000-8000-000000000000' }, 'SOUND_NOT_FOUND'],
      [{ sound_id: 'not-a-sound' }, 'SOUND_NOT_FOUND'],
      [{ speed: '3' }, 'INVALID_SPEED'],
      [{ speed: 'fast' }, 'INVALID_SPEED'],
      [{ trim_start_ms: '1500', trim_end_ms: '500' }, 'INVALID_TRIM'],
      [{ scheduled_publish_at: new Date(Date.now() - 60_000).toISOString() }, 'INVALID_SCHEDULE'],
      [{ scheduled_publish_at: new Date(Date.now() + 31 * 86_400_000).toISOString() }, 'INVALID_SCHEDULE'],
      [{ scheduled_publish_at: 'tomorrow' }, 'INVALID_SCHEDULE'],
      [{ filter: 'sepia;drawtext=text=x' }, 'INVALID_FILTER'],
      [{ text_overlay: 'x'.repeat(101) }, 'TEXT_OVERLAY_TOO_LONG'],
      [{ allow_download: 'maybe' }, 'INVALID_ALLOW_DOWNLOAD'],
    ];
    for (const [fields, code] of cases) await refused(short, shortToken, twoSeconds, fields, 400, code);
  });

  it('fails a source that reaches the worker too short, with the code and a message on the video', async () => {
    const file = join(clips.dir, 'worker-path.mp4');
    await writeFile(file, await readFile(twoSeconds));
    const author = await strict.services.accounts.getUserByUsername('strict_author');
    // A video shown as failed means the worker is done: its temp files are gone by the time the status changes,
    // not some moments later. Looking at that moment makes the order visible on every run, not on an unlucky one.
    const jobsDir = join(strict.dataDir, 'tmp', 'jobs');
    const videos = strict.services.videoLifecycle;
    const failProcessing = videos.failProcessing.bind(videos);
    const tempFilesWhenFailed: string[][] = [];
    const spy = vi.spyOn(videos, 'failProcessing').mockImplementation(async (...args) => {
      tempFilesWhenFailed.push(await readdir(jobsDir));
      return failProcessing(...args);
    });
    try {
      const accepted = await videos.acceptUpload({
        authorId: author.id,
        caption: 'came around the intake',
        hashtags: [],
        file,
        durationMs: 2000,
      });
      const video = await waitForProcessed(strict, accepted.video_id, strictToken);
      expect(video.status).toBe('failed');
      expect(video.error).toEqual({
        code: 'VIDEO_TOO_SHORT',
        message: 'This video lasts 2 s; videos must last at least 15 s.',
      });
      expect(await strict.infra.blobs.stat(`uploads/${accepted.video_id}/source`)).toBeNull();
      expect(tempFilesWhenFailed).toEqual([[]]);
      expect(await readdir(jobsDir)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('still takes a good upload after all that', async () => {
    const accepted = await uploadVideo(short, shortToken, twoSeconds, { caption: 'fine' });
    expect(accepted.status).toBe(202);
    expect((await waitForProcessed(short, accepted.body.video_id, shortToken)).status).toBe('ready');
  });
});
