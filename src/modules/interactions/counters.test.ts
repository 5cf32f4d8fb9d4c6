import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/support/services.ts';
import { InteractionCounters } from './counters.ts';

describe.each(databaseVariants())('durable interaction counters on $name', ({ open }) => {
  let database: TestDatabase;
  let counters: InteractionCounters;
  beforeAll(async () => {
    database = await open();
    counters = new InteractionCounters(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** A like as the service stores it: the row and its delta in one transaction. */
  async function like(video: string, author: string, user = randomUUID()) {
    await database.db.transaction(async (tx) => {
      await tx.query('insert into video_likes (video_id, user_id) values ($1, $2)', [video, user]);
      await counters.record(tx, [{ video, author, field: 'likes', by: 1 }]);
    });
    return user;
  }

  it('shows a recorded change at once, and the same count after it is folded', async () => {
    const [video, author] = [randomUUID(), randomUUID()];
    await like(video, author);
    await like(video, author);
    expect((await counters.videoCounts([video])).get(video)).toMatchObject({ likes: 2 });
    expect(await counters.videoCounterState(video)).toMatchObject({ stored: { likes: 0 }, pending: { likes: 2 } });
    expect(await counters.creatorLikes(author)).toBe(2);

    while ((await counters.flushOnce()) > 0) {
      // fold everything
    }
    expect(await counters.videoCounterState(video)).toMatchObject({ stored: { likes: 2 }, pending: { likes: 0 } });
    expect((await counters.videoCounts([video])).get(video)).toMatchObject({ likes: 2 });
    expect(await counters.creatorLikes(author)).toBe(2);
  });

  it('folds changes recorded under one id spelled in upper and lower case into one counter', async () => {
    const [video, author] = [randomUUID(), randomUUID()];
    await database.db.transaction((tx) =>
      counters.record(tx, [
        { video, author, field: 'shares', by: 1 },
        { video: video.toUpperCase(), author, field: 'shares', by: 1 },
      ]),
    );
    while ((await counters.flushOnce()) > 0) {
      // fold everything
    }
    expect(await counters.videoCounterState(video)).toMatchObject({ stored: { shares: 2 }, pending: { shares: 0 } });
  });

  it('leaves the deltas of a rolled-back transaction out, as it leaves out the fact', async () => {
    const [video, author] = [randomUUID(), randomUUID()];
    await expect(
      database.db.transaction(async (tx) => {
        await counters.record(tx, [{ video, author, field: 'likes', by: 1 }]);
        throw new Error('the fact failed');
      }),
    ).rejects.toThrow('the fact failed');
    expect((await counters.videoCounts([video])).get(video)).toMatchObject({ likes: 0 });
  });

  it('rebuilds wrong counts from their rows and keeps pending deltas pending', async () => {
    const [video, author] = [randomUUID(), randomUUID()];
    const fans = [await like(video, author), await like(video, author), await like(video, author)];
    while ((await counters.flushOnce()) > 0) {
      // fold everything
    }
    // A count gone wrong (a lost update, a hand edit), and one more like still pending.
    await database.db.query('update video_counters set likes = 40 where video_id = $1', [video]);
    await database.db.query('update creator_counters set likes = 7 where user_id = $1', [author]);
    await database.db.query('delete from video_likes where video_id = $1 and user_id = $2', [video, fans[0]]);
    await like(video, author);

    const report = await counters.reconcile();
    expect(report.videos).toBeGreaterThanOrEqual(1);
    expect(report.creators).toBeGreaterThanOrEqual(1);
    expect((await counters.videoCounts([video])).get(video)).toMatchObject({ likes: 3 });
    expect(await counters.videoCounterState(video)).toMatchObject({ stored: { likes: 2 }, pending: { likes: 1 } });
    expect(await counters.creatorLikes(author)).toBe(3);
    expect(await counters.reconcile()).toMatchObject({ videos: 0, creators: 0 });
  });

  it('rebuilds a comment’s like and reply counts', async () => {
    const [video, comment, reply] = [randomUUID(), randomUUID(), randomUUID()];
    await database.db.query(
      `insert into comments (id, video_id, user_id, parent_id, content, like_count, reply_count)
       values ($1, $3, $4, null, 'top', 9, 9), ($2, $3, $4, $1, 'reply', 0, 0)`,
      [comment, reply, video, randomUUID()],
    );
    await database.db.query('insert into comment_likes (comment_id, user_id) values ($1, $2)', [comment, randomUUID()]);
    await counters.reconcile();
    expect((await counters.commentCounts([comment])).get(comment)).toEqual({ likes: 1, replies: 1 });
  });
});
