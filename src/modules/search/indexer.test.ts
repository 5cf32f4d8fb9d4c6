import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/support/services.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { SearchIndexer } from './indexer.ts';

const START = Date.parse('2026-11-01T00:00:00Z');

function event(type: string, data: object, second: number, id = randomUUID()): DomainEvent {
  return { id, type, version: 1, occurredAt: new Date(START + second * 1000).toISOString(), data };
}

describe.each(databaseVariants())('the search indexer ($name)', ({ open }) => {
  let store: TestDatabase | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  it('ends in the same state whatever order events arrive in, and counts a redelivery once', async () => {
    store = await open();
    const { db } = store;
    const indexer = new SearchIndexer(db);
    const video = randomUUID();
    const author = randomUUID();
    const videoRow = async () =>
      (
        await db.query<{ caption: string; hashtags: string[]; like_count: number; searchable: boolean }>(
          'select caption, hashtags, like_count::int as like_count, searchable from search_videos where id = $1',
          [video],
        )
      ).rows[0];
    const tagCount = async (name: string) =>
      Number(
        (await db.query<{ n: number }>('select video_count as n from search_hashtags where name = $1', [name])).rows[0]
          ?.n ?? 0,
      );

    // The like and the caption edit are handled before the video is known to be ready.
    const liked = event('Liked', { user_id: randomUUID(), video_id: video, author_id: author }, 30);
    await indexer.apply(liked);
    const edit = {
      video_id: video,
      author_id: author,
      caption: 'new words',
      hashtags: ['fresh'],
      visibility: 'public',
    };
    await indexer.apply(event('VideoUpdated', edit, 20));
    const ready = { video_id: video, author_id: author, caption: 'old words', hashtags: ['stale'], duration_ms: 1000 };
    await indexer.apply(event('VideoReady', ready, 10));
    await indexer.apply(liked);
    expect(await videoRow()).toEqual({ caption: 'new words', hashtags: ['fresh'], like_count: 1, searchable: true });
    expect([await tagCount('fresh'), await tagCount('stale')]).toEqual([1, 0]);

    // A removal is final, even when it arrives after newer events.
    await indexer.apply(event('VideoRemoved', { video_id: video, author_id: author }, 25));
    await indexer.apply(event('VideoUpdated', { ...edit, caption: 'later' }, 40));
    expect((await videoRow())?.searchable).toBe(false);
    expect(await tagCount('fresh')).toBe(0);

    // The newest profile wins; an older one arriving later changes nothing.
    const user = randomUUID();
    const profile = { user_id: user, username: 'ordered', bio: '', is_private: false };
    await indexer.apply(event('ProfileUpdated', { ...profile, display_name: 'New Name' }, 50));
    await indexer.apply(event('UserRegistered', { ...profile, display_name: 'ordered' }, 40));
    const { rows } = await db.query<{ display_name: string; likes_received: number }>(
      'select display_name, likes_received::int as likes_received from search_users where id in ($1, $2) order by id',
      [user, author].sort(),
    );
    expect(rows.map((row) => row.display_name).sort()).toEqual(['', 'New Name']);
    expect(rows.map((row) => row.likes_received).sort()).toEqual([0, 1]);

    // Malformed payloads are skipped, not retried forever.
    await expect(indexer.apply(event('VideoReady', { video_id: 'not-a-uuid' }, 60))).resolves.toBeUndefined();
  });
});
