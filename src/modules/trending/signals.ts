import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { VideoEvents } from '../videos/events.ts';
import type { TrendingDetector } from './detector.ts';
import type { RecentIds } from './recent-ids.ts';
import type { VideoTopics } from './video-topics.ts';

/** The durable consumer group of the trending detector. */
export const TRENDING_GROUP = 'trending';

export const TREND_EVENT_TYPES = [
  VideoEvents.ready.type,
  VideoEvents.updated.type,
  VideoEvents.viewLogged.type,
  InteractionEvents.liked.type,
  InteractionEvents.commented.type,
  InteractionEvents.shared.type,
] as const;

/** What each signal is worth to a video and to its hashtags and sound; an upload counts for its hashtags and sound. */
export const SIGNAL_WEIGHTS = { view: 1, skippedView: 0.25, like: 3, comment: 3, share: 5, upload: 10 } as const;

/** Feeds events to the detector: each event once (recent redeliveries dropped), at the time it happened. */
export class TrendSignals {
  readonly #detector: TrendingDetector;
  readonly #topics: VideoTopics;
  readonly #seen: RecentIds;

  constructor(detector: TrendingDetector, topics: VideoTopics, seen: RecentIds) {
    this.#detector = detector;
    this.#topics = topics;
    this.#seen = seen;
  }

  async apply(event: DomainEvent): Promise<void> {
    if (!this.#seen.add(event.id)) return;
    const occurred = Date.parse(event.occurredAt);
    // A clock ahead of ours must not put activity in the future.
    const at = Number.isNaN(occurred) ? Date.now() : Math.min(occurred, Date.now());
    switch (event.type) {
      case VideoEvents.ready.type: {
        const ready = readEvent(VideoEvents.ready, event);
        if (!ready) return;
        const topic = { hashtags: ready.hashtags, soundId: ready.sound_id ?? null };
        this.#topics.remember(ready.video_id, topic);
        this.#recordTopics(topic, SIGNAL_WEIGHTS.upload, at);
        return;
      }
      case VideoEvents.updated.type: {
        const updated = readEvent(VideoEvents.updated, event);
        if (updated) this.#topics.forget(updated.video_id);
        return;
      }
      case VideoEvents.viewLogged.type: {
        const view = readEvent(VideoEvents.viewLogged, event);
        if (!view) return;
        return this.#engage(view.video_id, view.skipped ? SIGNAL_WEIGHTS.skippedView : SIGNAL_WEIGHTS.view, at);
      }
      case InteractionEvents.liked.type: {
        const like = readEvent(InteractionEvents.liked, event);
        return like ? this.#engage(like.video_id, SIGNAL_WEIGHTS.like, at) : undefined;
      }
      case InteractionEvents.commented.type: {
        const comment = readEvent(InteractionEvents.commented, event);
        return comment ? this.#engage(comment.video_id, SIGNAL_WEIGHTS.comment, at) : undefined;
      }
      case InteractionEvents.shared.type: {
        const share = readEvent(InteractionEvents.shared, event);
        return share ? this.#engage(share.video_id, SIGNAL_WEIGHTS.share, at) : undefined;
      }
    }
  }

  async #engage(videoId: string, weight: number, at: number): Promise<void> {
    this.#detector.record('video', videoId, weight, at);
    const topic = await this.#topics.get(videoId);
    if (topic) this.#recordTopics(topic, weight, at);
  }

  #recordTopics(topic: { hashtags: string[]; soundId: string | null }, weight: number, at: number): void {
    for (const tag of new Set(topic.hashtags)) this.#detector.record('hashtag', tag, weight, at);
    if (topic.soundId) this.#detector.record('sound', topic.soundId, weight, at);
  }
}
