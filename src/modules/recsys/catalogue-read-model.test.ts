import { randomUUID } from 'node:crypto';
import type { Static, TSchema } from 'typebox';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/support/services.ts';
import { createMemoryCache } from '../../platform/cache/memory-cache.ts';
import type { Database } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/logger.ts';
import { createEmbeddedEventStream } from '../../platform/stream/embedded-event-stream.ts';
import type { EventDefinition } from '../../platform/stream/event-contract.ts';
import { createEvent, type DomainEvent } from '../../platform/stream/events.ts';
import { VideoEvents } from '../videos/events.ts';
import { CatalogueReadModel } from './catalogue-read-model.ts';
import { RecsysService } from './service.ts';

const HOUR = 3_600_000;
const START = Date.now() - HOUR;

function event<S extends TSchema>(definition: EventDefinition<S>, data: Static<S>, second: number): DomainEvent {
  return createEvent(definition, data, new Date(START + second * 1000));
}

const ready = (videoId: string, authorId: string, second: number, caption = 'first words') =>
  event(
    VideoEvents.ready,
    {
      video_id: videoId,
      author_id: authorId,
      caption,
      hashtags: ['cats'],
      duration_ms: 9_000,
      publish_at: new Date(START + second * 1000).toISOString(),
      sound_id: null,
    },
    second,
  );
const updated = (videoId: string, authorId: string, visibility: 'public' | 'private', second: number) =>
  event(
    VideoEvents.updated,
    { video_id: videoId, author_id: authorId, caption: `${visibility} now`, hashtags: ['dogs'], visibility },
    second,
  );

async function listed(model: CatalogueReadModel) {
  return (await model.recommendable(null, 100)).videos.map((video) => ({ id: video.id, caption: video.caption }));
}

describe.each(databaseVariants())('the recommender’s catalogue read-model ($name)', ({ open }) => {
  let store: TestDatabase | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  it('keeps the newest facts whatever order the events arrive in, and a removal is final', async () => {
    store = await open();
    const model = new CatalogueReadModel(store.db);
    const [author, edited, removed, scheduled] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

    // An edit to private handled before the video's VideoReady: the older VideoReady does not make it public.
    await model.apply(updated(edited, author, 'private', 20));
    await model.apply(ready(edited, author, 10));
    await model.apply(ready(edited, author, 10));
    expect(await listed(model)).toEqual([]);
    await model.apply(updated(edited, author, 'public', 30));
    await model.apply(updated(edited, author, 'private', 20));
    expect(await listed(model)).toEqual([{ id: edited, caption: 'public now' }]);

    // Removed before VideoReady and VideoPublished arrive: it never comes back.
    await model.apply(event(VideoEvents.removed, { video_id: removed, author_id: author }, 40));
    await model.apply(ready(removed, author, 5));
    await model.apply(
      event(
        VideoEvents.published,
        { video_id: removed, author_id: author, publish_at: new Date(START).toISOString() },
        6,
      ),
    );
    await model.apply(updated(removed, author, 'public', 50));
    expect((await listed(model)).map((video) => video.id)).toEqual([edited]);

    // A scheduled video waits for its time.
    const later = new Date(Date.now() + HOUR).toISOString();
    await model.apply(
      event(
        VideoEvents.ready,
        { video_id: scheduled, author_id: author, caption: '', hashtags: [], duration_ms: 1, publish_at: later },
        60,
      ),
    );
    expect((await listed(model)).map((video) => video.id)).toEqual([edited]);
  });

  it('brings a published video back after a restart with its events gone from the log, and not once hidden', async () => {
    store = await open();
    const { db } = store;
    const [author, video] = [randomUUID(), randomUUID()];
    const eligible = (recsys: RecsysService) => {
      const { catalogue } = recsys.recommender.state;
      return catalogue.isEligible(catalogue.labelOf.get(video) ?? -1);
    };

    const first = await startRecsys(db);
    await first.events.publish(ready(video, author, 10));
    await first.events.publish(
      event(
        VideoEvents.published,
        { video_id: video, author_id: author, publish_at: new Date(START).toISOString() },
        11,
      ),
    );
    await vi.waitFor(async () => expect(await listed(new CatalogueReadModel(db))).toHaveLength(1), { timeout: 10_000 });
    await first.stop();

    const second = await startRecsys(db);
    expect(eligible(second.recsys)).toBe(true);
    await second.events.publish(updated(video, author, 'private', 20));
    await vi.waitFor(async () => expect(await listed(new CatalogueReadModel(db))).toEqual([]), { timeout: 10_000 });
    await second.stop();

    const third = await startRecsys(db);
    expect(eligible(third.recsys)).toBe(false);
    await third.stop();
  });
});

/**
 * A node's recommender on `db`, started as if the event log had been emptied past its retention and no snapshot
 * were left: what it knows of the catalogue at start comes from the read-model alone.
 */
async function startRecsys(db: Database) {
  await db.query('delete from events');
  await db.query('delete from recsys_snapshots');
  const events = createEmbeddedEventStream({ db });
  const recsys = new RecsysService({
    db,
    events,
    cache: createMemoryCache(),
    log: createLogger({ logLevel: 'silent' }),
    snapshotIntervalMs: 0,
  });
  await recsys.start();
  return {
    recsys,
    events,
    async stop() {
      await recsys.close();
      await events.close();
    },
  };
}
