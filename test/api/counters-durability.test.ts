import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../support/api-client.ts';
import { type Cluster, prepareCluster } from '../support/cluster.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { spawnLooply } from '../support/processes.ts';
import { distributedUrls } from '../support/services.ts';
import { type Account, makeTinyClip, readyVideo } from '../support/social.ts';

const LIKERS = 50;
const urls = distributedUrls();

interface Setting {
  name: string;
  /** The environment of every process, and the DATA_DIR they share. */
  prepare(): Promise<{ env: Record<string, string>; dataDir: string; cleanup(): Promise<void> }>;
  /** What a restart of the cache without persistence does to this setting. */
  loseCache(env: Record<string, string>): Promise<void>;
}

const settings: Setting[] = [
  {
    name: 'embedded',
    async prepare() {
      const dataDir = await mkdtemp(join(tmpdir(), 'looply-counters-'));
      return { env: {}, dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
    },
    async loseCache() {
      // The in-process cache died with the process.
    },
  },
];
if (urls.databaseUrl && urls.redisUrl && urls.natsUrl) {
  settings.push({
    name: 'postgres+redis+nats',
    async prepare() {
      const cluster: Cluster = await prepareCluster('looply_counters', urls);
      return { env: cluster.env, dataDir: cluster.env.DATA_DIR as string, cleanup: () => cluster.cleanup() };
    },
    async loseCache(env) {
      // As a Redis restarted without persistence would: every key of this installation is gone.
      const redis = new Redis(env.REDIS_URL as string);
      try {
        const keys = await redis.keys(`${env.REDIS_KEY_PREFIX}*`);
        if (keys.length > 0) await redis.del(...keys);
      } finally {
        await redis.quit();
      }
    },
  });
}

describe.each(settings)('acknowledged counts survive kill -9 ($name)', (setting) => {
  let prepared: Awaited<ReturnType<Setting['prepare']>> | undefined;
  let looply: TestLooply | undefined;
  afterAll(async () => {
    await looply?.stop();
    await prepared?.cleanup();
  });

  it('keeps every acknowledged like, comment, save and share when the server is killed right after answering', async () => {
    prepared = await setting.prepare();
    const { env, dataDir } = prepared;
    const clip = await makeTinyClip();
    let creator: Account;
    let fans: Account[];
    let video: string;
    looply = await startTestLooply({ ...env, MIN_VIDEO_SECONDS: '1' }, undefined, { dataDir, keepDataDir: true });
    try {
      creator = await signUp(looply, 'crash_creator');
      fans = await Promise.all(
        Array.from({ length: LIKERS }, (_, i) => signUp(looply as TestLooply, `crash_fan_${i}`)),
      );
      video = await readyVideo(looply, creator, clip.file);
    } finally {
      await looply.stop();
      looply = undefined;
      await clip.cleanup();
    }

    const server = spawnLooply(['start', '--role', 'api'], {
      ...env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_CONTENT: 'off',
      RATE_LIMIT_SCALE: '0',
    });
    const api = createApiClient(JSON.parse(await server.waitForLog(/Looply is listening/, 60_000)).url);
    const others = await Promise.all(
      fans.map((fan, i) =>
        i % 5 === 0
          ? api(`/v1/videos/${video}/comments`, {
              method: 'POST',
              token: fan.access_token,
              json: { content: `comment ${i}` },
            })
          : i % 5 === 1
            ? api(`/v1/videos/${video}/save`, { method: 'POST', token: fan.access_token })
            : api(`/v1/videos/${video}/share`, { method: 'POST', token: fan.access_token, json: { channel: 'link' } }),
      ),
    );
    for (const response of others) expect([200, 201]).toContain(response.status);
    // The likes come last, all at once, and the server dies as soon as the last one is answered.
    const likes = await Promise.all(
      fans.map((fan) => api(`/v1/videos/${video}/like`, { method: 'POST', token: fan.access_token })),
    );
    await server.stop('SIGKILL');
    for (const like of likes) {
      expect(like.status).toBe(200);
      expect(like.body.liked).toBe(true);
    }
    expect(Math.max(...likes.map((like) => like.body.like_count))).toBe(LIKERS);
    const acknowledged = { likes: LIKERS, comments: LIKERS / 5, saves: LIKERS / 5, shares: (LIKERS * 3) / 5 };
    await setting.loseCache(env);

    looply = await startTestLooply({ ...env, MIN_VIDEO_SECONDS: '1' }, undefined, { dataDir, keepDataDir: true });
    expect((await looply.api(`/v1/videos/${video}`)).body.stats).toMatchObject(acknowledged);
    expect((await looply.api('/v1/users/crash_creator')).body.stats.likes).toBe(LIKERS);
    // Nothing to correct: the counts were never wrong.
    expect(await looply.services.counters.reconcile()).toEqual({ videos: 0, comments: 0, creators: 0 });
  }, 240_000);
});
