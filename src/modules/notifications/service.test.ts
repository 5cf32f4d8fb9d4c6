import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '../../../test/support/database-hooks.ts';
import { databaseVariants } from '../../../test/support/services.ts';
import { createEvent } from '../../platform/stream/events.ts';
import type { PublicUser } from '../accounts/service.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { intentsFor, type NotificationIntent } from './intents.ts';
import { NotificationService } from './service.ts';

const DAY = 24 * 3_600_000;

describe.each(databaseVariants())('notification service on $name', ({ open }) => {
  const database = databaseForSuite(open);

  /** Accounts by id with their names; `blocked` holds "blocker:blocked" pairs. */
  function setUp<const N extends string>(names: readonly N[]) {
    const users = new Map<string, PublicUser>();
    const ids = {} as Record<N, string>;
    for (const name of names) {
      const id = randomUUID();
      ids[name] = id;
      users.set(id, {
        id,
        username: name,
        display_name: name,
        bio: '',
        avatar_url: null,
        is_private: false,
        created_at: new Date().toISOString(),
      });
    }
    const blocked = new Set<string>();
    /** "user:video" pairs of likes undone since. */
    const unliked = new Set<string>();
    const deletedComments = new Set<string>();
    /** Comments deleted just after their first check, as if the deletion raced the notification's insert. */
    const deletedAfterCheck = new Set<string>();
    const service = new NotificationService({
      db: database.db,
      users: { getUsers: async (wanted) => new Map([...users].filter(([id]) => wanted.includes(id))) },
      blocks: { hasBlocked: async (blocker, target) => blocked.has(`${blocker}:${target}`) },
      likes: { hasLiked: async (user, video) => !unliked.has(`${user}:${video}`) },
      comments: {
        exists: async (comment) => {
          if (!deletedAfterCheck.delete(comment)) return !deletedComments.has(comment);
          deletedComments.add(comment);
          return true;
        },
      },
    });
    const like = (user: N, author: N, video: string) =>
      intentsFor(
        createEvent(InteractionEvents.liked, { user_id: ids[user], video_id: video, author_id: ids[author] }),
        DAY,
      )[0] ?? null;
    const unlike = async (user: N, author: N, video: string) => {
      unliked.add(`${ids[user]}:${video}`);
      return service.withdrawLike({ recipientId: ids[author] as string, actorId: ids[user] as string, videoId: video });
    };
    const services = { service, ids, blocked, unliked, like, unlike };
    return { ...services, deletedComments, deletedAfterCheck };
  }

  it('aggregates racing likes of one video into one row with every liker counted once', async () => {
    const fans = Array.from({ length: 12 }, (_, i) => `fan${i}`);
    const { service, ids, like } = setUp(['author', ...fans]);
    const video = randomUUID();
    const intents = fans.map((fan) => like(fan, 'author', video) as NotificationIntent);
    await Promise.all(intents.map((intent) => service.record(intent)));
    // Redelivered events change nothing.
    expect(await Promise.all(intents.slice(0, 3).map((intent) => service.record(intent)))).toEqual([null, null, null]);

    const page = await service.list(ids.author as string, null, 10);
    expect(page.notifications).toHaveLength(1);
    expect(page.notifications[0]).toMatchObject({ type: 'like', video_id: video, actor_count: 12 });
    expect(page.notifications[0]?.actors).toHaveLength(3);
    expect(page.notifications[0]?.message).toMatch(/^fan\d+ and 11 others liked your video$/);
    expect(page.unread_count).toBe(1);
  });

  it('withdraws an unliker quietly, restores them quietly, and hides a notification nobody likes any more', async () => {
    const { service, ids, unliked, like, unlike } = setUp(['gil', 'f1', 'f2', 'f3', 'f4']);
    const video = randomUUID();
    for (const fan of ['f1', 'f2', 'f3', 'f4'] as const)
      await service.record(like(fan, 'gil', video) as NotificationIntent);
    const shown = async () => (await service.list(ids.gil as string, null, 10)).notifications;
    const names = async () => (await shown()).map((n) => [n.actors.map((a) => a.username), n.actor_count, n.message]);
    expect(await names()).toEqual([[['f4', 'f3', 'f2'], 4, 'f4 and 3 others liked your video']]);
    await service.markRead(ids.gil as string, null);

    await unlike('f4', 'gil', video);
    await unlike('f4', 'gil', video);
    expect(await names()).toEqual([[['f3', 'f2', 'f1'], 3, 'f3 and 2 others liked your video']]);
    expect((await shown())[0]?.read).toBe(true);
    // Liking again comes back without an alert; a like undone before it was handled is not counted.
    unliked.delete(`${ids.f4}:${video}`);
    expect(await service.record(like('f4', 'gil', video) as NotificationIntent)).toBeNull();
    expect(await names()).toEqual([[['f4', 'f3', 'f2'], 4, 'f4 and 3 others liked your video']]);
    unliked.add(`${ids.f4}:${video}`);
    await unlike('f4', 'gil', video);
    expect(await service.record(like('f4', 'gil', video) as NotificationIntent)).toBeNull();

    for (const fan of ['f1', 'f2', 'f3'] as const) await unlike(fan, 'gil', video);
    expect(await shown()).toEqual([]);
    expect(await service.unreadCount(ids.gil as string)).toBe(0);
    unliked.delete(`${ids.f2}:${video}`);
    await service.record(like('f2', 'gil', video) as NotificationIntent);
    expect(await names()).toEqual([[['f2'], 1, 'f2 liked your video']]);
  });

  it('tells what an unlike changed: the notification as it now stands, or that nobody is left', async () => {
    const { service, ids, unlike, like } = setUp(['hed', 'g1', 'g2']);
    const video = randomUUID();
    for (const fan of ['g1', 'g2'] as const) await service.record(like(fan, 'hed', video) as NotificationIntent);
    const [first] = await unlike('g2', 'hed', video);
    expect(first).toMatchObject({
      recipientId: ids.hed,
      notification: { actor_count: 1, message: 'g1 liked your video' },
    });
    expect(await unlike('g2', 'hed', video)).toEqual([]);
    expect(await unlike('g1', 'hed', video)).toEqual([{ recipientId: ids.hed, id: first?.id, notification: null }]);
  });

  it('withdraws every notification a deleted comment caused, and records none for a comment already gone', async () => {
    const { service, ids, deletedComments } = setUp(['ida', 'jo', 'kim', 'lu']);
    const video = randomUUID();
    const [comment, reply] = [randomUUID(), randomUUID()];
    const commented = (commentId: string, by: 'jo' | 'kim', replyTo: 'jo' | null) =>
      intentsFor(
        createEvent(InteractionEvents.commented, {
          comment_id: commentId,
          video_id: video,
          author_id: ids.ida,
          user_id: ids[by],
          parent_id: replyTo ? comment : null,
          reply_to_user_id: replyTo ? ids[replyTo] : null,
          content: 'hello @lu',
        }),
        DAY,
      );
    const mentioned = intentsFor(
      createEvent(InteractionEvents.mentioned, {
        comment_id: comment,
        video_id: video,
        mentioned_user_id: ids.lu,
        by_user_id: ids.jo,
      }),
      DAY,
    );
    const intents = [...commented(comment, 'jo', null), ...commented(reply, 'kim', 'jo'), ...mentioned];
    for (const intent of intents) expect(await service.record(intent)).not.toBeNull();
    const unread = async () =>
      Promise.all((['ida', 'jo', 'lu'] as const).map((name) => service.unreadCount(ids[name] as string)));
    expect(await unread()).toEqual([2, 1, 1]);

    // A top-level comment takes its replies along.
    deletedComments.add(comment).add(reply);
    const withdrawn = await service.withdrawComments([comment, reply]);
    expect(withdrawn.map((change) => change.recipientId).sort()).toEqual(
      [ids.ida, ids.ida, ids.jo, ids.lu].sort() as string[],
    );
    expect(withdrawn.every((change) => change.notification === null)).toBe(true);
    expect(await unread()).toEqual([0, 0, 0]);
    expect(await service.withdrawComments([comment, reply])).toEqual([]);
    // Its creation handled after its deletion (or redelivered) leaves nothing behind.
    for (const intent of intents) expect(await service.record(intent)).toBeNull();
    expect(await unread()).toEqual([0, 0, 0]);
    expect((await service.list(ids.ida as string, null, 10)).notifications).toEqual([]);
  });

  it('settles on the comments when a deletion races the insert of its notification', async () => {
    const { service, ids, deletedComments, deletedAfterCheck } = setUp(['mia', 'ned']);
    const commented = (commentId: string) =>
      intentsFor(
        createEvent(InteractionEvents.commented, {
          comment_id: commentId,
          video_id: randomUUID(),
          author_id: ids.mia,
          user_id: ids.ned,
          parent_id: null,
          reply_to_user_id: null,
          content: 'racing',
        }),
        DAY,
      )[0] as NotificationIntent;
    // Deleted after the check, its withdrawal done before the insert: the row just made goes, never told.
    const early = commented(randomUUID());
    deletedAfterCheck.add(early.commentId as string);
    expect(await service.record(early)).toBeNull();
    expect(await service.unreadCount(ids.mia as string)).toBe(0);

    // A redelivery racing the deletion leaves the row that was told of to the withdrawal, which announces it.
    const told = commented(randomUUID());
    const shown = await service.record(told);
    deletedAfterCheck.add(told.commentId as string);
    expect(await service.record(told)).toBeNull();
    expect(deletedComments.has(told.commentId as string)).toBe(true);
    expect(await service.withdrawComments([told.commentId as string])).toEqual([
      { recipientId: ids.mia, id: shown?.id, notification: null },
    ]);
    expect(await service.unreadCount(ids.mia as string)).toBe(0);
  });

  it('redelivers a follow onto the notification it made, and honours switches and blocks', async () => {
    const { service, ids, blocked } = setUp(['ann', 'bob', 'cat']);
    const followed = createEvent(FollowEvents.followed, { follower_id: ids.bob, followee_id: ids.ann });
    const intent = intentsFor(followed, DAY)[0] as NotificationIntent;
    expect((await service.record(intent))?.message).toBe('bob started following you');
    expect(await service.record(intent)).toBeNull();

    await service.updatePreferences(ids.ann as string, { follows: false });
    expect(await service.preferences(ids.ann as string)).toMatchObject({ follows: false, likes: true });
    const [later] = intentsFor(createEvent(FollowEvents.followed, { follower_id: ids.cat, followee_id: ids.ann }), DAY);
    expect(await service.record(later as NotificationIntent)).toBeNull();
    await service.updatePreferences(ids.ann as string, { follows: true });
    blocked.add(`${ids.ann}:${ids.cat}`);
    expect(await service.record(later as NotificationIntent)).toBeNull();
    expect(await service.wantsMessagePush(ids.ann as string, ids.cat as string)).toBe(false);
    expect(await service.wantsMessagePush(ids.ann as string, ids.bob as string)).toBe(true);
    expect((await service.list(ids.ann as string, null, 10)).notifications).toHaveLength(1);
  });

  it('marks read up to a notification in list order, and only one’s own', async () => {
    const { service, ids, like } = setUp(['dee', 'eli', 'fox']);
    const [one, two] = [randomUUID(), randomUUID()];
    await service.record(like('eli', 'dee', one) as NotificationIntent);
    await service.record(like('eli', 'dee', two) as NotificationIntent);
    // fox's like moves the first video's notification above the second.
    await service.record(like('fox', 'dee', one) as NotificationIntent);
    const { notifications } = await service.list(ids.dee as string, null, 10);
    expect(notifications.map((n) => n.video_id)).toEqual([one, two]);
    expect(await service.markRead(ids.dee as string, notifications[1]?.id ?? '')).toBe(1);
    await expect(service.markRead(ids.eli as string, notifications[0]?.id ?? '')).rejects.toMatchObject({
      code: 'NOTIFICATION_NOT_FOUND',
    });
    expect(await service.markRead(ids.dee as string, null)).toBe(0);
  });
});
