import { afterAll, describe, expect, it } from 'vitest';
import { buildTopicCatalogue, forYou, swipeLovingFirstTopic, topicShare } from '../support/feed.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';

const ENV = { LOOPLY_ROLES: 'api', MIN_VIDEO_SECONDS: '1' };

describe('a restart warms the recommender from the store', () => {
  let looply: TestLooply | undefined;
  afterAll(async () => {
    await looply?.stop();
  });

  it('keeps what a viewer likes and what they have seen across a stop and start on the same data', async () => {
    looply = await startTestLooply(ENV, undefined, { keepDataDir: true });
    const dataDir = looply.dataDir;
    const catalogue = await buildTopicCatalogue(looply, 16);
    const viewer = await signUp(looply, 'returning');
    const first = await forYou(looply, viewer.access_token, { count: '8' });
    const loved = await swipeLovingFirstTopic(looply, viewer.access_token, first, catalogue);
    const seen = new Set(first.videos.map((video) => video.id));
    const second = await forYou(looply, viewer.access_token, { count: '8' });
    for (const video of second.videos) seen.add(video.id);
    await looply.stop();

    looply = await startTestLooply(ENV, undefined, { dataDir });
    expect(looply.services.recsys.restoredFromSnapshot).toBe(true);
    const session = await looply.api('/v1/auth/login', {
      method: 'POST',
      json: { username: 'returning', password: 'correct horse battery' },
    });
    const after = await forYou(looply, session.body.access_token, { count: '10' });
    expect(after.videos).toHaveLength(10);
    expect(after.videos.filter((video) => seen.has(video.id))).toEqual([]);
    expect(topicShare(after, catalogue, loved).share).toBeGreaterThanOrEqual(0.5);
  });
});
