import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { Recommender } from './recommender.ts';
import { isStrongSignal } from './signals.ts';
import { decodeRecommender, encodeRecommender } from './snapshot.ts';

const TOPICS = ['chess', 'cooking', 'cats', 'running'];
let sequence = 0;
const at = Date.now() - 3_600_000;
function event(type: string, data: Record<string, unknown>, offsetMs = sequence * 1000): DomainEvent {
  sequence++;
  return { id: `event-${sequence}`, type, version: 1, occurredAt: new Date(at + offsetMs).toISOString(), data };
}
const videoId = (i: number) => `video-${i}`;
const authorOf = (i: number) => `author-${i % 8}`;
const topicOf = (i: number) => TOPICS[i % TOPICS.length] as string;

function catalogue(videos = 80): Recommender {
  const recommender = new Recommender({ seed: 3 });
  for (let i = 0; i < videos; i++) {
    recommender.apply(
      event('VideoReady', {
        video_id: videoId(i),
        author_id: authorOf(i),
        caption: `${topicOf(i)} clip ${i}`,
        hashtags: [topicOf(i)],
        duration_ms: 15_000,
      }),
    );
  }
  return recommender;
}

const view = (user: string, i: number, watched: boolean) =>
  event('ViewLogged', {
    video_id: videoId(i),
    user_id: user,
    watch_time_ms: watched ? 15_000 : 400,
    completion_rate: watched ? 1 : 0.03,
    replay_count: 0,
    skipped: !watched,
    source: 'fyp',
  });

const recommend = (recommender: Recommender, userId: string | null) =>
  recommender.recommend({ userId, now: Date.now() }).items.map((item) => item.videoId);

describe('the recommender', () => {
  it('applies each event once, whatever the redeliveries', () => {
    const recommender = catalogue(8);
    const liked = view('viewer', 1, true);
    expect(recommender.apply(liked)).toBe(true);
    expect(recommender.apply(liked)).toBe(false);
    expect(recommender.state.users.find('viewer')?.views).toBe(1);
  });

  it('never recommends seen, removed, hidden, blocked or own videos', () => {
    const recommender = catalogue();
    recommender.markSeen('viewer', [videoId(0), videoId(1)]);
    recommender.apply(event('VideoRemoved', { video_id: videoId(2), author_id: authorOf(2) }));
    recommender.apply(
      event('VideoUpdated', {
        video_id: videoId(3),
        author_id: authorOf(3),
        caption: 'now private',
        hashtags: [],
        visibility: 'private',
      }),
    );
    recommender.apply(event('Blocked', { blocker_id: 'viewer', blocked_id: authorOf(4) }));
    recommender.apply(event('Blocked', { blocker_id: authorOf(5), blocked_id: 'viewer' }));
    const ids = recommend(recommender, 'viewer');
    expect(ids.length).toBeGreaterThan(20);
    for (const excluded of [0, 1, 2, 3]) expect(ids).not.toContain(videoId(excluded));
    expect(ids.filter((id) => [4, 5].includes(Number(id.split('-')[1]) % 8))).toEqual([]);
    // An author does not get their own videos.
    expect(recommend(recommender, authorOf(6)).filter((id) => Number(id.split('-')[1]) % 8 === 6)).toEqual([]);
  });

  it('holds a scheduled video back until it is published', () => {
    const recommender = catalogue(4);
    recommender.apply(
      event('VideoReady', {
        video_id: 'later',
        author_id: 'author-9',
        caption: 'soon',
        hashtags: ['chess'],
        duration_ms: 15_000,
        publish_at: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    expect(recommend(recommender, null)).not.toContain('later');
    recommender.apply(event('VideoPublished', { video_id: 'later', author_id: 'author-9', publish_at: '' }));
    expect(recommend(recommender, null)).toContain('later');
  });

  it('moves toward what a user watches and away from what they skip', () => {
    const recommender = catalogue();
    for (let i = 0; i < 12; i++) recommender.apply(view('fan', i, topicOf(i) === 'cats'));
    const page = recommender.recommend({ userId: 'fan', now: Date.now(), size: 10 });
    const exploited = page.items.filter((item) => !item.explored);
    expect(exploited.length).toBeGreaterThanOrEqual(5);
    for (const item of exploited) expect(topicOf(Number(item.videoId.split('-')[1]))).toBe('cats');
    expect(exploited[0]?.reason).toBe('because you watched #cats');
  });

  it('survives a snapshot round trip with what it learned and the ids it applied', () => {
    const recommender = catalogue();
    const watched = view('fan', 6, true);
    recommender.apply(watched);
    for (let i = 7; i < 20; i++) recommender.apply(view('fan', i, topicOf(i) === 'cats'));
    recommender.maintain(Date.now());
    const restored = decodeRecommender(encodeRecommender(recommender));
    expect(restored.apply(watched)).toBe(false);
    expect(restored.state.users.find('fan')?.views).toBe(14);
    expect(restored.state.catalogue.eligibleCount).toBe(recommender.state.catalogue.eligibleCount);
    expect(restored.state.index.size).toBe(recommender.state.index.size);
    const original = recommender
      .recommend({ userId: 'fan', now: Date.now(), size: 10 })
      .items.filter((i) => !i.explored);
    const again = restored.recommend({ userId: 'fan', now: Date.now(), size: 10 }).items.filter((i) => !i.explored);
    expect(again.map((item) => item.videoId)).toEqual(original.map((item) => item.videoId));
  });
});

describe('strong signals', () => {
  it('are likes, shares, follows, full watches and the third fast skip in a row', () => {
    expect(isStrongSignal('Liked', {}, 0)).toBe(true);
    expect(isStrongSignal('Shared', {}, 0)).toBe(true);
    expect(isStrongSignal('Followed', {}, 0)).toBe(true);
    expect(isStrongSignal('ViewLogged', { completion_rate: 1, skipped: false }, 0)).toBe(true);
    expect(isStrongSignal('ViewLogged', { completion_rate: 0.6, skipped: false }, 0)).toBe(false);
    expect(isStrongSignal('ViewLogged', { completion_rate: 0.02, skipped: true }, 1)).toBe(false);
    expect(isStrongSignal('ViewLogged', { completion_rate: 0.02, skipped: true }, 2)).toBe(true);
    expect(isStrongSignal('Unliked', {}, 0)).toBe(false);
  });
});
