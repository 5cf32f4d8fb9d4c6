import { randomUUID } from 'node:crypto';
import { readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { publishRtmp, type RtmpPublisher } from '../support/rtmp-publisher.ts';

const WAIT = { timeout: 30_000, interval: 100 };

describe('live streams API', () => {
  let looply: TestLooply;
  const publishers: RtmpPublisher[] = [];

  beforeAll(async () => {
    looply = await startTestLooply({ RTMP_PORT: '0', LIVE_RECONNECT_GRACE_SECONDS: '3' });
  });
  afterAll(async () => {
    await Promise.all(publishers.map((publisher) => publisher.kill()));
    await looply?.stop();
  });

  function publish(rtmpUrl: string, key: string): RtmpPublisher {
    const publisher = publishRtmp(`${rtmpUrl}/${key}`);
    publishers.push(publisher);
    return publisher;
  }

  async function start(token: string, json: Record<string, unknown> = { title: 'Hello live' }) {
    const response = await looply.api('/v1/live/start', { method: 'POST', json, token });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { stream_id: string; rtmp_url: string; stream_key: string; expires_at: string };
  }

  const statusOf = async (id: string, token?: string) =>
    (await looply.api(`/v1/live/${id}`, token ? { token } : {})).body.status;

  it('goes live from an RTMP publisher, serves the ladder as HLS, ends, and refuses the key afterwards', async () => {
    const host = await signUp(looply, 'live_host');
    const started = await start(host.access_token);
    expect(started).toMatchObject({
      rtmp_url: `rtmp://127.0.0.1:${looply.services.liveIngest.port}/live`,
      whip_or_ws_url: `${looply.url.replace(/^http/, 'ws')}/v1/live/ingest`,
      share_url: `${looply.url}/live/${started.stream_id}`,
    });
    expect(started.stream_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(started.expires_at)).toBeGreaterThan(Date.now());
    const idle = await looply.api(`/v1/live/${started.stream_id}`);
    expect(idle.body).toMatchObject({
      status: 'idle',
      title: 'Hello live',
      host: { username: 'live_host' },
      viewers: { now: 0, peak: 0 },
      playback_url: null,
    });

    const publisher = publish(started.rtmp_url, started.stream_key);
    await vi.waitFor(async () => expect(await statusOf(started.stream_id)).toBe('live'), WAIT);
    const listed = await looply.api('/v1/live');
    expect(listed.body.streams.map((stream: { id: string }) => stream.id)).toContain(started.stream_id);
    const live = (await looply.api(`/v1/live/${started.stream_id}`)).body;
    expect(live.playback_url).toBe(`${looply.url}/v1/live/${started.stream_id}/hls/master.m3u8`);
    expect(live.started_at).not.toBeNull();

    const hls = `/v1/live/${started.stream_id}/hls`;
    const master = await vi.waitFor(async () => {
      const response = await looply.api(`${hls}/master.m3u8`);
      expect(response.status).toBe(200);
      return response;
    }, WAIT);
    expect(master.headers.get('cache-control')).toBe('no-store');
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    // A 640x360 source gets the 360p rung only: nothing is upscaled to 720p.
    expect(master.body).toContain('RESOLUTION=640x360');
    expect(master.body).not.toContain('x720');
    const variant = await vi.waitFor(async () => {
      const response = await looply.api(`${hls}/v0/index.m3u8`);
      expect(response.body).toMatch(/^s\d+\.m4s$/m);
      return response.body as string;
    }, WAIT);
    expect(variant).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES');
    expect(variant).toMatch(/#EXT-X-PART:DURATION=0\.2\d*,URI="s\d+\.0\.m4s",INDEPENDENT=YES/);
    const segmentName = variant.split('\n').find((line) => line.endsWith('.m4s'));
    const segment = await fetch(`${looply.url}${hls}/v0/${segmentName}`);
    expect(segment.status).toBe(200);
    expect(segment.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const ended = await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: host.access_token });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', playback_url: null });
    expect(ended.body.ended_at).not.toBeNull();
    // The ingest drops the publisher and finishes the playlists.
    expect(await publisher.exited).not.toBe(0);
    await vi.waitFor(async () => expect((await looply.api(`${hls}/v0/index.m3u8`)).body).toContain('ENDLIST'), WAIT);
    expect((await looply.api('/v1/live')).body.streams).toEqual([]);

    const again = publish(started.rtmp_url, started.stream_key);
    expect(await again.exited).not.toBe(0);
    expect(await statusOf(started.stream_id)).toBe('ended');
  }, 120_000);

  it('refuses wrong and expired keys at connect', async () => {
    const host = await signUp(looply, 'key_holder');
    const started = await start(host.access_token);
    const lastChanged = `${started.stream_key.slice(0, -1)}${started.stream_key.endsWith('A') ? 'B' : 'A'}`;
    for (const key of [randomUUID().replaceAll('-', ''), lastChanged, 'x']) {
      expect(await publish(started.rtmp_url, key).exited).not.toBe(0);
    }
    await looply.infra.db.query(`update live_streams set key_expires_at = now() - interval '1 second' where id = $1`, [
      started.stream_id,
    ]);
    expect(await publish(started.rtmp_url, started.stream_key).exited).not.toBe(0);
    expect(await statusOf(started.stream_id)).toBe('idle');
  }, 60_000);

  it('continues the same stream when the publisher reconnects within the grace period, and ends it after silence', async () => {
    const host = await signUp(looply, 'flaky_host');
    const started = await start(host.access_token);
    const first = publish(started.rtmp_url, started.stream_key);
    const playlist = `/v1/live/${started.stream_id}/hls/v0/index.m3u8`;
    const mapsIn = async () => [...String((await looply.api(playlist)).body).matchAll(/EXT-X-MAP:URI="([^"]+)"/g)];
    const [before] = await vi.waitFor(async () => {
      const maps = await mapsIn();
      expect(maps).toHaveLength(1);
      return maps.map((match) => match[1]);
    }, WAIT);
    await first.kill();
    const ingest = looply.services.liveIngest;
    await vi.waitFor(() => expect(ingest.awaitingReconnect(started.stream_id)).toBe(true), WAIT);
    const second = publish(started.rtmp_url, started.stream_key);
    await vi.waitFor(() => expect(looply.services.liveIngest.transcodeOf(started.stream_id)).not.toBeNull(), WAIT);
    // Viewers carry on: the same playlist goes on after a discontinuity, with the new run's init section.
    await vi.waitFor(async () => {
      const text = String((await looply.api(playlist)).body);
      expect(text).toContain(`#EXT-X-MAP:URI="${before}"`);
      expect(text).toMatch(/#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI="init-r\d+\.mp4"/);
    }, WAIT);
    // Back in time: the grace period's countdown to the end is called off, the stream stays on air.
    await vi.waitFor(() => expect(ingest.awaitingReconnect(started.stream_id)).toBe(false), WAIT);
    expect(await statusOf(started.stream_id)).toBe('live');
    // One publisher at a time: the same key from elsewhere meanwhile is refused.
    expect(await publish(started.rtmp_url, started.stream_key).exited).not.toBe(0);
    await second.kill();
    await vi.waitFor(async () => expect(await statusOf(started.stream_id)).toBe('ended'), WAIT);
  }, 90_000);

  it('ends a stream on air that no ingest node vouches for any more (its node died)', async () => {
    const host = await signUp(looply, 'orphan_host');
    const started = await start(host.access_token);
    // Put on air as an ingest node would, by a node that then vanishes: nobody sends its heartbeat.
    await looply.services.liveStreams.admitPublisher(started.stream_key);
    expect(await statusOf(started.stream_id)).toBe('live');
    // Grace (3 s) + heartbeat lifetime (10 s) + one sweep (5 s) at most.
    await vi.waitFor(async () => expect(await statusOf(started.stream_id)).toBe('ended'), WAIT);
  }, 60_000);

  it('serves low-latency HLS: blocking playlist reloads and the hinted part are held until they exist', async () => {
    const host = await signUp(looply, 'llhls_host');
    const started = await start(host.access_token);
    publish(started.rtmp_url, started.stream_key);
    const playlist = `/v1/live/${started.stream_id}/hls/v0/index.m3u8`;
    const edgeOf = (text: string) => {
      const parts = [...text.matchAll(/URI="s(\d+)\.(\d+)\.m4s"/g)].map((match) => [
        Number(match[1]),
        Number(match[2]),
      ]);
      return parts.at(-1) as [number, number];
    };
    const first = await vi.waitFor(async () => {
      const response = await looply.api(playlist);
      expect(response.body).toMatch(/#EXT-X-PART:/);
      return response.body as string;
    }, WAIT);
    const [msn, part] = edgeOf(first);
    // The next part is not written yet: the reload is held until it is, then names it.
    const next = await looply.api(`${playlist}?_HLS_msn=${msn}&_HLS_part=${part + 1}`);
    expect(next.status).toBe(200);
    const [nextMsn, nextPart] = edgeOf(next.body);
    expect(nextMsn > msn || nextPart > part).toBe(true);
    // The part the playlist hints at is held too, and arrives whole.
    const hint = /#EXT-X-PRELOAD-HINT:TYPE=PART,URI="([^"]+)"/.exec(next.body)?.[1];
    expect(hint).toBeDefined();
    const hinted = await fetch(`${looply.url}/v1/live/${started.stream_id}/hls/v0/${hint}`);
    expect(hinted.status).toBe(200);
    expect((await hinted.arrayBuffer()).byteLength).toBeGreaterThan(100);
    // Far beyond the live edge is a bad request, not a hold; a part without its segment number too.
    expect((await looply.api(`${playlist}?_HLS_msn=${nextMsn + 50}`)).status).toBe(400);
    expect((await looply.api(`${playlist}?_HLS_part=1`)).status).toBe(400);
    await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: host.access_token });
  }, 90_000);

  it('restarts a transcoder that dies mid-stream', async () => {
    const host = await signUp(looply, 'crash_host');
    const started = await start(host.access_token);
    publish(started.rtmp_url, started.stream_key);
    const transcode = await vi.waitFor(() => {
      const found = looply.services.liveIngest.transcodeOf(started.stream_id);
      if (!found) throw new Error('no transcode yet');
      return found;
    }, WAIT);
    const playlist = `/v1/live/${started.stream_id}/hls/v0/index.m3u8`;
    const runsIn = async () => {
      const response = await looply.api(playlist);
      const body = typeof response.body === 'string' ? response.body : '';
      return new Set([...body.matchAll(/init-r(\d+)\.mp4/g)].map((match) => match[1]));
    };
    const before = await vi.waitFor(async () => {
      const runs = await runsIn();
      expect(runs.size).toBe(1);
      return [...runs][0];
    }, WAIT);
    const dir = join(looply.dataDir, 'tmp', 'live', started.stream_id);
    const pid = await vi.waitFor(async () => {
      const found = await processWorkingIn(dir);
      if (found === null) throw new Error('no ffmpeg in the stream directory yet');
      return found;
    }, WAIT);
    process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(transcode.runs).toBe(2), WAIT);
    // The new run's segments replace the old run's in the playlist viewers read.
    await vi.waitFor(async () => {
      const runs = await runsIn();
      expect(runs.size).toBeGreaterThan(0);
      expect(runs.has(before)).toBe(false);
    }, WAIT);
    await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: host.access_token });
  }, 90_000);

  it('lists who is on air, hosts the viewer follows first, page by page', async () => {
    const early = await signUp(looply, 'early_host');
    const followed = await signUp(looply, 'followed_host');
    const viewer = await signUp(looply, 'list_viewer');
    await looply.api('/v1/users/followed_host/follow', { method: 'POST', token: viewer.access_token });
    const earlyStream = await start(early.access_token, { title: 'Early' });
    const followedStream = await start(followed.access_token, { title: 'Followed' });
    const hidden = await start(early.access_token, { title: 'Hidden', visibility: 'private' });
    // On air the way ingest puts them there, oldest first.
    for (const stream of [followedStream, earlyStream, hidden]) {
      await looply.services.liveStreams.admitPublisher(stream.stream_key);
    }
    const pages = async (token?: string) => {
      const ids: string[] = [];
      let cursor = '';
      do {
        const page = await looply.api(`/v1/live?count=1${cursor ? `&cursor=${cursor}` : ''}`, token ? { token } : {});
        expect(page.status).toBe(200);
        ids.push(...page.body.streams.map((stream: { id: string }) => stream.id));
        cursor = page.body.cursor ?? '';
      } while (cursor);
      return ids.filter((id) => [earlyStream, followedStream, hidden].some((s) => s.stream_id === id));
    };
    expect(await pages(viewer.access_token)).toEqual([followedStream.stream_id, earlyStream.stream_id]);
    expect(await pages()).toEqual([earlyStream.stream_id, followedStream.stream_id]);
    expect(await pages(early.access_token)).toEqual([
      hidden.stream_id,
      earlyStream.stream_id,
      followedStream.stream_id,
    ]);
    for (const stream of [earlyStream, hidden]) {
      await looply.api(`/v1/live/${stream.stream_id}/end`, { method: 'POST', token: early.access_token });
    }
    await looply.api(`/v1/live/${followedStream.stream_id}/end`, { method: 'POST', token: followed.access_token });
  });

  it('hides private and friends-only streams from those who may not see them; only the host ends a stream', async () => {
    const host = await signUp(looply, 'private_host');
    const stranger = await signUp(looply, 'stranger_viewer');
    const privately = await start(host.access_token, { title: 'Just me', visibility: 'private' });
    const friendsOnly = await start(host.access_token, { title: 'Friends', visibility: 'friends' });
    const open = await start(host.access_token, { title: 'Everyone' });
    for (const id of [privately.stream_id, friendsOnly.stream_id]) {
      expect((await looply.api(`/v1/live/${id}`, { token: stranger.access_token })).status).toBe(404);
      expect((await looply.api(`/v1/live/${id}`)).status).toBe(404);
      expect((await looply.api(`/v1/live/${id}/hls/master.m3u8`)).status).toBe(404);
      const end = await looply.api(`/v1/live/${id}/end`, { method: 'POST', token: stranger.access_token });
      expect(end.status).toBe(404);
      expect((await looply.api(`/v1/live/${id}`, { token: host.access_token })).status).toBe(200);
    }
    const notHost = await looply.api(`/v1/live/${open.stream_id}/end`, {
      method: 'POST',
      token: stranger.access_token,
    });
    expect(notHost.status).toBe(403);
    expect(notHost.body.error.code).toBe('NOT_STREAM_HOST');
    expect(await statusOf(open.stream_id)).toBe('idle');
    expect((await looply.api(`/v1/live/${randomUUID()}`)).status).toBe(404);
    expect((await looply.api('/v1/live/start', { method: 'POST', json: { title: 'x' } })).status).toBe(401);
    const blank = await looply.api('/v1/live/start', {
      method: 'POST',
      json: { title: '   ' },
      token: host.access_token,
    });
    expect(blank.body.error.code).toBe('INVALID_TITLE');
  });

  it('sends gifts to the host of a stream on air, charged once per key, refused without coins', async () => {
    const host = await signUp(looply, 'gift_host');
    const fan = await signUp(looply, 'gift_fan');
    const broke = await signUp(looply, 'gift_broke');
    const started = await start(host.access_token);
    const gifts = `/v1/live/${started.stream_id}/gifts`;
    const gift = (token: string, key = randomUUID()) =>
      looply.api(gifts, { method: 'POST', json: { gift_id: 'rose', quantity: 2, idempotency_key: key }, token });

    const early = await gift(fan.access_token);
    expect([early.status, early.body.error.code]).toEqual([409, 'STREAM_NOT_LIVE']);
    // On air the way ingest puts it there, without spending a publisher on it.
    expect(await looply.services.liveStreams.admitPublisher(started.stream_key)).toMatchObject({ status: 'live' });

    const poor = await gift(broke.access_token);
    expect([poor.status, poor.body.error.code]).toEqual([402, 'INSUFFICIENT_COINS']);
    expect((await looply.api('/v1/wallet', { token: broke.access_token })).body).toEqual({ coins: 0, diamonds: 0 });

    await looply.api('/v1/wallet/purchases', {
      method: 'POST',
      json: { package_id: 'coins-70', idempotency_key: randomUUID() },
      token: fan.access_token,
    });
    const key = randomUUID();
    const first = await gift(fan.access_token, key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ gift_id: 'rose', quantity: 2, replayed: false });
    const retry = await gift(fan.access_token, key);
    expect(retry.body).toMatchObject({ transaction_id: first.body.transaction_id, replayed: true });
    const fanWallet = (await looply.api('/v1/wallet', { token: fan.access_token })).body;
    expect(fanWallet.coins).toBe(70 - first.body.coins_spent);
    const hostWallet = (await looply.api('/v1/wallet', { token: host.access_token })).body;
    expect(hostWallet.diamonds).toBe(first.body.diamonds_earned);

    const priced = await looply.api(gifts, {
      method: 'POST',
      json: { gift_id: 'rose', idempotency_key: randomUUID(), coins: 0 },
      token: fan.access_token,
    });
    expect([priced.status, priced.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const self = await gift(host.access_token);
    expect([self.status, self.body.error.code]).toEqual([400, 'CANNOT_GIFT_SELF']);
    await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: host.access_token });
    const late = await gift(fan.access_token);
    expect([late.status, late.body.error.code]).toEqual([409, 'STREAM_NOT_LIVE']);
  });
});

describe('live starts rate limit', () => {
  let looply: TestLooply;
  beforeAll(async () => {
    looply = await startTestLooply({ RATE_LIMIT_SCALE: '1' });
  });
  afterAll(() => looply?.stop());

  it('allows 5 starts a day per person', async () => {
    const host = await signUp(looply, 'eager_host');
    const start = () =>
      looply.api('/v1/live/start', { method: 'POST', json: { title: 'Again' }, token: host.access_token });
    for (let i = 0; i < 5; i += 1) expect((await start()).status).toBe(201);
    const refused = await start();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

/** The process whose working directory is `dir`: the stream's ffmpeg (the ingest runs it there). */
async function processWorkingIn(dir: string): Promise<number | null> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => null);
    if (cwd === dir) return Number(entry);
  }
  return null;
}
