import type { Database } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { EventData } from '../../platform/stream/event-contract.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { VideoTarget } from '../videos/access.ts';
import type { VideoSocialStats, VideoStatsProvider } from '../videos/stats.ts';
import type { InteractionCounters } from './counters.ts';
import { InteractionEvents } from './events.ts';
import { type Position, ReactionStore } from './store.ts';

/** What interactions need from the videos module. */
export interface VideoDirectory {
  target(id: string, viewerId: string | null): Promise<VideoTarget | null>;
}

/** What interactions need from the follows module. */
export interface BlockList {
  hasBlocked(blockerId: string, blockedId: string): Promise<boolean>;
  /** Accounts the user blocked or was blocked by. */
  blockedEitherWay(userId: string): Promise<string[]>;
}

export interface SavedPage {
  /** Newest save first; the caller shows those the viewer may still see. */
  videoIds: string[];
  next: Position | null;
}

/**
 * The video a viewer acts on: 404 when it does not exist for them, 403 when its author blocked them. The block is
 * checked first so a blocked account is told why rather than shown a missing video.
 */
export async function actionableVideo(
  videos: VideoDirectory,
  videoId: string,
  viewerId: string | null,
): Promise<VideoTarget> {
  const video = await videos.target(videoId, viewerId);
  if (!video) throw notFound('VIDEO_NOT_FOUND', 'That video does not exist.');
  if (video.blockedByAuthor) throw forbidden('BLOCKED', 'The author of this video has blocked you.');
  if (!video.available) throw notFound('VIDEO_NOT_FOUND', 'That video does not exist.');
  return video;
}

export interface InteractionServiceDeps {
  db: Database;
  events: EventStream;
  counters: InteractionCounters;
  videos: VideoDirectory;
}

/**
 * Likes, saves, shares and downloads of videos, and the counts shown on every video. A change is stored with its
 * event and its counter delta in one transaction; only a real change (not a repeat) moves a counter, so racing
 * requests count exactly and a crash loses no acknowledged count.
 */
export class InteractionService implements VideoStatsProvider {
  readonly #deps: InteractionServiceDeps;
  readonly #store: ReactionStore;

  constructor(deps: InteractionServiceDeps) {
    this.#deps = deps;
    this.#store = new ReactionStore(deps.db);
  }

  async like(videoId: string, userId: string): Promise<{ liked: true; like_count: number }> {
    const video = await actionableVideo(this.#deps.videos, videoId, userId);
    await this.#deps.db.transaction(async (tx) => {
      if (!(await new ReactionStore(tx).insertLike(videoId, userId))) return;
      const data: EventData<typeof InteractionEvents.liked> = {
        user_id: userId,
        video_id: videoId,
        author_id: video.author_id,
      };
      await this.#deps.events.publish(createEvent(InteractionEvents.liked, data), tx);
      await this.#deps.counters.record(tx, [{ video: videoId, author: video.author_id, field: 'likes', by: 1 }]);
    });
    return { liked: true, like_count: await this.#count(videoId, 'likes') };
  }

  async unlike(videoId: string, userId: string): Promise<{ liked: false; like_count: number }> {
    const video = await actionableVideo(this.#deps.videos, videoId, userId);
    await this.#deps.db.transaction(async (tx) => {
      if (!(await new ReactionStore(tx).deleteLike(videoId, userId))) return;
      const data: EventData<typeof InteractionEvents.unliked> = {
        user_id: userId,
        video_id: videoId,
        author_id: video.author_id,
      };
      await this.#deps.events.publish(createEvent(InteractionEvents.unliked, data), tx);
      await this.#deps.counters.record(tx, [{ video: videoId, author: video.author_id, field: 'likes', by: -1 }]);
    });
    return { liked: false, like_count: await this.#count(videoId, 'likes') };
  }

  async save(videoId: string, userId: string): Promise<{ saved: true; save_count: number }> {
    const video = await actionableVideo(this.#deps.videos, videoId, userId);
    await this.#deps.db.transaction(async (tx) => {
      if (!(await new ReactionStore(tx).insertSave(videoId, userId))) return;
      const data: EventData<typeof InteractionEvents.saved> = { user_id: userId, video_id: videoId };
      await this.#deps.events.publish(createEvent(InteractionEvents.saved, data), tx);
      await this.#deps.counters.record(tx, [{ video: videoId, author: video.author_id, field: 'saves', by: 1 }]);
    });
    return { saved: true, save_count: await this.#count(videoId, 'saves') };
  }

