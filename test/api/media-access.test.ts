import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MEDIA_AUDIENCE_CACHE_MS } from '../../src/modules/media/media-audience-cache.ts';
import { SIGNED_MEDIA_URL_TTL_SECONDS } from '../../src/modules/media/signed-urls.ts';
import { makeClipFactory } from '../support/clips.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import {
  expectMediaNotFound,
  expectSigned,
  fetchFully,
  playlistUris,
  tampered,
  unsigned,
} from '../support/signed-media.ts';
import { uploadVideo, waitForProcessed } from '../support/uploads.ts';

describe('media of videos not open to everyone: signed, expiring URLs', () => {
  let looply: TestLooply;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;
  let author: Awaited<ReturnType<typeof signUp>>;

  async function readyVideo(fields: Record<string, string> = {}) {
    const accepted = await uploadVideo(looply, author.access_token, await clips.clip({ seconds: 2 }), fields);
    expect(accepted.status).toBe(202);
    const video = await waitForProcessed(looply, accepted.body.video_id, author.access_token);
    expect(video.status).toBe('ready');
    return video;
  }

  async function setVisibility(id: string, visibility: string) {
    const response = await looply.api(`/v1/videos/${id}`, {
      method: 'PATCH',
      token: author.access_token,
      json: { visibility },
    });
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    clips = await makeClipFactory();
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1' });
    author = await signUp(looply, 'mediaauthor');
  });
  afterAll(async () => {
    await looply?.stop();
    await clips?.cleanup();
  });

  it('serves a private video only through the signed URLs the API gives its author, master to segment', async () => {
    const { id } = await readyVideo();
    const friendsOnly = await setVisibility(id, 'friends');
    expectSigned(friendsOnly.playback_urls.hls);
    await expectMediaNotFound(looply.url, unsigned(friendsOnly.thumbnails.poster));
    const video = await setVisibility(id, 'private');
    const urls = [video.playback_urls.hls, video.thumbnails.poster, video.thumbnails.sprite_vtt, video.download_url];
    for (const url of urls) expectSigned(url);
    const stranger = await signUp(looply, 'mediastranger');
    expect((await looply.api(`/v1/videos/${id}`, { token: stranger.access_token })).status).toBe(404);

    // Master → variant → segment, following the URIs the server rewrote.
    const masterUrl = new URL(video.playback_urls.hls, looply.url);
    const master = await fetch(masterUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const [variantUrl] = playlistUris(await master.text(), masterUrl);
    expect(variantUrl?.search).toBe(masterUrl.search);
    const variant = await fetch(variantUrl as URL);
    expect(variant.status).toBe(200);
    const [segmentUrl] = playlistUris(await variant.text(), variantUrl as URL);
    expect(segmentUrl?.search).toBe(masterUrl.search);
    const segment = await fetchFully(segmentUrl as URL);
    expect(segment.response.status).toBe(200);
    expect(segment.response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(segment.body.length).toBeGreaterThan(0);

    const { response: poster } = await fetchFully(new URL(video.thumbnails.poster, looply.url));
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    const vttUrl = new URL(video.thumbnails.sprite_vtt, looply.url);
    const vtt = await (await fetch(vttUrl)).text();
    const tile = vtt.split('\n').find((line) => line.includes('#xywh=')) as string;
    expect(tile).toMatch(/^sprite\.jpg\?exp=\d+&sig=[\w-]+#xywh=/);
    expect((await fetchFully(new URL(tile, vttUrl))).response.status).toBe(200);

    // The download redirect signs too.
    const redirect = await fetch(`${looply.url}/v1/videos/${id}/download`, {
      headers: { authorization: `Bearer ${author.access_token}` },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    await redirect.arrayBuffer();
    const location = redirect.headers.get('location') as string;
    expectSigned(location);
    const { response: download } = await fetchFully(new URL(location, looply.url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('video/mp4');

    // Without a signature, with a tampered one, and with an expired one: as if the files did not exist.
    const files = [
      masterUrl.pathname + masterUrl.search,
      (variantUrl as URL).pathname + (variantUrl as URL).search,
      (segmentUrl as URL).pathname + (segmentUrl as URL).search,
      video.thumbnails.poster,
      video.download_url,
    ];
    const signer = looply.services.mediaSigner;
    const longAgo = Date.now() - (SIGNED_MEDIA_URL_TTL_SECONDS + 60) * 1000;
    for (const file of files) {
      await expectMediaNotFound(looply.url, unsigned(file));
      await expectMediaNotFound(looply.url, tampered(file));
      const expired = signer.signedUrl(unsigned(file).slice('/media/'.length), longAgo);
      await expectMediaNotFound(looply.url, expired);
    }
    // A signature of another rendition directory does not open this one.
    const otherPrefix = signer.signedUrl(`videos/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/abc/x.m3u8`);
    await expectMediaNotFound(
      looply.url,
      unsigned(video.thumbnails.poster) + otherPrefix.slice(otherPrefix.indexOf('?')),
    );
  });

  it('signs the public videos of a private account', async () => {
    const owner = await signUp(looply, 'mediaprivate');
    const accepted = await uploadVideo(looply, owner.access_token, await clips.clip({ seconds: 2 }));
    await waitForProcessed(looply, accepted.body.video_id, owner.access_token);
    const changed = await looply.api('/v1/users/me', {
      method: 'PATCH',
      token: owner.access_token,
      json: { is_private: true },
    });
    expect(changed.status).toBe(200);
    const video = (await looply.api(`/v1/videos/${accepted.body.video_id}`, { token: owner.access_token })).body;
    expect(video.visibility).toBe('public');
    expectSigned(video.thumbnails.poster);
    await vi.waitFor(() => expectMediaNotFound(looply.url, unsigned(video.thumbnails.poster)), {
      timeout: MEDIA_AUDIENCE_CACHE_MS + 2_000,
      interval: 200,
    });
  });

  it('keeps a scheduled video signed until it is published', async () => {
    const video = await readyVideo({ scheduled_publish_at: new Date(Date.now() + 3_600_000).toISOString() });
    expectSigned(video.playback_urls.hls);
    await expectMediaNotFound(looply.url, unsigned(video.thumbnails.poster));
    expect((await fetchFully(new URL(video.thumbnails.poster, looply.url))).response.status).toBe(200);
  });

  it('keeps the original sound of a video made private to its owner: no page, no audio, no reuse for others', async () => {
    const video = await readyVideo();
    const soundId = video.sound?.id as string;
    expect(soundId).toBeTruthy();
    const stranger = await signUp(looply, 'soundstranger');
    const shown = await looply.api(`/v1/sounds/${soundId}`, { token: stranger.access_token });
    expect(shown.status).toBe(200);
    const audio = new URL(shown.body.audio_url, looply.url);
    expect((await fetchFully(audio)).response.status).toBe(200);

    await setVisibility(video.id, 'private');
    expect((await looply.api(`/v1/sounds/${soundId}`, { token: author.access_token })).status).toBe(200);
    for (const viewer of [stranger.access_token, undefined]) {
      const hidden = await looply.api(`/v1/sounds/${soundId}`, viewer ? { token: viewer } : {});
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe('SOUND_NOT_FOUND');
    }
    await vi.waitFor(() => expectMediaNotFound(looply.url, audio.pathname), {
      timeout: MEDIA_AUDIENCE_CACHE_MS + 2_000,
      interval: 200,
    });
    // Resumable uploads announced with JSON: the sound is checked when the upload is created, no bytes needed.
    const announce = (token: string) =>
      looply.api('/v1/videos', { method: 'POST', token, json: { caption: 'reuse', size: 1000, sound_id: soundId } });
    const reused = await announce(stranger.access_token);
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('SOUND_NOT_FOUND');
    expect((await announce(author.access_token)).status).toBe(202);

    await setVisibility(video.id, 'public');
    await vi.waitFor(async () => expect((await fetchFully(audio)).response.status).toBe(200), {
      timeout: MEDIA_AUDIENCE_CACHE_MS + 2_000,
      interval: 200,
    });
    expect((await looply.api(`/v1/sounds/${soundId}`, { token: stranger.access_token })).status).toBe(200);
  });

  it('serves a public video unsigned and cacheable, and stops within the cache time once it is made private', async () => {
    const video = await readyVideo();
    expect(video.playback_urls.hls).not.toContain('?');
    expect(video.thumbnails.poster).not.toContain('?');
    const master = await fetch(new URL(video.playback_urls.hls, looply.url));
    expect(master.status).toBe(200);
    expect(master.headers.get('cache-control')).toBe('public, max-age=60');
    expect(await master.text()).not.toContain('sig=');
    const { response: poster } = await fetchFully(new URL(video.thumbnails.poster, looply.url));
    expect(poster.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const madePrivate = Date.now();
    await setVisibility(video.id, 'private');
    await vi.waitFor(() => expectMediaNotFound(looply.url, video.thumbnails.poster), {
      timeout: MEDIA_AUDIENCE_CACHE_MS + 2_000,
      interval: 200,
    });
    expect(Date.now() - madePrivate).toBeLessThan(MEDIA_AUDIENCE_CACHE_MS + 2_000);
    const again = (await looply.api(`/v1/videos/${video.id}`, { token: author.access_token })).body;
    expectSigned(again.thumbnails.poster);
    expect((await fetchFully(new URL(again.thumbnails.poster, looply.url))).response.status).toBe(200);
  });
});
