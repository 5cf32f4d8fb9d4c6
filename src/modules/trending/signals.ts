import type { DomainEvent } from '../../platform/stream/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { VideoEvents } from '../videos/events.ts';
import type { TrendingDetector } from './detector.ts';
import type { RecentIds } from './recent-ids.ts';
import type { VideoTopics } from './video-topics.ts';

/** The durable consumer group of the trending detector. */
export const TRENDING_GROUP = 'trending';

export const TREND_EVENT_TYPES = [
  VideoEvents.ready,
  VideoEvents.updated,
  VideoEvents.viewLogged,
  InteractionEvents.liked,
  InteractionEvents.commented,
  InteractionEvents.shared,
] as const;

/** What each signal is worth to a video and to its hashtags and sound; an upload counts for its hashtags and sound. */
export const SIGNAL_WEIGHTS = { view: 1, skippedView: 0.25, like: 3, comment: 3, share: 5, upload: 10 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidOf(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

function tagsOf(data: Record<string, unknown>): string[] {
  const value = data.hashtags;
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
}

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
    const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
    const occurred = Date.parse(event.occurredAt);
    // A clock ahead of ours must not put activity in the future.
    const at = Number.isNaN(occurred) ? Date.now() : Math.min(occurred, Date.now());
    const videoId = uuidOf(data, 'video_id');
    if (!videoId) return;
    switch (event.type) {
      case VideoEvents.ready: {
        const topic = { hashtags: tagsOf(data), soundId: uuidOf(data, 'sound_id') };
        this.#topics.remember(videoId, topic);
        this.#recordTopics(topic, SIGNAL_WEIGHTS.upload, at);
        return;
      }
      case VideoEvents.updated:
        this.#topics.forget(videoId);
        return;
      case VideoEvents.viewLogged:
        return this.#engage(videoId, data.skipped === true ? SIGNAL_WEIGHTS.skippedView : SIGNAL_WEIGHTS.view, at);
      case InteractionEvents.liked:
        return this.#engage(videoId, SIGNAL_WEIGHTS.like, at);
      case InteractionEvents.commented:
        return this.#engage(videoId, SIGNAL_WEIGHTS.comment, at);
      case InteractionEvents.shared:
        return this.#engage(videoId, SIGNAL_WEIGHTS.share, at);
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
