import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { serviceUrl, uniqueName } from '../support/services.ts';
import { cleanUpDistributed, makeTinyClip, readyVideo } from '../support/social.ts';

const redisUrl = serviceUrl('REDIS_URL');
const variants: Array<{ name: string; env: Record<string, string>; unique?: string }> = [
  { name: 'in-process cache', env: {} },
];
if (redisUrl) {
  const unique = uniqueName('counters');
  variants.push({ name: 'Redis', env: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${unique}:` }, unique });
}

const USERS = 20;
const OPERATIONS = 1000;
const IN_FLIGHT = 64;

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await (tasks[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

describe.each(variants)('like counters under a race ($name)', ({ env, unique }) => {
  let looply: TestLooply;
  let clip: Awaited<ReturnType<typeof makeTinyClip>>;

  beforeAll(async () => {
    clip = await makeTinyClip();
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1', ...env });
  });
  afterAll(async () => {
    await looply?.stop();
    await clip?.cleanup();
    await cleanUpDistributed({ databaseUrl: undefined, redisUrl, natsUrl: undefined }, unique);
  });

  it('counts exactly when 1,000 likes and unlikes race on one video, and converges in the store', async () => {
    const creator = await signUp(looply, 'racer_creator');
    const users = await Promise.all(Array.from({ length: USERS }, (_, i) => signUp(looply, `racer_${i}`)));
    const video = await readyVideo(looply, creator, clip.file);

    // Every user likes and unlikes many times, several of their own requests in flight at once.
    const responses = await pool(
      Array.from({ length: OPERATIONS }, (_, i) => async () => {
        const user = users[i % USERS] as (typeof users)[number];
        const like = (i * 7919) % 3 !== 0;
        const response = await looply.api(`/v1/videos/${video}/like`, {
          method: like ? 'POST' : 'DELETE',
          token: user.access_token,
        });
        return { like, status: response.status, body: response.body };
      }),
      IN_FLIGHT,
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.liked).toBe(response.like);
      expect(response.body.like_count).toBeGreaterThanOrEqual(0);
    }

    // The truth is who likes it now; the count must match it exactly.
    const states = await Promise.all(
      users.map(async (user) => (await looply.api(`/v1/videos/${video}`, { token: user.access_token })).body.viewer),
    );
    const liking = states.filter((state) => state.liked).length;
    expect(liking).toBeGreaterThan(0);
    expect((await looply.api(`/v1/videos/${video}`)).body.stats.likes).toBe(liking);

    const started = Date.now();
    await vi.waitFor(
      async () => {
        const state = await looply.services.counters.videoCounterState(video);
        expect({ stored: state.stored.likes, pending: state.pending.likes }).toEqual({ stored: liking, pending: 0 });
      },
      { timeout: 5000, interval: 50 },
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await looply.api(`/v1/videos/${video}`)).body.stats.likes).toBe(liking);
    expect((await looply.api('/v1/users/racer_creator')).body.stats.likes).toBe(liking);
  });
});
