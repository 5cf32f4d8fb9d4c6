import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, createApiClient } from '../support/api-client.ts';
import { makeClipFactory } from '../support/clips.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { freePort } from '../support/ports.ts';
import { spawnLooply } from '../support/processes.ts';
import { waitForProcessed } from '../support/uploads.ts';

const CHUNK = 8 * 1024;
// Harmless where the media validation's minimum length (15 s by default) does not exist yet.
const SHORT_CLIPS_OK = { MIN_VIDEO_SECONDS: '1' };

function startResumable(api: ApiClient, token: string, details: Record<string, unknown>) {
  return api('/v1/videos', { method: 'POST', token, json: details });
}

/** A bare tus request, for what tus-js-client never sends: wrong offsets, too many bytes, strangers. */
function tusCall(
  url: string,
  method: string,
  token: string | undefined,
  headers: Record<string, string> = {},
  body?: Uint8Array<ArrayBuffer>,
) {
  return fetch(url, {
    method,
    headers: { 'tus-resumable': '1.0.0', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ?? null,
  });
}

const patchHeaders = (offset: number) => ({
  'upload-offset': String(offset),
  'content-type': 'application/offset+octet-stream',
});

/** tus-js-client continuing an upload we created, as the web client does. */
function tusUpload(bytes: Buffer, uploadUrl: string, token: string, options: tus.UploadOptions = {}) {
  let upload: tus.Upload | undefined;
  const done = new Promise<void>((resolve, reject) => {
    upload = new tus.Upload(bytes, {
      uploadUrl,
      headers: { authorization: `Bearer ${token}` },
      chunkSize: CHUNK,
      retryDelays: [],
      storeFingerprintForResuming: false,
      onSuccess: () => resolve(),
      onError: reject,
      ...options,
    });
  });
  upload?.start();
  return { upload: upload as tus.Upload, done };
}

async function videoStatus(api: ApiClient, id: string, token: string) {
  return (await api(`/v1/videos/${id}`, { token })).body;
}

describe('resumable uploads over tus', () => {
  let looply: TestLooply;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;
  let author: Awaited<ReturnType<typeof signUp>>;
  let stranger: Awaited<ReturnType<typeof signUp>>;
  let clip: Buffer;
  const tusFile = (id: string) => join(looply.dataDir, 'uploads', id);

  beforeAll(async () => {
    clips = await makeClipFactory();
    clip = await readFile(await clips.clip({ seconds: 3 }));
    looply = await startTestLooply({ ...SHORT_CLIPS_OK, MAX_UPLOAD_BYTES: String(1024 * 1024) });
    author = await signUp(looply, 'resumer');
    stranger = await signUp(looply, 'snooper');
  });
  afterAll(async () => {
    await looply?.stop();
    await clips?.cleanup();
  });

  it('creates the video with JSON, takes the bytes in small tus chunks, and processes it to ready', async () => {
    const started = await startResumable(looply.api, author.access_token, {
      caption: 'Sent in pieces #tus',
      hashtags: ['chunks'],
      allow_download: false,
      size: clip.length,
      filename: 'clip.mp4',
    });
    expect(started.status).toBe(202);
    const id = started.body.video_id;
    expect(started.body).toMatchObject({ status: 'uploading', upload_url: `${looply.url}/v1/uploads/${id}` });
    expect(started.body.estimated_processing_time_seconds).toBeGreaterThan(0);
    expect(await videoStatus(looply.api, id, author.access_token)).toMatchObject({ status: 'uploading' });
    expect((await looply.api(`/v1/videos/${id}`, { token: stranger.access_token })).status).toBe(404);

    let chunks = 0;
    await tusUpload(clip, started.body.upload_url, author.access_token, { onChunkComplete: () => chunks++ }).done;
    expect(chunks).toBe(Math.ceil(clip.length / CHUNK));
    // The last PATCH is answered once the video is queued for processing.
    expect(['processing', 'ready']).toContain((await videoStatus(looply.api, id, author.access_token)).status);
    await expect(stat(tusFile(id))).rejects.toMatchObject({ code: 'ENOENT' });
    const head = await tusCall(started.body.upload_url, 'HEAD', author.access_token);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(clip.length));

    const video = await waitForProcessed(looply, id, author.access_token);
    expect(video).toMatchObject({
      status: 'ready',
      caption: 'Sent in pieces #tus',
      hashtags: ['chunks', 'tus'],
      allow_download: false,
    });
    expect(video.duration_ms).toBeGreaterThan(2800);
    expect((await fetch(`${looply.url}${video.playback_urls.hls}`)).status).toBe(200);
  });

  it('resumes an upload the client interrupted from the stored offset, without sending stored bytes again', async () => {
    const started = await startResumable(looply.api, author.access_token, { caption: 'paused', size: clip.length });
    const url = started.body.upload_url;

    let sentBeforeAbort = 0;
    const first = tusUpload(clip, url, author.access_token, {
      onProgress: (sent) => {
        sentBeforeAbort = Math.max(sentBeforeAbort, sent);
        if (sent >= clip.length * 0.4) void first.upload.abort();
      },
    });
    await vi.waitFor(() => expect(sentBeforeAbort).toBeGreaterThanOrEqual(clip.length * 0.4));
    await first.upload.abort();

    const head = await tusCall(url, 'HEAD', author.access_token);
    expect(head.status).toBe(200);
    const stored = Number(head.headers.get('upload-offset'));
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(clip.length);
    expect(stored).toBeLessThanOrEqual(sentBeforeAbort);
    expect((await videoStatus(looply.api, started.body.video_id, author.access_token)).status).toBe('uploading');

    const patchOffsets: number[] = [];
    let sentAfterResume = 0;
    await tusUpload(clip, url, author.access_token, {
      onBeforeRequest: (req) => {
        if (req.getMethod() === 'PATCH') patchOffsets.push(Number(req.getHeader('Upload-Offset')));
      },
      onChunkComplete: (chunkSize) => {
        sentAfterResume += chunkSize;
      },
    }).done;
    expect(patchOffsets[0]).toBe(stored);
    expect(sentAfterResume).toBe(clip.length - stored);
    expect(sentBeforeAbort + sentAfterResume).toBeLessThanOrEqual(clip.length + CHUNK);

    const video = await waitForProcessed(looply, started.body.video_id, author.access_token);
    expect(video.status).toBe('ready');
  });

  it('lets only the owner touch an upload and holds every PATCH to the protocol', async () => {
    const started = await startResumable(looply.api, author.access_token, { size: 1000 });
    const url = started.body.upload_url;
    const id = started.body.video_id;

    for (const method of ['HEAD', 'PATCH', 'DELETE']) {
      const headers = method === 'PATCH' ? patchHeaders(0) : {};
      const body = method === 'PATCH' ? new Uint8Array(10) : undefined;
      expect((await tusCall(url, method, stranger.access_token, headers, body)).status).toBe(403);
      expect((await tusCall(url, method, undefined, headers, body)).status).toBe(401);
    }
    const strangersPatch = await tusCall(url, 'PATCH', stranger.access_token, patchHeaders(0), new Uint8Array(10));
    expect((await strangersPatch.json()).error.code).toBe('NOT_YOUR_UPLOAD');
    expect((await tusCall(`${looply.url}/v1/uploads/${crypto.randomUUID()}`, 'HEAD', author.access_token)).status).toBe(
      404,
    );
    expect((await tusCall(`${looply.url}/v1/uploads/..%2F..%2Fpglite`, 'HEAD', author.access_token)).status).toBe(404);

    const wrongOffset = await tusCall(url, 'PATCH', author.access_token, patchHeaders(5), new Uint8Array(10));
    expect(wrongOffset.status).toBe(409);
    const tooMuch = await tusCall(url, 'PATCH', author.access_token, patchHeaders(0), new Uint8Array(1001));
    expect(tooMuch.status).toBe(413);
    const part = await tusCall(url, 'PATCH', author.access_token, patchHeaders(0), new Uint8Array(600));
    expect(part.status).toBe(204);
    expect(part.headers.get('upload-offset')).toBe('600');
    const overflow = await tusCall(url, 'PATCH', author.access_token, patchHeaders(600), new Uint8Array(401));
    expect(overflow.status).toBe(413);
    expect((await tusCall(url, 'HEAD', author.access_token)).headers.get('upload-offset')).toBe('600');

    // Uploads are created only by POST /v1/videos, never by tus itself.
    const tusCreate = await tusCall(`${looply.url}/v1/uploads`, 'POST', author.access_token, { 'upload-length': '10' });
    expect(tusCreate.status).toBe(405);

    // Termination by the owner: the video is removed and the bytes deleted.
    expect((await tusCall(url, 'DELETE', author.access_token)).status).toBe(204);
    expect((await looply.api(`/v1/videos/${id}`, { token: author.access_token })).status).toBe(404);
    await expect(stat(tusFile(id))).rejects.toMatchObject({ code: 'ENOENT' });
    const afterDelete = await tusCall(url, 'PATCH', author.access_token, patchHeaders(600), new Uint8Array(400));
    expect(afterDelete.status).toBe(410);
    expect((await afterDelete.json()).error.code).toBe('UPLOAD_CANCELLED');
  });

  it('checks the creation request: a size, within the limit, and a signed-in author', async () => {
    const tooLarge = await startResumable(looply.api, author.access_token, { size: 1024 * 1024 + 1 });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    for (const size of [0, -5, 1.5, 'big', undefined]) {
      expect((await startResumable(looply.api, author.access_token, { size })).status).toBe(400);
    }
    // Text limits count characters (an emoji is one): the schema bounds the text as sent, the check once trimmed.
    const longCaption = await startResumable(looply.api, author.access_token, { size: 10, caption: 'x'.repeat(2201) });
    expect([longCaption.status, longCaption.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const emojiCaption = await startResumable(looply.api, author.access_token, {
      size: 10,
      caption: '🎉'.repeat(2200),
    });
    expect(emojiCaption.status).toBe(202);
    expect((await tusCall(emojiCaption.body.upload_url, 'DELETE', author.access_token)).status).toBe(204);
    const tags = Array.from({ length: 31 }, (_, i) => `tag${i}`);
    const tooManyListed = await startResumable(looply.api, author.access_token, { size: 10, hashtags: tags });
    expect([tooManyListed.status, tooManyListed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const tooManyWritten = await startResumable(looply.api, author.access_token, {
      size: 10,
      hashtags: tags.join(' '),
    });
    expect(tooManyWritten.body.error.code).toBe('TOO_MANY_HASHTAGS');
    // The multipart upload's fields, checked by the same rules.
    const badSpeed = await startResumable(looply.api, author.access_token, { size: 10, speed: 9 });
    expect(badSpeed.body.error.code).toBe('INVALID_SPEED');
    const badSchedule = await startResumable(looply.api, author.access_token, {
      size: 10,
      scheduled_publish_at: 'soon',
    });
    expect(badSchedule.body.error.code).toBe('INVALID_SCHEDULE');
    const files = await readdir(join(looply.dataDir, 'uploads'));
    const unknownSound = await startResumable(looply.api, author.access_token, {
      size: 10,
      sound_id: crypto.randomUUID(),
    });
    expect(unknownSound.body.error.code).toBe('SOUND_NOT_FOUND');
    expect(await readdir(join(looply.dataDir, 'uploads'))).toEqual(files);
    expect((await looply.api('/v1/videos', { method: 'POST', json: { size: 10 } })).status).toBe(401);
  });

  it('lets the pipeline refuse a file that is not a video: failed with NOT_A_VIDEO', async () => {
    const text = Buffer.from('not a video, just words\n'.repeat(100));
    const started = await startResumable(looply.api, author.access_token, { size: text.length, filename: 'a.mp4' });
    await tusUpload(text, started.body.upload_url, author.access_token).done;
    const video = await waitForProcessed(looply, started.body.video_id, author.access_token);
    expect(video.status).toBe('failed');
    expect(video.error.code).toBe('NOT_A_VIDEO');
  });

  it('finishes an upload whose bytes were stored but whose hand-over was lost: on the next HEAD, or by the sweep', async () => {
    const text = Buffer.from('stored before the crash\n'.repeat(50));
    const viaHead = await startResumable(looply.api, author.access_token, { size: text.length });
    const viaSweep = await startResumable(looply.api, author.access_token, { size: text.length });
    // As if the server died right after writing the last byte, before handing the file on.
    await writeFile(tusFile(viaHead.body.video_id), text);
    await writeFile(tusFile(viaSweep.body.video_id), text);

    const head = await tusCall(viaHead.body.upload_url, 'HEAD', author.access_token);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(text.length));
    expect((await looply.services.uploads.sweep()).completed).toBe(1);

    for (const id of [viaHead.body.video_id, viaSweep.body.video_id]) {
      const video = await waitForProcessed(looply, id, author.access_token);
      expect(video.error.code).toBe('NOT_A_VIDEO');
    }
  });
});

describe('an abandoned resumable upload', () => {
  let looply: TestLooply;

  beforeAll(async () => {
    looply = await startTestLooply({ ...SHORT_CLIPS_OK, UPLOAD_EXPIRY_SECONDS: '1' });
  });
  afterAll(async () => {
    await looply?.stop();
  });

  it('expires: tus refuses it, the sweep deletes its bytes and fails the video with UPLOAD_EXPIRED', async () => {
    const author = await signUp(looply, 'dawdler');
    const started = await startResumable(looply.api, author.access_token, { size: 1000 });
    const url = started.body.upload_url;
    const part = await tusCall(url, 'PATCH', author.access_token, patchHeaders(0), new Uint8Array(100));
    expect(part.status).toBe(204);
    expect(part.headers.get('upload-expires')).toBeTruthy();

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await tusCall(url, 'HEAD', author.access_token)).status).toBe(410);
    expect(await looply.services.uploads.sweep()).toMatchObject({ expired: 1, failures: [] });

    const video = await videoStatus(looply.api, started.body.video_id, author.access_token);
    expect(video).toMatchObject({ status: 'failed', error: { code: 'UPLOAD_EXPIRED' } });
    expect(await readdir(join(looply.dataDir, 'uploads'))).toEqual([]);
    const late = await tusCall(url, 'PATCH', author.access_token, patchHeaders(100), new Uint8Array(100));
    expect(late.status).toBe(410);
    expect((await late.json()).error.code).toBe('UPLOAD_EXPIRED');
  });
});

describe('a resumable upload when the server is killed', () => {
  it('resumes on a restarted server over the same DATA_DIR from the bytes on disk, and reaches ready', async () => {
    const clips = await makeClipFactory();
    const dataDir = await mkdtemp(join(tmpdir(), 'looply-kill-'));
    const port = await freePort();
    const env = {
      ...SHORT_CLIPS_OK,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_CONTENT: 'off',
      RATE_LIMIT_SCALE: '0',
      X264_PRESET: 'ultrafast',
    };
    let server = spawnLooply(['start'], env);
    try {
      const clip = await readFile(await clips.clip({ seconds: 3 }));
      await server.waitForLog(/Looply is listening/, 60_000);
      const api = createApiClient(`http://127.0.0.1:${port}`);
      const session = await api('/v1/auth/signup', {
        method: 'POST',
        json: { username: 'unlucky', password: 'a long password' },
      });
      const token = session.body.access_token as string;
      const started = await startResumable(api, token, { caption: 'survives', size: clip.length });
      const id = started.body.video_id as string;

      // A PATCH for the whole file whose body stops half way, still open when the server dies.
      const half = Math.floor(clip.length / 2);
      const patch = httpRequest(started.body.upload_url, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${token}`,
          'tus-resumable': '1.0.0',
          'content-length': String(clip.length),
          ...patchHeaders(0),
        },
      });
      patch.on('error', () => {});
      patch.write(clip.subarray(0, half));
      const onDisk = join(dataDir, 'uploads', id);
      await vi.waitFor(async () => expect((await stat(onDisk)).size).toBe(half), { timeout: 10_000, interval: 20 });
      await server.stop('SIGKILL');
      patch.destroy();

      server = spawnLooply(['start'], env);
      await server.waitForLog(/Looply is listening/, 60_000);
      const head = await tusCall(started.body.upload_url, 'HEAD', token);
      expect(head.headers.get('upload-offset')).toBe(String(half));

      const patchOffsets: number[] = [];
      await tusUpload(clip, started.body.upload_url, token, {
        onBeforeRequest: (req) => {
          if (req.getMethod() === 'PATCH') patchOffsets.push(Number(req.getHeader('Upload-Offset')));
        },
      }).done;
      expect(patchOffsets[0]).toBe(half);
      const video = await waitForProcessed({ api }, id, token, 60_000);
      expect(video.status).toBe('ready');
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await clips.cleanup();
    }
  });
});
