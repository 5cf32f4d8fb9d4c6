import { execFile } from 'node:child_process';
import { chmod, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasEncoder } from '../../src/modules/media/encoders.ts';
import { makeSilentClip } from '../../src/modules/media/media-test-support.ts';
import { createProcessVideoHandler } from '../../src/modules/media/process-video.ts';
import { PROCESS_VIDEO_QUEUE, type ProcessVideoPayload } from '../../src/modules/media/queues.ts';
import type { BlobStore } from '../../src/platform/blob/blob-store.ts';
import { processVideoDeps } from '../../src/worker.ts';
import { makeClipFactory } from '../support/clips.ts';
import { signUp, startTestLooply, type TestLooply, waitUntilRecommendable } from '../support/looply.ts';
import { bandDifference, colourfulness, fetchBytes, meanVolumeDb, probe, saveTo } from '../support/media.ts';
import { uploadVideo, waitForProcessed } from '../support/uploads.ts';

const exec = promisify(execFile);
const av1Available = await hasEncoder('ffmpeg', 'libsvtav1');
if (!av1Available) console.warn('SKIPPED: this ffmpeg has no libsvtav1, so the AV1 rendition test does not run');

const RENDITION_KEY = /^\/media\/videos\/[0-9a-f-]{36}\/([0-9a-f]{16})\//;

