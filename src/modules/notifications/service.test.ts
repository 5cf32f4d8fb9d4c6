import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/support/services.ts';
import { createEvent } from '../../platform/stream/events.ts';
import type { PublicUser } from '../accounts/service.ts';
import { intentFor, type NotificationIntent } from './intents.ts';
import { NotificationService } from './service.ts';

const DAY = 24 * 3_600_000;

describe.each(databaseVariants())('notification service on $name', ({ open }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** Accounts by id with their names; `blocked` holds "blocker:blocked" pairs. */
  function setUp(names: string[]) {
    const users = new Map<string, PublicUser>();
    const ids: Record<string, string> = {};
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
    const service = new NotificationService({
      db: database.db,
      users: { getUsers: async (wanted) => new Map([...users].filter(([id]) => wanted.includes(id))) },
      blocks: { hasBlocked: async (blocker, target) => blocked.has(`${blocker}:${target}`) },
    });
    const like = (user: string, author: string, video: string) =>
      intentFor(
        createEvent('Liked', { user_id: ids[user], video_id: video, author_id: ids[author] }),
        DAY,
      ) as NotificationIntent | null;
    return { service, ids: ids as Record<string, string>, blocked, like };
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

  it('redelivers a follow onto the notification it made, and honours switches and blocks', async () => {
    const { service, ids, blocked } = setUp(['ann', 'bob', 'cat']);
    const followed = createEvent('Followed', { follower_id: ids.bob, followee_id: ids.ann });
    const intent = intentFor(followed, DAY) as NotificationIntent;
    expect((await service.record(intent))?.message).toBe('bob started following you');
    expect(await service.record(intent)).toBeNull();

    await service.updatePreferences(ids.ann as string, { follows: false });
    expect(await service.preferences(ids.ann as string)).toMatchObject({ follows: false, likes: true });
    const later = intentFor(createEvent('Followed', { follower_id: ids.cat, followee_id: ids.ann }), DAY);
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
