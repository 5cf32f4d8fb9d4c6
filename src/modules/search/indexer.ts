import type { Database, SqlExecutor } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent, EventStream, EventSubscription } from '../../platform/stream/events.ts';
import { AccountEvents } from '../accounts/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { SoundEvents } from '../sounds/events.ts';
import { VideoEvents } from '../videos/events.ts';
import { firstDelivery, forgetAppliedBefore } from './applied-events.ts';
import { SoundDocuments } from './sound-documents.ts';
import { UserDocuments } from './user-documents.ts';
import { VideoDocuments } from './video-documents.ts';

/** The durable consumer group of the index: a new group starts from the oldest retained event (a rebuild). */
export const SEARCH_INDEX_GROUP = 'search-index';

export const INDEXED_EVENT_TYPES = [
  AccountEvents.userRegistered.type,
  AccountEvents.profileUpdated.type,
  VideoEvents.ready.type,
  VideoEvents.published.type,
  VideoEvents.updated.type,
  VideoEvents.removed.type,
  VideoEvents.viewLogged.type,
  SoundEvents.created.type,
  InteractionEvents.liked.type,
  InteractionEvents.unliked.type,
  InteractionEvents.shared.type,
  FollowEvents.followed.type,
  FollowEvents.unfollowed.type,
] as const;

/** Applied-event ids are kept a little longer than the event stream keeps events (7 days). */
const APPLIED_RETENTION_MS = 8 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
const ANALYZE_INDEX = [
  'search_users',
  'search_videos',
  'search_video_tags',
  'search_hashtags',
  'search_sounds',
  'search_terms',
]
  .map((table) => `analyze ${table};`)
  .join(' ');

function eventTime(event: DomainEvent): number {
  const at = Date.parse(event.occurredAt);
  return Number.isNaN(at) ? Date.now() : at;
}

/** Keeps the search index in step with the events of accounts, videos, sounds, interactions and follows. */
export class SearchIndexer {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Applies one event; idempotent, and correct in any order. Malformed payloads are skipped. */
  async apply(event: DomainEvent): Promise<void> {
    await this.#db.transaction((tx) => this.#apply(tx, event));
  }

  async #apply(tx: SqlExecutor, event: DomainEvent): Promise<void> {
    const at = eventTime(event);
    const atIso = new Date(at).toISOString();
    const videos = new VideoDocuments(tx);
    switch (event.type) {
      case AccountEvents.userRegistered.type:
      case AccountEvents.profileUpdated.type: {
        const profile =
          readEvent(AccountEvents.userRegistered, event) ?? readEvent(AccountEvents.profileUpdated, event);
        if (!profile) return;
        await new UserDocuments(tx).profile(atIso, {
          id: profile.user_id,
          username: profile.username,
          displayName: profile.display_name,
          bio: profile.bio,
          isPrivate: profile.is_private,
        });
        return;
      }
      case VideoEvents.ready.type: {
        const ready = readEvent(VideoEvents.ready, event);
        if (!ready) return;
        const publishAt = ready.publish_at === undefined ? Number.NaN : Date.parse(ready.publish_at);
        await videos.ready(at, {
          id: ready.video_id,
          authorId: ready.author_id,
          text: { caption: ready.caption, hashtags: ready.hashtags },
          soundId: ready.sound_id ?? null,
          // Without publish_at (events of before scheduling existed) a ready video is published at once.
          due: Number.isNaN(publishAt) || publishAt <= at,
        });
        return;
      }
      case VideoEvents.published.type: {
        const published = readEvent(VideoEvents.published, event);
        if (published) await videos.published({ id: published.video_id, authorId: published.author_id });
        return;
      }
      case VideoEvents.updated.type: {
        const updated = readEvent(VideoEvents.updated, event);
        if (!updated) return;
        const text = { caption: updated.caption, hashtags: updated.hashtags };
        await videos.updated(at, {
          id: updated.video_id,
          authorId: updated.author_id,
          text,
          visibility: updated.visibility,
        });
        return;
      }
      case VideoEvents.removed.type: {
        const removed = readEvent(VideoEvents.removed, event);
        if (removed) await videos.removed(removed.video_id);
        return;
      }
      case SoundEvents.created.type: {
        const sound = readEvent(SoundEvents.created, event);
        if (!sound || sound.title === '') return;
        await new SoundDocuments(tx).created({
          id: sound.sound_id,
          title: sound.title,
          ownerId: sound.owner_id,
          durationMs: sound.duration_ms,
          sourceVideoId: sound.source_video_id,
        });
        return;
      }
      default:
        await this.#count(tx, event, atIso);
    }
  }

  /** Popularity: views, likes and shares of videos; followers and likes received of accounts. */
  async #count(tx: SqlExecutor, event: DomainEvent, at: string): Promise<void> {
    const view = readEvent(VideoEvents.viewLogged, event);
    const share = readEvent(InteractionEvents.shared, event);
    const like = readEvent(InteractionEvents.liked, event) ?? readEvent(InteractionEvents.unliked, event);
    const follow = readEvent(FollowEvents.followed, event) ?? readEvent(FollowEvents.unfollowed, event);
    if (!(view || share || like || follow) || !(await firstDelivery(tx, event.id))) return;
    const sign = event.type === InteractionEvents.unliked.type || event.type === FollowEvents.unfollowed.type ? -1 : 1;
    const videos = new VideoDocuments(tx);
    const users = new UserDocuments(tx);
    if (view) await videos.count(view.video_id, at, { views: 1 });
    if (share) await videos.count(share.video_id, at, { shares: 1 });
    if (like) {
      await videos.count(like.video_id, at, { likes: sign });
      await users.count(like.author_id, at, { likes: sign });
    }
    if (follow) await users.count(follow.followee_id, at, { followers: sign });
  }

  /** Subscribes the durable group and, hourly, prunes applied-event ids and refreshes statistics; worker role. */
  async start(events: EventStream, log: Logger): Promise<EventSubscription> {
    const subscription = await events.subscribe(SEARCH_INDEX_GROUP, INDEXED_EVENT_TYPES, (event) => this.apply(event));
    const upkeep = async () => {
      await forgetAppliedBefore(this.#db, new Date(Date.now() - APPLIED_RETENTION_MS));
      // PostgreSQL's autovacuum keeps the planner's statistics fresh; PGlite has none, and a plan chosen on the
      // statistics of an empty index stays bad as it grows.
      if (this.#db.kind === 'pglite') await this.#db.exec(ANALYZE_INDEX);
    };
    const timer = setInterval(() => {
      upkeep().catch((error: unknown) => log.warn({ err: error }, 'search index upkeep failed'));
    }, PRUNE_EVERY_MS);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await subscription.stop();
      },
    };
  }
}
