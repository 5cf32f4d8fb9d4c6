import { describe, expect, it } from 'vitest';
import { createEvent, untypedEvent } from '../../platform/stream/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { intentsFor, likeGroupKey } from './intents.ts';

const DAY = 24 * 3_600_000;
const [ann, bob, video, comment] = [
  '00000000-0000-4000-8000-00000000000a',
  '00000000-0000-4000-8000-00000000000b',
  '00000000-0000-4000-8000-0000000000f1',
  '00000000-0000-4000-8000-0000000000c1',
];

describe('notification intents', () => {
  it('names the recipient, the actor and the switch of each notifying event', () => {
    const followed = createEvent(FollowEvents.followed, { follower_id: bob, followee_id: ann });
    expect(intentsFor(followed, DAY)[0]).toMatchObject({
      recipientId: ann,
      actorId: bob,
      type: 'follow',
      preference: 'follows',
      groupKey: `event:${followed.id}`,
    });
    expect(
      intentsFor(createEvent(FollowEvents.followRequested, { requester_id: bob, target_id: ann }), DAY)[0],
    ).toMatchObject({
      recipientId: ann,
      type: 'follow_request',
      preference: 'follows',
    });
    const commented = createEvent(InteractionEvents.commented, {
      comment_id: comment,
      video_id: video,
      author_id: ann,
      user_id: bob,
      parent_id: null,
      content: 'nice',
    });
    expect(intentsFor(commented, DAY)[0]).toMatchObject({
      type: 'comment',
      videoId: video,
      commentId: comment,
      text: 'nice',
    });
    const mentioned = createEvent(InteractionEvents.mentioned, {
      comment_id: comment,
      video_id: video,
      mentioned_user_id: ann,
      by_user_id: bob,
    });
    expect(intentsFor(mentioned, DAY)[0]).toMatchObject({ recipientId: ann, type: 'mention', preference: 'mentions' });
  });

  it('tells the writer of the comment answered of a reply, once per recipient, never the replier', () => {
    const cat = '00000000-0000-4000-8000-00000000000c';
    const reply = (writer: string, answered: string) =>
      intentsFor(
        createEvent(InteractionEvents.commented, {
          comment_id: comment,
          video_id: video,
          author_id: ann,
          user_id: writer,
          parent_id: comment,
          reply_to_user_id: answered,
          content: 'agreed',
        }),
        DAY,
      ).map((intent) => [intent.type, intent.recipientId, intent.preference]);
    expect(reply(cat, bob)).toEqual([
      ['comment_reply', bob, 'comments'],
      ['comment', ann, 'comments'],
    ]);
    // The creator answered on their own video hears of the reply only.
    expect(reply(bob, ann)).toEqual([['comment_reply', ann, 'comments']]);
    expect(reply(bob, bob)).toEqual([['comment', ann, 'comments']]);
    expect(reply(ann, bob)).toEqual([['comment_reply', bob, 'comments']]);
  });

  it('groups likes of one video by window, keyed by when the like happened', () => {
    const like = createEvent(InteractionEvents.liked, { user_id: bob, video_id: video, author_id: ann });
    const [intent] = intentsFor(like, DAY);
    expect(intent).toMatchObject({ recipientId: ann, actorId: bob, type: 'like', preference: 'likes' });
    expect(intent?.groupKey).toBe(likeGroupKey(video, like.occurredAt, DAY));
    // A redelivery of the same event lands in the same window whenever it is handled.
    expect(intentsFor({ ...like }, DAY)[0]?.groupKey).toBe(intent?.groupKey);
    expect(likeGroupKey(video, '2026-01-01T00:00:00Z', DAY)).toBe(likeGroupKey(video, '2026-01-01T23:59:59Z', DAY));
    expect(likeGroupKey(video, '2026-01-01T23:59:59Z', DAY)).not.toBe(likeGroupKey(video, '2026-01-02T00:00:00Z', DAY));
  });

  it('asks for nothing when someone acts on their own things, or for other events', () => {
    expect(
      intentsFor(createEvent(InteractionEvents.liked, { user_id: ann, video_id: video, author_id: ann }), DAY),
    ).toEqual([]);
    expect(
      intentsFor(createEvent(InteractionEvents.unliked, { user_id: bob, video_id: video, author_id: ann }), DAY),
    ).toEqual([]);
    expect(intentsFor(untypedEvent('Liked', { video_id: video }), DAY)).toEqual([]);
  });
});
