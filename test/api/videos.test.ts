import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClipFactory } from '../support/clips.ts';
import { signUp, startTestLooply, type TestLooply, waitUntilRecommendable } from '../support/looply.ts';
import { uploadVideo, waitForProcessed } from '../support/uploads.ts';

describe('the thin media slice: upload → HLS → feed', () => {
  let looply: TestLooply;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;
  let author: Awaited<ReturnType<typeof signUp>>;
  let stranger: Awaited<ReturnType<typeof signUp>>;
  let clip: string;

  beforeAll(async () => {
    clips = await makeClipFactory();
    clip = await clips.clip({ seconds: 3 });
    looply = await startTestLooply({ MAX_UPLOAD_BYTES: String(2 * 1024 * 1024), MIN_VIDEO_SECONDS: '1' });
    author = await signUp(looply, 'creator');
    stranger = await signUp(looply, 'stranger');
  });
  afterAll(async () => {
    await looply.stop();
    await clips.cleanup();
  });

  it('accepts a clip with 202, processes it to a playable HLS ladder and poster, and shows it in the feed', async () => {
    const accepted = await uploadVideo(looply, author.access_token, clip, {
      caption: 'First clip #Hello',
      hashtags: 'demo, #looply',
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'processing' });
    expect(accepted.body.video_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted.body.estimated_processing_time_seconds).toBeGreaterThan(0);
    expect(accepted.body).toHaveProperty('upload_url');
    const id = accepted.body.video_id;

    // Until it is ready, only its author sees it.
    const early = await looply.api(`/v1/videos/${id}`, { token: stranger.access_token });
    if (early.status === 200) expect(early.body.status).toBe('ready');
    else expect(early.body.error.code).toBe('VIDEO_NOT_FOUND');

    const video = await waitForProcessed(looply, id, author.access_token);
    expect(video).toMatchObject({
      status: 'ready',
      progress: 100,
      error: null,
      caption: 'First clip #Hello',
      hashtags: ['demo', 'looply', 'hello'],
      author: { username: 'creator' },
    });
    expect(video.duration_ms).toBeGreaterThan(2800);
    expect(video.duration_ms).toBeLessThan(3300);

    const master = await fetch(`${looply.url}${video.playback_urls.hls}`);
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toContain('application/vnd.apple.mpegurl');
    const masterText = await master.text();
    expect(masterText).toContain('#EXT-X-STREAM-INF');
    expect(masterText).toMatch(/CODECS="avc1\.[0-9a-fA-F]+,mp4a\.40\.2"/);

    const variantPath = masterText.split('\n').find((line) => line.endsWith('.m3u8')) as string;
    const base = new URL(video.playback_urls.hls, looply.url);
    const variant = await (await fetch(new URL(variantPath, base))).text();
    expect(variant).toContain('#EXT-X-ENDLIST');
    const segmentPath = variant.split('\n').find((line) => line && !line.startsWith('#')) as string;
    const segmentUrl = new URL(segmentPath, new URL(variantPath, base));
    const whole = await fetch(segmentUrl);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toMatch(/video\/(mp2t|iso\.segment|mp4)/);
    const size = Number(whole.headers.get('content-length'));
    const ranged = await fetch(segmentUrl, { headers: { range: 'bytes=10-109' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 10-109/${size}`);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    const outside = await fetch(segmentUrl, { headers: { range: `bytes=${size + 10}-` } });
    expect(outside.status).toBe(416);

    const poster = await fetch(`${looply.url}${video.thumbnails.poster}`);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await poster.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    // A visitor without an account gets the feed with the video and hints to prefetch.
    await waitUntilRecommendable(looply, id);
    const feed = await looply.api('/v1/feed/fyp?count=5');
    expect(feed.status).toBe(200);
    expect(feed.body.videos.map((v: { id: string }) => v.id)).toContain(id);
    expect(feed.body).toHaveProperty('prefetch_hints');
    expect(feed.body).toHaveProperty('has_more');
  });

  it('pages the feed newest first with an opaque cursor', async () => {
    const second = await uploadVideo(looply, author.access_token, await clips.clip({ seconds: 2 }), { caption: 'two' });
    await waitForProcessed(looply, second.body.video_id, author.access_token);
    await waitUntilRecommendable(looply, second.body.video_id);
    const first = await looply.api('/v1/feed/fyp?count=1');
    expect(first.body.videos).toHaveLength(1);
    expect(first.body.videos[0].id).toBe(second.body.video_id);
    expect(first.body.has_more).toBe(true);
    const next = await looply.api(`/v1/feed/fyp?count=1&cursor=${encodeURIComponent(first.body.cursor)}`);
    expect(next.body.videos).toHaveLength(1);
    expect(next.body.videos[0].id).not.toBe(second.body.video_id);
    const all = await looply.api('/v1/feed/fyp?count=10');
    expect(all.body.has_more).toBe(false);
    expect(all.body.cursor).toBeNull();
    expect(all.body.prefetch_hints[0]).toMatchObject({ video_id: all.body.videos[1].id });
    expect((await looply.api('/v1/feed/fyp?cursor=not-a-cursor')).body.error.code).toBe('INVALID_CURSOR');
  });

  it('refuses bad uploads with clear 4xx codes and keeps serving', async () => {
    const textFile = join(clips.dir, 'notes.txt');
    await writeFile(textFile, 'this is not a video at all\n'.repeat(50));
    const notVideo = await uploadVideo(looply, author.access_token, textFile, {}, 'notes.mp4');
    expect(notVideo.status).toBe(415);
    expect(notVideo.body.error.code).toBe('NOT_A_VIDEO');

    const empty = await uploadVideo(looply, author.access_token, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('EMPTY_FILE');

    const huge = await uploadVideo(looply, author.access_token, Buffer.alloc(3 * 1024 * 1024, 1));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const anonymous = await uploadVideo(looply, undefined, clip);
    expect(anonymous.status).toBe(401);

    // JSON starts a resumable upload, which needs the file's size.
    const json = await looply.api('/v1/videos', { method: 'POST', token: author.access_token, json: { caption: 'x' } });
    expect(json.status).toBe(400);
    const text = await looply.api('/v1/videos', {
      method: 'POST',
      token: author.access_token,
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);

    const form = new FormData();
    form.append('caption', 'no file');
    const noFile = await looply.api('/v1/videos', { method: 'POST', token: author.access_token, body: form });
    expect(noFile.body.error.code).toBe('VIDEO_REQUIRED');

    const longCaption = await uploadVideo(looply, author.access_token, clip, { caption: 'x'.repeat(2201) });
    expect(longCaption.body.error.code).toBe('CAPTION_TOO_LONG');

    expect((await looply.api('/v1/videos/not-a-uuid')).status).toBe(400);
    expect((await looply.api('/v1/videos/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await looply.api('/readyz')).status).toBe(200);
  });

  it('marks a source that turns out not to be a video as failed with a code and a message', async () => {
    const bogus = join(clips.dir, 'bogus.bin');
    await writeFile(bogus, Buffer.from('GIF89a but not really an image or a video'));
    const accepted = await looply.services.videoLifecycle.acceptUpload({
      authorId: author.user.id,
      caption: 'bogus',
      hashtags: [],
      file: bogus,
      durationMs: 0,
    });
    const video = await waitForProcessed(looply, accepted.video_id, author.access_token);
    expect(video.status).toBe('failed');
    expect(video.error.code).toBe('NOT_A_VIDEO');
    expect(video.error.message.length).toBeGreaterThan(10);
    expect(video.playback_urls).toBeNull();
    // Nobody else sees a failed video.
    expect((await looply.api(`/v1/videos/${accepted.video_id}`, { token: stranger.access_token })).status).toBe(404);
  });

  it('lists a creator\u2019s videos: everything for the creator, only ready public ones for others', async () => {
    const own = await looply.api('/v1/users/creator/videos', { token: author.access_token });
    const seen = await looply.api('/v1/users/creator/videos');
    expect(own.body.videos.some((v: { status: string }) => v.status === 'failed')).toBe(true);
    expect(seen.body.videos.every((v: { status: string }) => v.status === 'ready')).toBe(true);
    expect(seen.body.videos.length).toBeGreaterThanOrEqual(2);
  });

  it('logs a view and counts it', async () => {
    const feed = await looply.api('/v1/feed/fyp?count=1');
    const id = feed.body.videos[0].id;
    const view = await looply.api(`/v1/videos/${id}/view`, {
      method: 'POST',
      json: { watch_time_ms: 1500, completion_rate: 0.5, replay_count: 0, source: 'fyp' },
    });
    expect(view.status).toBe(204);
    expect((await looply.api(`/v1/videos/${id}`)).body.stats.views).toBe(1);
    const bad = await looply.api(`/v1/videos/${id}/view`, { method: 'POST', json: { watch_time_ms: -1 } });
    expect(bad.status).toBe(400);
  });
});
