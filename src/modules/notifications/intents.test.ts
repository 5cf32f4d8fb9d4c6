import { describe, expect, it } from 'vitest';
import { createEvent } from '../../platform/stream/events.ts';
import { intentFor, likeGroupKey } from './intents.ts';

const DAY = 24 * 3_600_000;
const [ann, bob, video, comment] = [
  '00000000-0000-4000-8000-00000000000a',
  '00000000-0000-4000-8000-00000000000b',
  '00000000-0000-4000-8000-0000000000v1',
  '00000000-0000-4000-8000-0000000000c1',
];

describe('notification intents', () => {
  it('names the recipient, the actor and the switch of each notifying event', () => {
    const followed = createEvent('Followed', { follower_id: bob, followee_id: ann });
    expect(intentFor(followed, DAY)).toMatchObject({
      recipientId: ann,
      actorId: bob,
      type: 'follow',
      preference: 'follows',
      groupKey: `event:${followed.id}`,
    });
    expect(intentFor(createEvent('FollowRequested', { requester_id: bob, target_id: ann }), DAY)).toMatchObject({
      recipientId: ann,
      type: 'follow_request',
      preference: 'follows',
    });
    const commented = createEvent('Commented', {
      comment_id: comment,
      video_id: video,
      author_id: ann,
      user_id: bob,
      parent_id: null,
      content: 'nice',
    });
    expect(intentFor(commented, DAY)).toMatchObject({
      type: 'comment',
      videoId: video,
      commentId: comment,
      text: 'nice',
    });
    const mentioned = createEvent('Mentioned', {
      comment_id: comment,
      video_id: video,
      mentioned_user_id: ann,
      by_user_id: bob,
    });
    expect(intentFor(mentioned, DAY)).toMatchObject({ recipientId: ann, type: 'mention', preference: 'mentions' });
  });

  it('groups likes of one video by window, keyed by when the like happened', () => {
    const like = createEvent('Liked', { user_id: bob, video_id: video, author_id: ann });
    const intent = intentFor(like, DAY);
    expect(intent).toMatchObject({ recipientId: ann, actorId: bob, type: 'like', preference: 'likes' });
    expect(intent?.groupKey).toBe(likeGroupKey(video, like.occurredAt, DAY));
    // A redelivery of the same event lands in the same window whenever it is handled.
    expect(intentFor({ ...like }, DAY)?.groupKey).toBe(intent?.groupKey);
    expect(likeGroupKey(video, '2026-01-01T00:00:00Z', DAY)).toBe(likeGroupKey(video, '2026-01-01T23:59:59Z', DAY));
    expect(likeGroupKey(video, '2026-01-01T23:59:59Z', DAY)).not.toBe(likeGroupKey(video, '2026-01-02T00:00:00Z', DAY));
  });

  it('asks for nothing when someone acts on their own things, or for other events', () => {
    expect(intentFor(createEvent('Liked', { user_id: ann, video_id: video, author_id: ann }), DAY)).toBeNull();
    expect(intentFor(createEvent('Unliked', { user_id: bob, video_id: video, author_id: ann }), DAY)).toBeNull();
    expect(intentFor(createEvent('Liked', { video_id: video }), DAY)).toBeNull();
  });
});
