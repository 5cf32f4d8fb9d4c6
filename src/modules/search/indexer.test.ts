import { randomUUID } from 'node:crypto';
import type { Static, TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import { databasePerTest } from '../../../test/support/database-hooks.ts';
import { databaseVariants } from '../../../test/support/services.ts';
import type { EventDefinition } from '../../platform/stream/event-contract.ts';
import { createEvent, type DomainEvent, untypedEvent } from '../../platform/stream/events.ts';
import { AccountEvents } from '../accounts/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { SoundEvents } from '../sounds/events.ts';
import { VideoEvents } from '../videos/events.ts';
import { SearchIndexer } from './indexer.ts';
import { soundSummaries } from './sound-search.ts';

const START = Date.parse('2026-11-01T00:00:00Z');

function event<S extends TSchema>(definition: EventDefinition<S>, data: Static<S>, second: number): DomainEvent {
  return createEvent(definition, data, new Date(START + second * 1000));
}

/** A payload no producer sends: consumers skip it. */
function malformed(type: string, data: object, second: number): DomainEvent {
  return { ...untypedEvent(type, data), occurredAt: new Date(START + second * 1000).toISOString() };
}

describe.each(databaseVariants())('the search indexer ($name)', ({ open }) => {
  const freshDatabase = databasePerTest(open);

  it('ends in the same state whatever order events arrive in, and counts a redelivery once', async () => {
    const db = await freshDatabase();
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
    const liked = event(InteractionEvents.liked, { user_id: randomUUID(), video_id: video, author_id: author }, 30);
    await indexer.apply(liked);
    const edit = {
      video_id: video,
      author_id: author,
      caption: 'new words',
      hashtags: ['fresh'],
      visibility: 'public' as const,
    };
    await indexer.apply(event(VideoEvents.updated, edit, 20));
    const ready = { video_id: video, author_id: author, caption: 'old words', hashtags: ['stale'], duration_ms: 1000 };
    await indexer.apply(event(VideoEvents.ready, ready, 10));
    await indexer.apply(liked);
    expect(await videoRow()).toEqual({ caption: 'new words', hashtags: ['fresh'], like_count: 1, searchable: true });
    expect([await tagCount('fresh'), await tagCount('stale')]).toEqual([1, 0]);

    // A removal is final, even when it arrives after newer events.
    await indexer.apply(event(VideoEvents.removed, { video_id: video, author_id: author }, 25));
    await indexer.apply(event(VideoEvents.updated, { ...edit, caption: 'later' }, 40));
    expect((await videoRow())?.searchable).toBe(false);
    expect(await tagCount('fresh')).toBe(0);

    // The newest profile wins; an older one arriving later changes nothing.
    const user = randomUUID();
    const profile = { user_id: user, username: 'ordered', bio: '', is_private: false };
    await indexer.apply(event(AccountEvents.profileUpdated, { ...profile, display_name: 'New Name' }, 50));
    await indexer.apply(event(AccountEvents.userRegistered, { ...profile, display_name: 'ordered' }, 40));
    const { rows } = await db.query<{ display_name: string; likes_received: number }>(
      'select display_name, likes_received::int as likes_received from search_users where id in ($1, $2) order by id',
      [user, author].sort(),
    );
    expect(rows.map((row) => row.display_name).sort()).toEqual(['', 'New Name']);
    expect(rows.map((row) => row.likes_received).sort()).toEqual([0, 1]);

    // Malformed payloads are skipped, not retried forever.
    await expect(indexer.apply(malformed('VideoReady', { video_id: 'not-a-uuid' }, 60))).resolves.toBeUndefined();
  });

  it('shows an original sound only while its video is open to visitors, whatever order events arrive in', async () => {
    const db = await freshDatabase();
    const indexer = new SearchIndexer(db);
    const [video, author, sound] = [randomUUID(), randomUUID(), randomUUID()];
    const shownTo = async (viewerId: string | null) => (await soundSummaries(db, [sound], viewerId)).has(sound);
    const profile = (isPrivate: boolean, second: number) =>
      event(
        AccountEvents.profileUpdated,
        { user_id: author, username: 'beat_maker', display_name: 'beat_maker', bio: '', is_private: isPrivate },
        second,
      );
    const visibility = (value: 'public' | 'private', second: number) =>
      event(
        VideoEvents.updated,
        { video_id: video, author_id: author, caption: '', hashtags: [], visibility: value },
        second,
      );

    // The sound is known before its video is ready, and the video was made private before VideoReady is handled.
    const created = {
      sound_id: sound,
      owner_id: author,
      source_video_id: video,
      title: 'original sound',
      duration_ms: 1,
    };
    await indexer.apply(event(SoundEvents.created, created, 5));
    await indexer.apply(
      event(
        AccountEvents.userRegistered,
        { user_id: author, username: 'beat_maker', display_name: 'beat_maker', bio: '', is_private: false },
        1,
      ),
    );
    expect([await shownTo(null), await shownTo(author)]).toEqual([false, true]);
    await indexer.apply(visibility('private', 30));
    await indexer.apply(
      event(VideoEvents.ready, { video_id: video, author_id: author, caption: '', hashtags: [], duration_ms: 1 }, 10),
    );
    expect(await shownTo(null)).toBe(false);

    // Public again; the older private edit delivered again changes nothing.
    await indexer.apply(visibility('public', 40));
    await indexer.apply(visibility('private', 30));
    expect(await shownTo(null)).toBe(true);

    // The account going private hides it; a stale public profile arriving later does not bring it back.
    await indexer.apply(profile(true, 50));
    await indexer.apply(profile(false, 45));
    expect([await shownTo(null), await shownTo(author)]).toEqual([false, true]);
    await indexer.apply(profile(false, 60));
    expect(await shownTo(null)).toBe(true);

    // A sound that names no video is open; one whose source is malformed is skipped.
    const free = randomUUID();
    const noSource = { ...created, sound_id: free, source_video_id: null };
    await indexer.apply(event(SoundEvents.created, noSource, 6));
    expect((await soundSummaries(db, [free], null)).has(free)).toBe(true);
    const odd = randomUUID();
    await indexer.apply(malformed('SoundCreated', { ...created, sound_id: odd, source_video_id: 'not-a-uuid' }, 6));
    expect((await soundSummaries(db, [odd], author)).has(odd)).toBe(false);

    // Removal is final.
    await indexer.apply(event(VideoEvents.removed, { video_id: video, author_id: author }, 35));
    await indexer.apply(visibility('public', 70));
    expect(await shownTo(null)).toBe(false);
  });
});
