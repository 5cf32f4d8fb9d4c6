import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../support/api-client.ts';
import { makeClipFactory } from '../support/clips.ts';
import { type Cluster, prepareCluster } from '../support/cluster.ts';
import { type LooplyProcess, spawnLooply } from '../support/processes.ts';
import { distributedUrls } from '../support/services.ts';
import { uploadVideo } from '../support/uploads.ts';

const urls = distributedUrls();
const ready = Boolean(urls.databaseUrl && urls.redisUrl && urls.natsUrl);

describe.runIf(ready)('an api process and a worker process on PostgreSQL + Redis + NATS', () => {
  let cluster: Cluster;
  let api: LooplyProcess;
  let worker: LooplyProcess;
  let apiUrl: string;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;

  beforeAll(async () => {
    cluster = await prepareCluster('looply_roles', urls, { X264_PRESET: 'ultrafast', MIN_VIDEO_SECONDS: '1' });
    clips = await makeClipFactory();
    const { env } = cluster;
    // The api process applies the migrations; the worker starts once it is listening.
    api = spawnLooply(['start', '--role', 'api'], { ...env, PORT: '0' });
    const listening = await api.waitForLog(/Looply is listening/, 60_000);
    apiUrl = JSON.parse(listening).url;
    worker = spawnLooply(['start', '--role', 'worker'], { ...env, PORT: '0' });
    await worker.waitForLog(/worker started/, 60_000);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await clips?.cleanup();
    await cluster?.cleanup();
  });

  it('completes an upload end to end: the api accepts it, the worker transcodes it, the api serves it', async () => {
    const looply = { api: createApiClient(apiUrl) };
    const session = await looply.api('/v1/auth/signup', {
      method: 'POST',
      json: { username: 'scaled_out', password: 'a long password' },
    });
    expect(session.status).toBe(201);
    const accepted = await uploadVideo(looply, session.body.access_token, await clips.clip({ seconds: 3 }));
    expect(accepted.status).toBe(202);
    const id = accepted.body.video_id;

    await vi.waitFor(
      async () => {
        const video = await looply.api(`/v1/videos/${id}`, { token: session.body.access_token });
        expect(video.body.status).toBe('ready');
      },
      { timeout: 120_000, interval: 500 },
    );
    expect(worker.output()).toContain('video ready');
    expect(api.output()).not.toContain('video ready');
    const feed = await looply.api('/v1/feed/fyp');
    const [first] = feed.body.videos;
    expect(first.id).toBe(id);
    const master = await fetch(`${apiUrl}${first.playback_urls.hls}`);
    expect(master.status).toBe(200);
    expect(await master.text()).toContain('#EXT-X-STREAM-INF');

    const readyz = await looply.api('/readyz');
    expect(readyz.body.checks).toEqual({
      database: 'ok',
      cache: 'ok',
      events: 'ok',
      jobs: 'ok',
      blobs: 'ok',
      media: 'ok',
    });
  });

  it('shuts down gracefully on SIGTERM', async () => {
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(worker.output()).toContain('shut down cleanly');
  });
});
