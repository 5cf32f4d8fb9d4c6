import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildTopicCatalogue,
  forYou,
  swipeLovingFirstTopic,
  type TopicCatalogue,
  topicShare,
} from '../support/feed.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { distributedEnv, distributedUrls } from '../support/services.ts';
import { cleanUpDistributed } from '../support/social.ts';

const urls = distributedUrls();
const ready = Boolean(urls.databaseUrl && urls.redisUrl && urls.natsUrl);

/** Two api nodes on one PostgreSQL + Redis + NATS: signals given through one shape the feed served by the other. */
describe.runIf(ready)('the For You feed across two api nodes', () => {
  const unique = `fyp_${Math.random().toString(36).slice(2, 10)}`;
  const env = ready ? { LOOPLY_ROLES: 'api', MIN_VIDEO_SECONDS: '1', ...distributedEnv(urls, unique) } : {};
  let first: TestLooply;
  let second: TestLooply;
  let catalogue: TopicCatalogue;

  beforeAll(async () => {
    first = await startTestLooply(env, { postgresSchema: unique });
    second = await startTestLooply(env, { postgresSchema: unique });
    catalogue = await buildTopicCatalogue(first, 16);
    await vi.waitFor(
      () => expect(second.services.recsys.recommender.state.catalogue.eligibleCount).toBe(catalogue.ids.length),
      { timeout: 30_000, interval: 100 },
    );
  }, 120_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await cleanUpDistributed(urls, unique);
  });

  it('personalises on one node what was swiped on the other, and a node started later warms from the store', async () => {
    const viewer = await signUp(first, 'wanderer');
    const page = await forYou(first, viewer.access_token, { count: '8' });
    const loved = await swipeLovingFirstTopic(first, viewer.access_token, page, catalogue);
    const next = await forYou(second, viewer.access_token, { count: '10', cursor: page.cursor ?? '' });
    expect(next.videos).toHaveLength(10);
    expect(topicShare(next, catalogue, loved).share).toBeGreaterThanOrEqual(0.5);
    const shown = new Set(page.videos.map((video) => video.id));
    expect(next.videos.filter((video) => shown.has(video.id))).toEqual([]);

    // A node started now warms from the snapshot the stopped one wrote, and serves the same viewer at once.
    await second.stop();
    second = await startTestLooply(env, { postgresSchema: unique });
    expect(second.services.recsys.restoredFromSnapshot).toBe(true);
    const later = await forYou(second, viewer.access_token, { count: '10' });
    expect(topicShare(later, catalogue, loved).share).toBeGreaterThanOrEqual(0.5);
    for (const video of next.videos) shown.add(video.id);
    expect(later.videos.filter((video) => shown.has(video.id))).toEqual([]);
  });
});
