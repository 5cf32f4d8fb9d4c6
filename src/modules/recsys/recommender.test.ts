import type { Static, TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import type { EventDefinition } from '../../platform/stream/event-contract.ts';
import { createEvent, type DomainEvent } from '../../platform/stream/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { VideoEvents } from '../videos/events.ts';
import { Recommender } from './recommender.ts';
import { isStrongSignal } from './signals.ts';
import { decodeRecommender, encodeRecommender } from './snapshot.ts';

const TOPICS = ['chess', 'cooking', 'cats', 'running'];
let sequence = 0;
const at = Date.now() - 3_600_000;
function event<S extends TSchema>(definition: EventDefinition<S>, data: Static<S>): DomainEvent {
  const offsetMs = sequence * 1000;
  sequence++;
  return createEvent(definition, data, new Date(at + offsetMs));
}
const uuid = (kind: string, n: number) => `00000000-0000-4000-${kind}-${n.toString(16).padStart(12, '0')}`;
const videoId = (i: number) => uuid('8000', i);
/** The number a video id was made from. */
const numberOf = (id: string) => Number.parseInt(id.slice(-12), 16);
const authorOf = (i: number) => uuid('a000', i % 8);
const [viewer, fan] = [uuid('b000', 1), uuid('b000', 2)];
const topicOf = (i: number) => TOPICS[i % TOPICS.length] as string;

function catalogue(videos = 80): Recommender {
  const recommender = new Recommender({ seed: 3 });
  for (let i = 0; i < videos; i++) {
    recommender.apply(
      event(VideoEvents.ready, {
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
  event(VideoEvents.viewLogged, {
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
    const liked = view(viewer, 1, true);
    expect(recommender.apply(liked)).toBe(true);
    expect(recommender.apply(liked)).toBe(false);
    expect(recommender.state.users.find(viewer)?.views).toBe(1);
  });

  it('never recommends seen, removed, hidden, blocked or own videos', () => {
    const recommender = catalogue();
    recommender.markSeen(viewer, [videoId(0), videoId(1)]);
    recommender.apply(event(VideoEvents.removed, { video_id: videoId(2), author_id: authorOf(2) }));
    recommender.apply(
      event(VideoEvents.updated, {
        video_id: videoId(3),
        author_id: authorOf(3),
        caption: 'now private',
        hashtags: [],
        visibility: 'private',
      }),
    );
    recommender.apply(event(FollowEvents.blocked, { blocker_id: viewer, blocked_id: authorOf(4) }));
    recommender.apply(event(FollowEvents.blocked, { blocker_id: authorOf(5), blocked_id: viewer }));
    const ids = recommend(recommender, viewer);
    expect(ids.length).toBeGreaterThan(20);
    for (const excluded of [0, 1, 2, 3]) expect(ids).not.toContain(videoId(excluded));
    expect(ids.filter((id) => [4, 5].includes(numberOf(id) % 8))).toEqual([]);
    // An author does not get their own videos.
    expect(recommend(recommender, authorOf(6)).filter((id) => numberOf(id) % 8 === 6)).toEqual([]);
  });

  it('holds a scheduled video back until it is published', () => {
    const recommender = catalogue(4);
    const later = videoId(999);
    recommender.apply(
      event(VideoEvents.ready, {
        video_id: later,
        author_id: authorOf(9),
        caption: 'soon',
        hashtags: ['chess'],
        duration_ms: 15_000,
        publish_at: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    expect(recommend(recommender, null)).not.toContain(later);
    const publishAt = new Date().toISOString();
    recommender.apply(event(VideoEvents.published, { video_id: later, author_id: authorOf(9), publish_at: publishAt }));
    expect(recommend(recommender, null)).toContain(later);
  });

  it('moves toward what a user watches and away from what they skip', () => {
    const recommender = catalogue();
    for (let i = 0; i < 12; i++) recommender.apply(view(fan, i, topicOf(i) === 'cats'));
    const page = recommender.recommend({ userId: fan, now: Date.now(), size: 10 });
    const exploited = page.items.filter((item) => !item.explored);
    expect(exploited.length).toBeGreaterThanOrEqual(5);
    for (const item of exploited) expect(topicOf(numberOf(item.videoId))).toBe('cats');
    expect(exploited[0]?.reason).toBe('because you watched #cats');
  });

  it('survives a snapshot round trip with what it learned and the ids it applied', () => {
    const recommender = catalogue();
    const watched = view(fan, 6, true);
    recommender.apply(watched);
    for (let i = 7; i < 20; i++) recommender.apply(view(fan, i, topicOf(i) === 'cats'));
    recommender.maintain(Date.now());
    const restored = decodeRecommender(encodeRecommender(recommender));
    expect(restored.apply(watched)).toBe(false);
    expect(restored.state.users.find(fan)?.views).toBe(14);
    expect(restored.state.catalogue.eligibleCount).toBe(recommender.state.catalogue.eligibleCount);
    expect(restored.state.index.size).toBe(recommender.state.index.size);
    const original = recommender.recommend({ userId: fan, now: Date.now(), size: 10 }).items.filter((i) => !i.explored);
    const again = restored.recommend({ userId: fan, now: Date.now(), size: 10 }).items.filter((i) => !i.explored);
    expect(again.map((item) => item.videoId)).toEqual(original.map((item) => item.videoId));
  });
});

describe('strong signals', () => {
  it('are likes, shares, follows, full watches and the third fast skip in a row', () => {
    const like = { user_id: viewer, video_id: videoId(1), author_id: authorOf(1) };
    const watched = (completion_rate: number, skipped: boolean) =>
      event(VideoEvents.viewLogged, {
        video_id: videoId(1),
        user_id: viewer,
        watch_time_ms: 1_000,
        completion_rate,
        replay_count: 0,
        skipped,
        source: 'fyp',
      });
    expect(isStrongSignal(event(InteractionEvents.liked, like), 0)).toBe(true);
    const share = { user_id: viewer, video_id: videoId(1), channel: 'copy' };
    expect(isStrongSignal(event(InteractionEvents.shared, share), 0)).toBe(true);
    expect(isStrongSignal(event(FollowEvents.followed, { follower_id: viewer, followee_id: fan }), 0)).toBe(true);
    expect(isStrongSignal(watched(1, false), 0)).toBe(true);
    expect(isStrongSignal(watched(0.6, false), 0)).toBe(false);
    expect(isStrongSignal(watched(0.02, true), 1)).toBe(false);
    expect(isStrongSignal(watched(0.02, true), 2)).toBe(true);
    expect(isStrongSignal(event(InteractionEvents.unliked, like), 0)).toBe(false);
  });
});
