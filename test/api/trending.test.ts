import { randomUUID } from 'node:crypto';
import type { Static, TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import { InteractionEvents } from '../../src/modules/interactions/events.ts';
import { SoundEvents } from '../../src/modules/sounds/events.ts';
import { TrendingService } from '../../src/modules/trending/service.ts';
import { VideoEvents } from '../../src/modules/videos/events.ts';
import type { EventDefinition } from '../../src/platform/stream/event-contract.ts';
import { createEvent, type DomainEvent } from '../../src/platform/stream/events.ts';
import { eventually, publishedVideo } from '../support/search.ts';
import { signUpAll } from '../support/social.ts';
import { relationalStoreVariants, useVariantLooply } from '../support/variant-looply.ts';

const variants = relationalStoreVariants('trending');

const MINUTE = 60_000;

/** An event as if published `agoMs` ago: the detector counts activity at the time it happened. */
function pastEvent<S extends TSchema>(definition: EventDefinition<S>, data: Static<S>, agoMs: number): DomainEvent {
  return createEvent(definition, data, new Date(Date.now() - agoMs));
}

describe.each(variants)('trending through the API ($name)', (variant) => {
  const { looply } = useVariantLooply(variant);

  const upload = (hashtags: string[], agoMs: number, soundId: string | null = null) =>
    pastEvent(
      VideoEvents.ready,
      { video_id: randomUUID(), author_id: randomUUID(), caption: '', hashtags, duration_ms: 2000, sound_id: soundId },
      agoMs,
    );

  it('ranks a hashtag that accelerates above a bigger one that is merely steady', async () => {
    const sound = randomUUID();
    const events: DomainEvent[] = [
      pastEvent(
        SoundEvents.created,
        { sound_id: sound, owner_id: randomUUID(), source_video_id: null, title: 'Rising Beat', duration_ms: 9 },
        0,
      ),
    ];
    // #steadytag: an upload every 30 minutes for a day (48); #risingtag: 12 uploads in the last 6 minutes.
    for (let i = 0; i < 48; i += 1) events.push(upload(['steadytag'], i * 30 * MINUTE + MINUTE));
    for (let i = 0; i < 12; i += 1) events.push(upload(['risingtag'], i * 30_000, sound));
    for (const event of events) await looply.infra.events.publish(event);

    const board = await eventually(async () => {
      const response = await looply.api('/v1/trending?type=hashtags');
      expect(response.status).toBe(200);
      expect(response.body.items.map((item: { hashtag: { name: string } }) => item.hashtag.name)).toEqual([
        'risingtag',
        'steadytag',
      ]);
      expect(response.body.items[1].counts.last_24h).toBeGreaterThan(300);
      // Totals come from the search index, a consumer of its own.
      expect(response.body.items[0].hashtag).toEqual({ name: 'risingtag', video_count: 12, view_count: 0 });
      return response.body;
    });
    const [rising, steady] = board.items;
    // The steady tag is bigger over the day; the riser leads on acceleration.
    expect(steady.counts.last_24h).toBeGreaterThan(2 * rising.counts.last_24h);
    expect(rising.counts.last_15m).toBeGreaterThan(steady.counts.last_15m);
    expect(rising.score).toBeGreaterThan(steady.score);
    expect(Date.parse(board.computed_at)).toBeGreaterThan(Date.now() - MINUTE);

    await eventually(async () => {
      const sounds = await looply.api('/v1/trending?type=sounds');
      expect(sounds.body.items).toHaveLength(1);
      expect(sounds.body.items[0].sound).toMatchObject({ id: sound, title: 'Rising Beat', video_count: 12 });
    });
    expect(await looply.services.trending.trendingHashtags(1)).toEqual(['risingtag']);
    expect(await looply.services.trending.trendingSounds(5)).toEqual([sound]);
  });

  it('ranks videos the viewer may see and shares its board with every api node', async () => {
    const [vic] = await signUpAll(looply, ['vic_trends'] as const);
    const shown = await publishedVideo(looply, vic.user.id, { caption: 'trend me', hashtags: ['viewedtag'] });
    const hidden = await publishedVideo(looply, vic.user.id, { caption: 'private one' });
    for (let i = 0; i < 3; i += 1) {
      const view = await looply.api(`/v1/videos/${shown}/view`, {
        method: 'POST',
        json: { watch_time_ms: 3000, completion_rate: 1, replay_count: 0, source: 'test' },
      });
      expect(view.status).toBe(204);
    }
    await looply.api(`/v1/videos/${hidden}`, {
      method: 'PATCH',
      token: vic.access_token,
      json: { visibility: 'private' },
    });
    // Activity of a private video and of one that does not exist is counted but never shown.
    for (const videoId of [hidden, randomUUID()]) {
      for (let i = 0; i < 5; i += 1) {
        await looply.infra.events.publish(
          pastEvent(InteractionEvents.liked, { user_id: randomUUID(), video_id: videoId, author_id: randomUUID() }, 0),
        );
      }
    }
    await eventually(async () => {
      const response = await looply.api('/v1/trending?type=videos&count=5');
      expect(response.body.items.map((item: { video: { id: string } }) => item.video.id)).toEqual([shown]);
      expect(response.body.items[0].counts.last_15m).toBeCloseTo(3, 0);
      expect(await looply.services.trending.trendingVideoIds(5)).toEqual([shown]);
    });

    // An api node without a detector ranks from the boards the detectors share through the store.
    const apiNode = new TrendingService({
      db: looply.infra.db,
      search: looply.services.search,
      videos: looply.services.videos,
    });
    const expected = await looply.services.trending.trendingHashtags(3);
    expect(expected).toHaveLength(3);
    await eventually(async () => {
      expect(await apiNode.trendingHashtags(3)).toEqual(expected);
    }, 15_000);
  });
});
