import type { Database } from '../../platform/db/database.ts';
import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { VideoEvents } from '../videos/events.ts';
import type { CatalogueVideo } from './catalogue.ts';
import { type CataloguePosition, type CatalogueRow, CatalogueStore } from './catalogue-store.ts';

/** One group for all api nodes: each catalogue event is written once to the shared read-model. */
export const CATALOGUE_GROUP = 'recsys-catalogue';

export const CATALOGUE_EVENT_TYPES: readonly string[] = [
  VideoEvents.ready.type,
  VideoEvents.published.type,
  VideoEvents.updated.type,
  VideoEvents.removed.type,
];

function eventTime(event: DomainEvent): Date {
  const at = Date.parse(event.occurredAt);
  return new Date(Number.isNaN(at) ? Date.now() : at);
}

/**
 * The recommender's own list of videos (`recsys_catalogue`), kept from the videos module's events: what a node
 * warms from at start and catches up with, instead of asking the videos module.
 */
export class CatalogueReadModel {
  readonly #store: CatalogueStore;

  constructor(db: Database) {
    this.#store = new CatalogueStore(db);
  }

  /** Idempotent and order-safe (see CatalogueStore); malformed events are skipped. */
  async apply(event: DomainEvent): Promise<void> {
    const at = eventTime(event);
    const ready = readEvent(VideoEvents.ready, event);
    if (ready) {
      await this.#store.ready(at, {
        videoId: ready.video_id,
        authorId: ready.author_id,
        caption: ready.caption,
        hashtags: ready.hashtags,
        soundId: ready.sound_id ?? null,
        durationMs: ready.duration_ms,
        visibility: ready.visibility ?? null,
        // Without publish_at (events of before scheduling existed) a ready video was published at once.
        publishAt: ready.publish_at === undefined ? at : new Date(ready.publish_at),
      });
    }
    const published = readEvent(VideoEvents.published, event);
    if (published) await this.#store.published(published.video_id, published.author_id, new Date(published.publish_at));
    const updated = readEvent(VideoEvents.updated, event);
    if (updated) {
      const { caption, hashtags, visibility } = updated;
      await this.#store.updated(at, {
        videoId: updated.video_id,
        authorId: updated.author_id,
        caption,
        hashtags,
        visibility,
      });
    }
    const removed = readEvent(VideoEvents.removed, event);
    if (removed) await this.#store.removed(removed.video_id, removed.author_id);
  }

  /** Recommendable videos, newest first, as the recommender's catalogue takes them. */
  async recommendable(
    after: CataloguePosition | null,
    limit: number,
  ): Promise<{ videos: CatalogueVideo[]; next: CataloguePosition | null }> {
    const rows = await this.#store.recommendable(after, limit);
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return {
      videos: rows.map(catalogueVideoOf),
      next: last ? { publishAt: last.publish_at, videoId: last.video_id } : null,
    };
  }
}

function catalogueVideoOf(row: CatalogueRow): CatalogueVideo {
  return {
    id: row.video_id,
    authorId: row.author_id,
    caption: row.caption,
    hashtags: row.hashtags,
    soundId: row.sound_id,
    durationMs: row.duration_ms,
    readyAt: row.publish_at.getTime(),
    publishAt: null,
  };
}
