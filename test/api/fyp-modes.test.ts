import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTopicCatalogue, forYou, type TopicCatalogue } from '../support/feed.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';

const VISITOR_REASONS = ['trending', 'new creator', 'fresh upload', 'something new to explore'];

describe('For You for visitors, and the non-personalised feed', () => {
  let looply: TestLooply;
  let catalogue: TopicCatalogue;

  beforeAll(async () => {
    looply = await startTestLooply({ LOOPLY_ROLES: 'api', MIN_VIDEO_SECONDS: '1' });
    catalogue = await buildTopicCatalogue(looply, 8);
  });
  afterAll(async () => {
    await looply?.stop();
  });

  it('gives a visitor trending videos and exploration, paged without repeats', async () => {
    const first = await forYou(looply, undefined, { count: '10' });
    expect(first.videos).toHaveLength(10);
    expect(first.has_more).toBe(true);
    for (const video of first.videos) expect(VISITOR_REASONS).toContain(video.recommendation_reason);
    const second = await forYou(looply, undefined, { count: '10', cursor: first.cursor ?? '' });
    expect(second.videos).toHaveLength(10);
    const ids = [...first.videos, ...second.videos].map((video) => video.id);
    expect(new Set(ids).size).toBe(20);
    expect(ids.every((id) => catalogue.topicOf.has(id))).toBe(true);
  });

  it('switches a viewer to the newest-first feed by preference, and back', async () => {
    const viewer = await signUp(looply, 'chronological');
    expect((await looply.api('/v1/feed/preferences', { token: viewer.access_token })).body).toEqual({
      personalized_feed: true,
    });
    const off = await looply.api('/v1/feed/preferences', {
      method: 'PATCH',
      token: viewer.access_token,
      json: { personalized_feed: false },
    });
    expect(off.body).toEqual({ personalized_feed: false });

    const newest = [...catalogue.ids].reverse();
    const page = await forYou(looply, viewer.access_token, { count: '5' });
    expect(page.mode).toBe('latest');
    expect(page.videos.map((video) => video.id)).toEqual(newest.slice(0, 5));
    expect(page.videos.every((video) => video.recommendation_reason === 'latest')).toBe(true);
    const next = await forYou(looply, viewer.access_token, { count: '5', cursor: page.cursor ?? '' });
    expect(next.videos.map((video) => video.id)).toEqual(newest.slice(5, 10));

    // One request may still ask for the personalised feed; the stored preference is unchanged by it.
    expect((await forYou(looply, viewer.access_token, { count: '5', mode: 'personalized' })).mode).toBe('personalized');
    await looply.api('/v1/feed/preferences', {
      method: 'PATCH',
      token: viewer.access_token,
      json: { personalized_feed: true },
    });
    expect((await forYou(looply, viewer.access_token, { count: '5' })).mode).toBe('personalized');
  });

  it('serves ?mode=latest to anyone, and refuses bad input', async () => {
    const page = await forYou(looply, undefined, { count: '3', mode: 'latest' });
    expect(page.videos.map((video) => video.id)).toEqual([...catalogue.ids].reverse().slice(0, 3));
    expect((await looply.api('/v1/feed/fyp?mode=trending')).status).toBe(400);
    expect((await looply.api('/v1/feed/fyp?cursor=not-a-cursor')).body.error.code).toBe('INVALID_CURSOR');
    expect((await looply.api('/v1/feed/preferences')).status).toBe(401);
    const viewer = await signUp(looply, 'badpatch');
    const bad = await looply.api('/v1/feed/preferences', {
      method: 'PATCH',
      token: viewer.access_token,
      json: { personalized_feed: 'no' },
    });
    expect(bad.status).toBe(400);
  });
});
