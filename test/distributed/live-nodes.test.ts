import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectLiveSocket } from '../support/live-socket.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { publishRtmp, type RtmpPublisher } from '../support/rtmp-publisher.ts';
import { distributedEnv, distributedUrls } from '../support/services.ts';
import { cleanUpDistributed } from '../support/social.ts';

const urls = distributedUrls();
const ready = Boolean(urls.databaseUrl && urls.redisUrl && urls.natsUrl);
const WAIT = { timeout: 30_000, interval: 100 };

/**
 * Two api nodes on one PostgreSQL + Redis + NATS and one blob store (a shared DATA_DIR): the first takes RTMP, the
 * second has no ingest at all and still serves the stream's HLS, ends it, and hears its gifts.
 */
describe.runIf(ready)('a live stream across two api nodes', () => {
  const unique = `live_${Math.random().toString(36).slice(2, 10)}`;
  const env = ready ? { LOOPLY_ROLES: 'api', ...distributedEnv(urls, unique) } : {};
  let dataDir: string;
  let ingest: TestLooply;
  let other: TestLooply;
  let publisher: RtmpPublisher | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'looply-live-nodes-'));
    const shared = { dataDir, keepDataDir: true };
    ingest = await startTestLooply({ ...env, RTMP_PORT: '0' }, { postgresSchema: unique }, shared);
    other = await startTestLooply(env, { postgresSchema: unique }, shared);
  }, 120_000);
  afterAll(async () => {
    await publisher?.kill();
    await ingest?.stop();
    await other?.stop();
    await cleanUpDistributed(urls, unique);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the playlist and segments from the node without ingest, and ends the stream from there', async () => {
    const host = await signUp(ingest, 'nodes_host');
    const fan = await signUp(ingest, 'nodes_fan');
    const started = (
      await ingest.api('/v1/live/start', { method: 'POST', json: { title: 'Both' }, token: host.access_token })
    ).body;
    publisher = publishRtmp(`${started.rtmp_url}/${started.stream_key}`);
    const hls = `/v1/live/${started.stream_id}/hls`;
    const playlist = await vi.waitFor(async () => {
      const response = await other.api(`${hls}/v0/index.m3u8`);
      expect(response.body).toMatch(/^s\d+\.m4s$/m);
      return response.body as string;
    }, WAIT);
    expect((await other.api(`/v1/live/${started.stream_id}`)).body.status).toBe('live');
    const segmentName = playlist.split('\n').find((line) => line.endsWith('.m4s'));
    const segment = await fetch(`${other.url}${hls}/v0/${segmentName}`);
    expect(segment.status).toBe(200);
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    // The host, connected to the other node, hears a gift sent through the ingest node.
    const socket = connectLiveSocket(other.url, host.access_token);
    await socket.waitFor((frame) => frame.type === 'ready');
    await ingest.api('/v1/wallet/purchases', {
      method: 'POST',
      json: { package_id: 'coins-70', idempotency_key: randomUUID() },
      token: fan.access_token,
    });
    const gift = await ingest.api(`/v1/live/${started.stream_id}/gifts`, {
      method: 'POST',
      json: { gift_id: 'rose', idempotency_key: randomUUID() },
      token: fan.access_token,
    });
    expect(gift.status).toBe(200);
    const frame = await socket.waitFor((candidate) => candidate.type === 'live_gift');
    expect(frame).toMatchObject({ stream_id: started.stream_id, gift_id: 'rose', from: { username: 'nodes_fan' } });
    socket.close();

    const ended = await other.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: host.access_token });
    expect(ended.body.status).toBe('ended');
    // The ingest node hears of it and drops the publisher.
    expect(await publisher.exited).not.toBe(0);
    await vi.waitFor(async () => expect((await other.api(`${hls}/v0/index.m3u8`)).body).toContain('ENDLIST'), WAIT);
  }, 120_000);
});