describe('the media pipeline', () => {
  let looply: TestLooply;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;
  let author: Awaited<ReturnType<typeof signUp>>;
  let stranger: Awaited<ReturnType<typeof signUp>>;

  beforeAll(async () => {
    clips = await makeClipFactory();
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1', AV1_ENABLED: 'on', WORKER_CONCURRENCY: '2' });
    author = await signUp(looply, 'maker');
    stranger = await signUp(looply, 'watcher');
  });
  afterAll(async () => {
    await looply?.stop();
    await clips?.cleanup();
  });

  const upload = async (file: string, fields: Record<string, string> = {}) => {
    const accepted = await uploadVideo(looply, author.access_token, file, fields);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    return accepted.body.video_id as string;
  };
  const ready = async (id: string) => {
    const video = await waitForProcessed(looply, id, author.access_token);
    expect(video.status, JSON.stringify(video.error)).toBe('ready');
    return video;
  };
  const media = (path: string) => fetchBytes(`${looply.url}${path}`);

  it('writes the ladder, thumbnails and a download under one rendition, with progress that only grows', async () => {
    const id = await upload(await clips.clip({ seconds: 3, width: 360, height: 640 }));
    const seen: number[] = [];
    await vi.waitFor(
      async () => {
        const { body } = await looply.api(`/v1/videos/${id}`, { token: author.access_token });
        seen.push(body.progress);
        expect(body.status).toBe('ready');
      },
      { timeout: 60_000, interval: 40 },
    );
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(100);
    const video = await ready(id);

    const rendition = RENDITION_KEY.exec(video.playback_urls.hls)?.[1];
    expect(rendition).toBeDefined();
    for (const url of [video.thumbnails.poster, video.thumbnails.preview, video.thumbnails.sprite_vtt]) {
      expect(RENDITION_KEY.exec(url)?.[1]).toBe(rendition);
    }

    const master = await media(video.playback_urls.hls);
    expect(master.headers.get('cache-control')).toBe('public, max-age=60');
    const text = master.bytes.toString();
    const h264 = [...text.matchAll(/BANDWIDTH=\d+,RESOLUTION=(\d+x\d+),CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/g)];
    expect(h264.map((m) => m[1])).toEqual(['240x426', '360x640']);

    const segment = `${video.playback_urls.hls.replace('master.m3u8', '')}v1/seg_00001.ts`;
    const first = await media(segment);
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(`${looply.url}${segment}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const ranged = await fetch(`${looply.url}${segment}`, { headers: { range: 'bytes=0-187' } });
    expect(ranged.status).toBe(206);

    const poster = await media(video.thumbnails.poster);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    const preview = await media(video.thumbnails.preview);
    expect(preview.headers.get('content-type')).toBe('image/webp');
    const previewInfo = await sharp(preview.bytes, { animated: true }).metadata();
    expect(previewInfo.pages).toBeGreaterThan(5);
    expect(previewInfo.width).toBeLessThanOrEqual(240);

    const vtt = (await media(video.thumbnails.sprite_vtt)).bytes.toString();
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    const cues = [
      ...vtt.matchAll(
        /(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n(sprite\.jpg)#xywh=(\d+),(\d+),(\d+),(\d+)/g,
      ),
    ];
    expect(cues.length).toBe(2);
    expect(cues[0]?.slice(1, 3)).toEqual(['00:00:00.000', '00:00:02.000']);
    const sprite = await media(video.thumbnails.sprite_vtt.replace('sprite.vtt', 'sprite.jpg'));
    const spriteInfo = await sharp(sprite.bytes).metadata();
    expect(spriteInfo.width).toBe(2 * Number(cues[0]?.[6]));
    expect(spriteInfo.height).toBe(Number(cues[0]?.[7]));

    expect(video.allow_download).toBe(true);
    const download = await media(video.download_url);
    expect(download.headers.get('content-type')).toBe('video/mp4');
    // faststart: the index comes before the media data, so playback starts before the download ends.
    expect(download.bytes.indexOf('moov')).toBeLessThan(download.bytes.indexOf('mdat'));
    const mp4 = await probe(await saveTo(clips.dir, 'download.mp4', download.bytes));
    expect(mp4.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(mp4.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 360, height: 640 });
    expect(Math.abs(mp4.durationMs - 3000)).toBeLessThan(200);
  });

  it.runIf(av1Available)('adds AV1 renditions in fMP4 to the same master playlist', async () => {
    const id = await upload(await clips.clip({ seconds: 2, width: 240, height: 426 }));
    const video = await ready(id);
    const base = video.playback_urls.hls.replace('master.m3u8', '');
    const text = (await media(video.playback_urls.hls)).bytes.toString();
    const av1 =
      /#EXT-X-STREAM-INF:BANDWIDTH=(\d+),RESOLUTION=240x426,CODECS="(av01\.0\.\d\dM\.08),mp4a\.40\.2"\n(.+)/.exec(text);
    expect(av1, text).not.toBeNull();
    expect(text.indexOf('avc1')).toBeLessThan(text.indexOf('av01'));
    const playlist = (await media(`${base}${av1?.[3]}`)).bytes.toString();
    expect(playlist).toContain('#EXT-X-MAP:URI="init.mp4"');
    const dir = `${base}${av1?.[3]?.replace('index.m3u8', '')}`;
    const firstSegment = playlist.split('\n').find((line) => line.endsWith('.m4s')) ?? '';
    const init = await media(`${dir}init.mp4`);
    const fragment = await media(`${dir}${firstSegment}`);
    expect(fragment.headers.get('content-type')).toBe('video/iso.segment');
    const joined = await saveTo(clips.dir, 'av1.mp4', Buffer.concat([init.bytes, fragment.bytes]));
    expect((await probe(joined)).streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'av1']);
  });

  it('extracts the original sound once and lets another upload reuse it, looped to its length', async () => {
    const firstId = await upload(await clips.clip({ seconds: 2 }));
    const first = await ready(firstId);
    expect(first.sound).toEqual({ id: expect.any(String), title: 'original sound - maker' });

    const sound = await looply.api(`/v1/sounds/${first.sound.id}`);
    expect(sound.status).toBe(200);
    expect(sound.body).toMatchObject({
      id: first.sound.id,
      title: 'original sound - maker',
      owner: { id: author.user.id, username: 'maker' },
      video_count: 1,
      source_video_id: firstId,
    });
    expect(Math.abs(sound.body.duration_ms - 2000)).toBeLessThan(150);
    const audio = await media(sound.body.audio_url);
    expect(audio.headers.get('content-type')).toBe('audio/mp4');
    expect(audio.headers.get('cache-control')).toContain('immutable');
    const audioFile = await saveTo(clips.dir, 'sound.m4a', audio.bytes);
    expect((await probe(audioFile)).streams.map((s) => s.codec_name)).toEqual(['aac']);

    const silent = join(clips.dir, 'silent.mp4');
    await makeSilentClip(silent, 240, 426, 5);
    const reuseId = await upload(silent, { sound_id: first.sound.id, allow_download: 'false' });
    const reused = await ready(reuseId);
    expect(reused.sound).toEqual({ id: first.sound.id, title: 'original sound - maker' });
    expect(reused.allow_download).toBe(false);
    expect(reused.download_url).toBeNull();
    // The 2 s sound is looped under the whole 5 s video: its last segment is not silent.
    const variant = `${looply.url}${reused.playback_urls.hls.replace('master.m3u8', '')}v0/seg_00003.ts`;
    expect(await meanVolumeDb(variant)).toBeGreaterThan(-40);
    expect((await looply.api(`/v1/sounds/${first.sound.id}`)).body.video_count).toBe(2);

    const soundless = await ready(await upload(silent));
    expect(soundless.sound).toBeNull();

    const { rows } = await looply.infra.db.query<{ n: string }>(
      "select count(*) as n from events where type = 'SoundCreated' and data->>'sound_id' = $1",
      [first.sound.id],
    );
    expect(Number(rows[0]?.n)).toBe(1);
    expect((await looply.api('/v1/sounds/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('applies trim, speed, a colour filter and a text overlay in the same pass', async () => {
    const clip = await clips.clip({ seconds: 4 });
    const effects = { trim_start_ms: '500', trim_end_ms: '3500', speed: '2', filter: 'mono' };
    const [withText, without] = await Promise.all([
      upload(clip, { ...effects, text_overlay: 'Hello from Looply!' }).then(ready),
      upload(clip, effects).then(ready),
    ]);
    for (const video of [withText, without]) {
      // 3 s of source at double speed.
      expect(Math.abs(video.duration_ms - 1500)).toBeLessThan(150);
    }
    const posterWithText = (await media(withText.thumbnails.poster)).bytes;
    const posterWithout = (await media(without.thumbnails.poster)).bytes;
    expect(await colourfulness(posterWithout)).toBeLessThan(3);
    const original = await ready(await upload(clip));
    expect(await colourfulness((await media(original.thumbnails.poster)).bytes)).toBeGreaterThan(20);
    // The text sits in a box at 72 % of the height; the rest of the picture is the same.
    expect(await bandDifference(posterWithText, posterWithout, 0.7, 0.8)).toBeGreaterThan(20);
    expect(await bandDifference(posterWithText, posterWithout, 0, 0.6)).toBeLessThan(3);
  });

  it('publishes a scheduled video at its time: ready before, visible to others only then', async () => {
    const at = new Date(Date.now() + 5000);
    const id = await upload(await clips.clip({ seconds: 2 }), { scheduled_publish_at: at.toISOString() });
    const video = await ready(id);
    expect(new Date(video.publish_at).getTime()).toBe(at.getTime());
    expect(Date.now()).toBeLessThan(at.getTime());
    expect((await looply.api(`/v1/videos/${id}`, { token: stranger.access_token })).status).toBe(404);
    expect((await looply.api('/v1/feed/fyp?count=50')).body.videos.map((v: { id: string }) => v.id)).not.toContain(id);
    const own = await looply.api('/v1/users/maker/videos?count=50', { token: author.access_token });
    expect(own.body.videos.map((v: { id: string }) => v.id)).toContain(id);
    const others = await looply.api('/v1/users/maker/videos?count=50');
    expect(others.body.videos.map((v: { id: string }) => v.id)).not.toContain(id);

    await vi.waitFor(
      async () => expect((await looply.api(`/v1/videos/${id}`, { token: stranger.access_token })).status).toBe(200),
      { timeout: 20_000, interval: 200 },
    );
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    // The recommender learns of the publication from the event stream or its own clock, within about a second.
    await waitUntilRecommendable(looply, id);
    // A feed computed after that has it (pages computed before are cached for up to 60 s).
    const newcomer = await signUp(looply, 'newcomer');
    const feed = await looply.api('/v1/feed/fyp?count=50', { token: newcomer.access_token });
    expect(feed.body.videos.map((v: { id: string }) => v.id)).toContain(id);
    await vi.waitFor(async () => {
      const { rows } = await looply.infra.db.query<{ n: string }>(
        "select count(*) as n from events where type = 'VideoPublished' and data->>'video_id' = $1",
        [id],
      );
      expect(Number(rows[0]?.n)).toBe(1);
    });
  });
});

describe('a worker that dies in the middle of a run', () => {
  let looply: TestLooply;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;

  beforeAll(async () => {
    clips = await makeClipFactory();
    // No worker of its own: the test runs one whose first attempts die.
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1', LOOPLY_ROLES: 'api' });
  });
  afterAll(async () => {
    await looply?.stop();
    await clips?.cleanup();
  });

  /** Process ids of the run's ffmpeg processes, found by their work folder under DATA_DIR. */
  const ffmpegOfRuns = async (marker: string) => {
    const { stdout } = await exec('ps', ['-ww', '-eo', 'pid=,args=']);
    return stdout
      .split('\n')
      .filter((line) => line.includes(join(looply.dataDir, 'tmp', 'jobs')) && line.includes(marker))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  };

  it('hands the job to another attempt after the lease expires, and keeps one set of outputs', async () => {
    const session = await signUp(looply, 'survivor');
    // A slow ffmpeg (`-re` reads the source in real time) for the attempts that will die mid-encode.
    const slowFfmpeg = join(clips.dir, 'slow-ffmpeg');
    await writeFile(slowFfmpeg, '#!/bin/sh\nexec ffmpeg -re "$@"\n');
    await chmod(slowFfmpeg, 0o755);

    let releaseStalled: (reason: Error) => void = () => {};
    const stalled = new Promise<never>((_, reject) => {
      releaseStalled = reject;
    });
    stalled.catch(() => {});
    const stallingBlobs = (blobs: BlobStore): BlobStore => {
      let puts = 0;
      return {
        ...blobs,
        async putFile(key, file, type) {
          puts += 1;
          if (puts > 3) await stalled;
          return blobs.putFile(key, file, type);
        },
      };
    };

    // The healthy attempts heartbeat within this test's short lease, as a real worker does within its own; 3 s
    // leaves room for a late beat on a machine loaded by the other test files.
    const leaseMs = 3000;
    const deps = { ...processVideoDeps({ ...looply, log: looply.log }), leaseMs };
    const handler = createProcessVideoHandler(deps);
    const diesEncoding = createProcessVideoHandler({ ...deps, ffmpegPath: slowFfmpeg });
    const diesStoring = createProcessVideoHandler({ ...deps, blobs: stallingBlobs(deps.blobs) });
    const attempts: Array<{ video: string; attempt: number }> = [];
    let frozen: number[] = [];
    // The first attempt of each new video dies, in upload order. Assigned when its job starts: the worker is woken as
    // the upload commits, so the job may start before the upload's answer reaches the test.
    const deaths = [diesEncoding, diesStoring];
    const dying = new Map<string, typeof handler>();
    const worker = await looply.infra.jobs.process<ProcessVideoPayload>(
      PROCESS_VIDEO_QUEUE,
      async (job) => {
        attempts.push({ video: job.payload.video_id, attempt: job.attempt });
        const next = job.attempt === 1 && !dying.has(job.payload.video_id) ? deaths.shift() : undefined;
        if (next) dying.set(job.payload.video_id, next);
        const death = job.attempt === 1 ? dying.get(job.payload.video_id) : undefined;
        // A dead worker neither heartbeats nor acknowledges.
        if (death) return death({ ...job, heartbeat: async () => {} });
        return handler(job);
      },
      { concurrency: 3, maxAttempts: 3, backoffMs: 100, leaseMs },
    );
    try {
      const upload = async () => {
        const accepted = await uploadVideo(looply, session.access_token, await clips.clip({ seconds: 6 }));
        expect(accepted.status).toBe(202);
        return accepted.body.video_id as string;
      };
      const encoding = await upload();
      // Dies mid-encode: its ffmpeg freezes once the video shows progress, as in a machine that stopped.
      await vi.waitFor(
        async () => {
          frozen = await ffmpegOfRuns(' -re ');
          expect(frozen).toHaveLength(1);
          const { body } = await looply.api(`/v1/videos/${encoding}`, { token: session.access_token });
          expect(body.progress).toBeGreaterThan(5);
        },
        { timeout: 20_000, interval: 20 },
      );
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
      const storing = await upload();

      for (const id of [encoding, storing]) {
        const video = await waitForProcessed(looply, id, session.access_token, 60_000);
        expect(video.status).toBe('ready');
        expect(attempts.filter((a) => a.video === id).map((a) => a.attempt)).toEqual([1, 2]);
        await expectOneSetOfOutputs(id, video);
      }
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGKILL');
      releaseStalled(new Error('the stalled worker is gone'));
      await worker.stop();
    }
    // The dead attempts, woken at last, are fenced out: they change nothing.
    for (const id of dying.keys()) {
      const video = (await looply.api(`/v1/videos/${id}`, { token: session.access_token })).body;
      expect(video.status).toBe('ready');
      await expectOneSetOfOutputs(id, video);
    }
    expect(await readdir(join(looply.dataDir, 'tmp', 'jobs'))).toEqual([]);
  });

  const expectOneSetOfOutputs = async (
    id: string,
    video: { playback_urls: { hls: string }; sound: { id: string } },
  ) => {
    const rendition = RENDITION_KEY.exec(video.playback_urls.hls)?.[1];
    const keys: string[] = [];
    for await (const key of looply.infra.blobs.list(`videos/${id}/`)) keys.push(key);
    expect(new Set(keys.map((key) => key.split('/')[2]))).toEqual(new Set([rendition]));
    expect(keys.filter((key) => key.endsWith('master.m3u8'))).toHaveLength(1);
    const audio: string[] = [];
    for await (const key of looply.infra.blobs.list(`sounds/${video.sound.id}/`)) audio.push(key);
    expect(audio).toHaveLength(1);
  };
});
