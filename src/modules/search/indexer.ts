import type { Database, SqlExecutor } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { DomainEvent, EventStream, EventSubscription } from '../../platform/stream/events.ts';
import { AccountEvents } from '../accounts/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { SoundEvents } from '../sounds/events.ts';
import { VideoEvents } from '../videos/events.ts';
import { firstDelivery, forgetAppliedBefore } from './applied-events.ts';
import { asPayload, boolField, numberField, type Payload, textField, textList, uuidField } from './payload.ts';
import { SoundDocuments } from './sound-documents.ts';
import { UserDocuments } from './user-documents.ts';
import { VideoDocuments } from './video-documents.ts';

/** The durable consumer group of the index: a new group starts from the oldest retained event (a rebuild). */
export const SEARCH_INDEX_GROUP = 'search-index';

export const INDEXED_EVENT_TYPES = [
  AccountEvents.userRegistered,
  AccountEvents.profileUpdated,
  VideoEvents.ready,
  VideoEvents.published,
  VideoEvents.updated,
  VideoEvents.removed,
  VideoEvents.viewLogged,
  SoundEvents.created,
  InteractionEvents.liked,
  InteractionEvents.unliked,
  InteractionEvents.shared,
  FollowEvents.followed,
  FollowEvents.unfollowed,
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
    await this.#db.transaction((tx) => this.#apply(tx, event, asPayload(event.data)));
  }

  async #apply(tx: SqlExecutor, event: DomainEvent, data: Payload): Promise<void> {
    const at = eventTime(event);
    const atIso = new Date(at).toISOString();
    const videos = new VideoDocuments(tx);
    const users = new UserDocuments(tx);
    const videoId = uuidField(data, 'video_id');
    switch (event.type) {
      case AccountEvents.userRegistered:
      case AccountEvents.profileUpdated: {
        const id = uuidField(data, 'user_id');
        const username = textField(data, 'username');
        if (!id || !username) return;
        await users.profile(atIso, {
          id,
          username,
          displayName: textField(data, 'display_name') ?? username,
          bio: textField(data, 'bio') ?? '',
          isPrivate: boolField(data, 'is_private') ?? false,
        });
        return;
      }
      case VideoEvents.ready: {
        const authorId = uuidField(data, 'author_id');
        if (!videoId || !authorId) return;
        const publishAt = Date.parse(textField(data, 'publish_at') ?? '');
        await videos.ready(at, {
          id: videoId,
          authorId,
          text: { caption: textField(data, 'caption') ?? '', hashtags: textList(data, 'hashtags') },
          soundId: uuidField(data, 'sound_id'),
          // Without publish_at (events of before scheduling existed) a ready video is published at once.
          due: Number.isNaN(publishAt) || publishAt <= at,
        });
        return;
      }
      case VideoEvents.published: {
        const authorId = uuidField(data, 'author_id');
        if (videoId && authorId) await videos.published({ id: videoId, authorId });
        return;
      }
      case VideoEvents.updated: {
        const authorId = uuidField(data, 'author_id');
        const visibility = textField(data, 'visibility');
        if (
          !videoId ||
          !authorId ||
          (visibility !== 'public' && visibility !== 'friends' && visibility !== 'private')
        ) {
          return;
        }
        const text = { caption: textField(data, 'caption') ?? '', hashtags: textList(data, 'hashtags') };
        await videos.updated(at, { id: videoId, authorId, text, visibility });
        return;
      }
      case VideoEvents.removed:
        if (videoId) await videos.removed(videoId);
        return;
      case SoundEvents.created: {
        const id = uuidField(data, 'sound_id');
        const title = textField(data, 'title');
        const ownerId = uuidField(data, 'owner_id');
        const sourceVideoId = uuidField(data, 'source_video_id');
        // A source that is not a video id would make the sound open to everyone: skipped as malformed.
        const malformedSource = data.source_video_id != null && !sourceVideoId;
        if (id && title && ownerId && !malformedSource) {
          await new SoundDocuments(tx).created({
            id,
            title,
            ownerId,
            durationMs: numberField(data, 'duration_ms'),
            sourceVideoId,
          });
        }
        return;
      }
      default:
        await this.#count(tx, event, data, atIso);
    }
  }

  /** Popularity: views, likes and shares of videos; followers and likes received of accounts. */
  async #count(tx: SqlExecutor, event: DomainEvent, data: Payload, at: string): Promise<void> {
    const videoId = uuidField(data, 'video_id');
    const sign = event.type === InteractionEvents.unliked || event.type === FollowEvents.unfollowed ? -1 : 1;
    const known = (INDEXED_EVENT_TYPES as readonly string[]).includes(event.type);
    if (!known || !(await firstDelivery(tx, event.id))) return;
    const videos = new VideoDocuments(tx);
    const users = new UserDocuments(tx);
    switch (event.type) {
      case VideoEvents.viewLogged:
        if (videoId) await videos.count(videoId, at, { views: 1 });
        return;
      case InteractionEvents.shared:
        if (videoId) await videos.count(videoId, at, { shares: 1 });
        return;
      case InteractionEvents.liked:
      case InteractionEvents.unliked: {
        const authorId = uuidField(data, 'author_id');
        if (videoId) await videos.count(videoId, at, { likes: sign });
        if (authorId) await users.count(authorId, at, { likes: sign });
        return;
      }
      case FollowEvents.followed:
      case FollowEvents.unfollowed: {
        const followeeId = uuidField(data, 'followee_id');
        if (followeeId) await users.count(followeeId, at, { followers: sign });
        return;
      }
    }
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
