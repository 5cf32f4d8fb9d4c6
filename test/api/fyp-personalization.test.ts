import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTopicCatalogue,
  forYou,
  settle,
  swipe,
  swipeLovingFirstTopic,
  type Topic,
  type TopicCatalogue,
  topicShare,
} from '../support/feed.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';

describe('the For You feed learns from swipes', () => {
  let looply: TestLooply;
  let catalogue: TopicCatalogue;

  beforeAll(async () => {
    looply = await startTestLooply({ LOOPLY_ROLES: 'api', MIN_VIDEO_SECONDS: '1' });
    catalogue = await buildTopicCatalogue(looply, 24);
  });
  afterAll(async () => {
    await looply?.stop();
  });

  it('personalises a new user within 8 swipes: one topic watched fully, the rest skipped', async () => {
    const viewer = await signUp(looply, 'newcomer');
    const first = await forYou(looply, viewer.access_token, { count: '8' });
    expect(first.videos).toHaveLength(8);
    const loved = await swipeLovingFirstTopic(looply, viewer.access_token, first, catalogue);
    const next = await forYou(looply, viewer.access_token, { count: '10', cursor: first.cursor ?? '' });
    expect(next.videos).toHaveLength(10);
    const { share, dominant } = topicShare(next, catalogue, loved);
    expect(share).toBeGreaterThanOrEqual(0.5);
    expect(dominant).toBe(true);
    expect(next.videos.map((video) => video.recommendation_reason)).toContain(`because you watched #${loved}`);
    // Exploration keeps a share of the page for other topics.
    expect(share).toBeLessThan(1);
  });

  it('recomputes the next page after a strong signal (a like and a full watch)', async () => {
    const [liker, idle] = [await signUp(looply, 'liker'), await signUp(looply, 'idle')];
    const likerFirst = await forYou(looply, liker.access_token, { count: '5' });
    const idleFirst = await forYou(looply, idle.access_token, { count: '5' });
    const liked = likerFirst.videos[1]?.id as string;
    const topic = catalogue.topicOf.get(liked) as Topic;
    const like = await looply.api(`/v1/videos/${liked}/like`, { method: 'POST', token: liker.access_token });
    expect(like.status).toBeLessThan(300);
    await swipe(looply, liker.access_token, liked, true);
    await settle(looply);
    const likerNext = await forYou(looply, liker.access_token, { count: '10', cursor: likerFirst.cursor ?? '' });
    const idleNext = await forYou(looply, idle.access_token, { count: '10', cursor: idleFirst.cursor ?? '' });
    expect(topicShare(likerNext, catalogue, topic).share).toBeGreaterThanOrEqual(0.5);
    expect(topicShare(likerNext, catalogue, topic).share).toBeGreaterThan(topicShare(idleNext, catalogue, topic).share);
  });

  it('never shows a video twice, across pages and recomputed lists', async () => {
    const viewer = await signUp(looply, 'binger');
    const shown: string[] = [];
    let cursor = '';
    for (let page = 0; page < 8; page++) {
      const response = await forYou(looply, viewer.access_token, { count: '9', ...(cursor ? { cursor } : {}) });
      shown.push(...response.videos.map((video) => video.id));
      expect(response.videos.every((video) => video.recommendation_reason.length > 0)).toBe(true);
      if (page === 2) await swipe(looply, viewer.access_token, response.videos[0]?.id ?? '', true);
      cursor = response.cursor ?? '';
      expect(response.has_more).toBe(true);
    }
    expect(shown.length).toBe(72);
    expect(new Set(shown).size).toBe(shown.length);
  });

  it('answers with the shape the web client reads, with playback URLs to prefetch', async () => {
    const viewer = await signUp(looply, 'shape');
    const page = await forYou(looply, viewer.access_token, { count: '6' });
    expect(Object.keys(page).sort()).toEqual(['cursor', 'has_more', 'mode', 'prefetch_hints', 'videos']);
    expect(page.mode).toBe('personalized');
    expect(page.prefetch_hints.map((hint) => hint.video_id)).toEqual(page.videos.slice(1, 6).map((video) => video.id));
    expect(page.prefetch_hints[0]?.hls).toMatch(/master\.m3u8$/);
  });
});
