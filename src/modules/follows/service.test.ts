import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '../../../test/support/database-hooks.ts';
import { recordingEvents } from '../../../test/support/recording-events.ts';
import { databaseVariants } from '../../../test/support/services.ts';
import { createMemoryCache } from '../../platform/cache/memory-cache.ts';
import { AccountService } from '../accounts/service.ts';
import { AccountStore } from '../accounts/store.ts';
import { AccessTokens } from '../accounts/tokens.ts';
import { FollowService } from './service.ts';

describe.each(databaseVariants())('follow service on $name', ({ open }) => {
  // Each test has its own accounts.
  const database = databaseForSuite(open);

  async function setUp(names: string[]) {
    const { db } = database;
    const events = recordingEvents();
    const accounts = new AccountService({
      db,
      accessTokens: new AccessTokens('k'.repeat(32), 900),
      refreshTtlSeconds: 3600,
      cache: createMemoryCache(),
    });
    const ids: Record<string, string> = {};
    for (const name of names) {
      ids[name] = randomUUID();
      await new AccountStore(db).insertUser({
        id: ids[name],
        username: name,
        email: null,
        display_name: name,
        password_hash: 'not used here',
      });
    }
    return { db, events, ids: ids as Record<string, string>, follows: new FollowService({ db, events, accounts }) };
  }

  it('publishes each change once, in its transaction, and nothing for a repeat', async () => {
    const { db, events, ids, follows } = await setUp(['ann', 'bob', 'cat']);
    await follows.follow(ids.bob as string, 'ann');
    await follows.follow(ids.bob as string, 'ann');
    await db.query('update users set is_private = true where username = $1', ['cat']);
    await follows.follow(ids.ann as string, 'cat');
    await follows.follow(ids.ann as string, 'cat');
    await follows.approveRequest(ids.cat as string, 'ann');
    await follows.follow(ids.ann as string, 'bob');
    await follows.block(ids.ann as string, 'bob');
    await follows.block(ids.ann as string, 'bob');
    await follows.unfollow(ids.ann as string, 'cat');

    expect(events.published.every((event) => event.inTransaction)).toBe(true);
    expect(events.published.map((event) => [event.type, event.data])).toEqual([
      ['Followed', { follower_id: ids.bob, followee_id: ids.ann }],
      ['FollowRequested', { requester_id: ids.ann, target_id: ids.cat }],
      ['Followed', { follower_id: ids.ann, followee_id: ids.cat }],
      ['Followed', { follower_id: ids.ann, followee_id: ids.bob }],
      ['Unfollowed', { follower_id: ids.ann, followee_id: ids.bob }],
      ['Unfollowed', { follower_id: ids.bob, followee_id: ids.ann }],
      ['Blocked', { blocker_id: ids.ann, blocked_id: ids.bob }],
      ['Unfollowed', { follower_id: ids.ann, followee_id: ids.cat }],
    ]);
    expect(await follows.counts(ids.ann as string)).toEqual({ followers: 0, following: 0 });
  });

  it('keeps counts exact and never deadlocks when two accounts follow, unfollow and block each other at once', async () => {
    const { ids, follows } = await setUp(['dee', 'eli']);
    const dee = ids.dee as string;
    const eli = ids.eli as string;
    for (let round = 0; round < 5; round += 1) {
      await Promise.all([
        follows.follow(dee, 'eli'),
        follows.follow(eli, 'dee'),
        follows.unfollow(dee, 'eli'),
        follows.follow(dee, 'eli'),
      ]);
    }
    const [deeCounts, eliCounts, relationship] = await Promise.all([
      follows.counts(dee),
      follows.counts(eli),
      follows.relationship(dee, eli),
    ]);
    expect(deeCounts.following).toBe(relationship.following ? 1 : 0);
    expect(eliCounts.followers).toBe(relationship.following ? 1 : 0);
    expect(deeCounts.followers).toBe(relationship.followed_by ? 1 : 0);

    await Promise.all([follows.block(dee, 'eli'), follows.follow(eli, 'dee').catch(() => null)]);
    expect(await follows.relationship(eli, dee)).toMatchObject({ following: false, followed_by: false });
    expect(await follows.counts(dee)).toEqual({ followers: 0, following: 0 });
    expect(await follows.counts(eli)).toEqual({ followers: 0, following: 0 });
  });

  it('tells the videos module who may see an author', async () => {
    const { db, ids, follows } = await setUp(['fay', 'gus', 'hal']);
    await db.query('update users set is_private = true where username = $1', ['fay']);
    await follows.follow(ids.gus as string, 'fay');
    await follows.approveRequest(ids.fay as string, 'gus');
    await follows.follow(ids.fay as string, 'gus');
    await follows.block(ids.hal as string, 'gus');
    const forGus = await follows.audience(ids.gus as string, [ids.fay as string, ids.hal as string]);
    expect(forGus.get(ids.fay as string)).toEqual({
      blocked: false,
      blockedByAuthor: false,
      privateAccount: false,
      friend: true,
    });
    expect(forGus.get(ids.hal as string)).toMatchObject({ blocked: true, blockedByAuthor: true });
    expect((await follows.audience(ids.hal as string, [ids.gus as string])).get(ids.gus as string)).toMatchObject({
      blocked: true,
      blockedByAuthor: false,
    });
    const forVisitor = await follows.audience(null, [ids.fay as string]);
    expect(forVisitor.get(ids.fay as string)).toMatchObject({ blocked: false, privateAccount: true, friend: false });
  });
});
