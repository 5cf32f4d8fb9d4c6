import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingEvents } from '../../../test/support/recording-events.ts';
import { databaseVariants, type TestDatabase } from '../../../test/support/services.ts';
import { createMemoryCache } from '../../platform/cache/memory-cache.ts';
import { AccountService } from '../accounts/service.ts';
import { AccountStore } from '../accounts/store.ts';
import { AccessTokens } from '../accounts/tokens.ts';
import { CommentService } from './comments.ts';
import { InteractionCounters } from './counters.ts';
import { type BlockList, InteractionService, type VideoDirectory } from './service.ts';

describe.each(databaseVariants())('interaction events on $name', ({ open }) => {
  let database: TestDatabase;
  const cache = createMemoryCache();
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.dispose();
    await cache.close();
  });

  async function setUp() {
    const { db } = database;
    const ids = { creator: randomUUID(), fan: randomUUID(), friend: randomUUID(), blocker: randomUUID() };
    for (const [name, id] of Object.entries(ids)) {
      const username = `${name}_${id.slice(0, 6)}`;
      await new AccountStore(db).insertUser({ id, username, email: null, display_name: name, password_hash: '-' });
    }
    const video = randomUUID();
    // Stand-ins for the videos and follows modules: one visible video; `blocker` blocked `fan`.
    const videos: VideoDirectory = {
      target: async (id) =>
        id === video
          ? {
              id,
              author_id: ids.creator,
              available: true,
              blockedByAuthor: false,
              download: { allowed: true, key: null },
            }
          : null,
    };
    const blocks: BlockList = {
      hasBlocked: async (blocker, blocked) => blocker === ids.blocker && blocked === ids.fan,
      blockedEitherWay: async (id) => (id === ids.blocker ? [ids.fan] : id === ids.fan ? [ids.blocker] : []),
    };
    const events = recordingEvents();
    const counters = new InteractionCounters(db);
    const accounts = new AccountService({
      db,
      accessTokens: new AccessTokens('k'.repeat(32), 900),
      refreshTtlSeconds: 3600,
      cache: cache,
    });
    const deps = { db, events, counters, videos, blocks };
    const usernames = await accounts.getUsers(Object.values(ids));
    const nameOf = (id: string) => usernames.get(id)?.username as string;
    return {
      ids,
      video,
      events,
      nameOf,
      interactions: new InteractionService(deps),
      comments: new CommentService({ ...deps, accounts }),
    };
  }

  it('publishes likes, saves and shares with their transaction, once per real change', async () => {
    const { ids, video, events, interactions } = await setUp();
    await interactions.like(video, ids.fan);
    await interactions.like(video, ids.fan);
    await interactions.unlike(video, ids.fan);
    await interactions.unlike(video, ids.fan);
    await interactions.save(video, ids.fan);
    await interactions.share(video, null, 'link', 'http://x/v/1');
    expect(events.published.every((event) => event.inTransaction)).toBe(true);
    const like = { user_id: ids.fan, video_id: video, author_id: ids.creator };
    expect(events.published.map((event) => [event.type, event.data])).toEqual([
      ['Liked', like],
      ['Unliked', like],
      ['Saved', { user_id: ids.fan, video_id: video }],
      ['Shared', { user_id: null, video_id: video, channel: 'link' }],
    ]);
  });

  it('publishes a comment and one mention per account named, except the writer and those who blocked them', async () => {
    const { ids, video, events, nameOf, comments } = await setUp();
    const text = `hey @${nameOf(ids.friend)} @${nameOf(ids.fan)} @${nameOf(ids.blocker)} @${nameOf(ids.friend)}`;
    const top = await comments.create(video, ids.fan, { content: text });
    const reply = await comments.create(video, ids.creator, { content: 'thanks', parent_id: top.id });
    expect(top.mentions).toEqual([nameOf(ids.friend)]);
    expect(events.published.every((event) => event.inTransaction)).toBe(true);
    expect(events.published.map((event) => [event.type, event.data])).toEqual([
      [
        'Commented',
        {
          comment_id: top.id,
          video_id: video,
          author_id: ids.creator,
          user_id: ids.fan,
          parent_id: null,
          reply_to_user_id: null,
          content: text,
        },
      ],
      ['Mentioned', { comment_id: top.id, video_id: video, mentioned_user_id: ids.friend, by_user_id: ids.fan }],
      [
        'Commented',
        {
          comment_id: reply.id,
          video_id: video,
          author_id: ids.creator,
          user_id: ids.creator,
          parent_id: top.id,
          reply_to_user_id: ids.fan,
          content: 'thanks',
        },
      ],
    ]);
  });

  it('publishes a deletion with the writer, the creator and the replies that went with it', async () => {
    const { ids, video, events, comments } = await setUp();
    const top = await comments.create(video, ids.fan, { content: 'first' });
    const reply = await comments.create(video, ids.friend, { content: 'second', parent_id: top.id });
    const other = await comments.create(video, ids.friend, { content: 'third', parent_id: top.id });
    events.take();
    await comments.delete(other.id, ids.friend);
    expect(await comments.exists(other.id)).toBe(false);
    await comments.delete(top.id, ids.creator);
    expect(await comments.exists(reply.id)).toBe(false);
    expect(events.published.every((event) => event.inTransaction)).toBe(true);
    const deleted = { video_id: video, author_id: ids.creator };
    expect(events.published.map((event) => [event.type, event.data])).toEqual([
      [
        'CommentDeleted',
        {
          ...deleted,
          comment_id: other.id,
          user_id: ids.friend,
          parent_id: top.id,
          reply_ids: [],
          deleted_by: ids.friend,
        },
      ],
      [
        'CommentDeleted',
        {
          ...deleted,
          comment_id: top.id,
          user_id: ids.fan,
          parent_id: null,
          reply_ids: [reply.id],
          deleted_by: ids.creator,
        },
      ],
    ]);
  });
});