  /** Unsaving works even when the video is no longer visible, so a saved list can always be cleaned up. */
  async unsave(videoId: string, userId: string): Promise<{ saved: false; save_count: number }> {
    const changed = await this.#deps.db.transaction(async (tx) => {
      if (!(await new ReactionStore(tx).deleteSave(videoId, userId))) return false;
      const data: EventData<typeof InteractionEvents.unsaved> = { user_id: userId, video_id: videoId };
      await this.#deps.events.publish(createEvent(InteractionEvents.unsaved, data), tx);
      await this.#deps.counters.record(tx, [{ video: videoId, author: null, field: 'saves', by: -1 }]);
      return true;
    });
    if (!changed) await actionableVideo(this.#deps.videos, videoId, userId);
    return { saved: false, save_count: await this.#count(videoId, 'saves') };
  }

  /** Every share is recorded (visitors too); `shareUrl` is the address the viewer passes on. */
  async share(
    videoId: string,
    userId: string | null,
    channel: string,
    shareUrl: string,
  ): Promise<{ share_url: string; share_count: number }> {
    const video = await actionableVideo(this.#deps.videos, videoId, userId);
    await this.#deps.db.transaction(async (tx) => {
      await new ReactionStore(tx).insertShare(videoId, userId, channel);
      const data: EventData<typeof InteractionEvents.shared> = { user_id: userId, video_id: videoId, channel };
      await this.#deps.events.publish(createEvent(InteractionEvents.shared, data), tx);
      await this.#deps.counters.record(tx, [{ video: videoId, author: video.author_id, field: 'shares', by: 1 }]);
    });
    return { share_url: shareUrl, share_count: await this.#count(videoId, 'shares') };
  }

  /** The blob key of the progressive MP4 to send the viewer to. */
  async downloadKey(videoId: string, viewerId: string | null): Promise<string> {
    const video = await actionableVideo(this.#deps.videos, videoId, viewerId);
    if (!video.download.allowed && video.author_id !== viewerId) {
      throw forbidden('DOWNLOAD_DISABLED', 'The author does not allow downloading this video.');
    }
    if (!video.download.key) {
      throw conflict('DOWNLOAD_UNAVAILABLE', 'There is no downloadable file for this video yet.');
    }
    return video.download.key;
  }

  async saved(userId: string, after: Position | null, limit: number): Promise<SavedPage> {
    const positions = await this.#store.listSaved(userId, after, limit + 1);
    const page = positions.slice(0, limit);
    const last = page.at(-1);
    return { videoIds: page.map((position) => position.id), next: positions.length > limit && last ? last : null };
  }

  async statsFor(videoIds: readonly string[], viewerId: string | null): Promise<Map<string, VideoSocialStats>> {
    const [counts, state] = await Promise.all([
      this.#deps.counters.videoCounts(videoIds),
      viewerId ? this.#store.viewerState(viewerId, videoIds) : null,
    ]);
    return new Map(
      videoIds.map((id) => [
        id,
        {
          counts: counts.get(id) ?? { likes: 0, comments: 0, shares: 0, saves: 0 },
          viewer: state ? { liked: state.liked.has(id), saved: state.saved.has(id) } : null,
        },
      ]),
    );
  }

  /** Whether the user likes the video now (the notifications module checks a like event against it). */
  async hasLiked(userId: string, videoId: string): Promise<boolean> {
    return (await this.#store.viewerState(userId, [videoId])).liked.has(videoId);
  }

  /** Likes received over all of a creator's videos. */
  likesReceived(userId: string): Promise<number> {
    return this.#deps.counters.creatorLikes(userId);
  }

  async #count(videoId: string, field: 'likes' | 'saves' | 'shares'): Promise<number> {
    return (await this.#deps.counters.videoCounts([videoId])).get(videoId)?.[field] ?? 0;
  }
}
