import type { Static, TSchema } from 'typebox';
import { Recommender } from '../src/modules/recsys/recommender.ts';
import { DEFAULT_RECOMMENDER } from '../src/modules/recsys/recommender-state.ts';
import { VideoEvents } from '../src/modules/videos/events.ts';
import { createRandom } from '../src/platform/hashing.ts';
import type { EventDefinition } from '../src/platform/stream/event-contract.ts';
import { createEvent, type DomainEvent } from '../src/platform/stream/events.ts';

/** A synthetic world for benchmarks: topics, creators, videos and users with histories. */
export interface WorldOptions {
  videos: number;
  users: number;
  topics: number;
  creators: number;
  /** Views per user in the warm-up history. */
  historyPerUser: number;
  seed: number;
}

export function benchEvent<S extends TSchema>(
  definition: EventDefinition<S>,
  data: Static<S>,
  at: number,
): DomainEvent {
  return createEvent(definition, data, new Date(at));
}

export const videoId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
export const userId = (i: number) => `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const creatorId = (i: number) => `20000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const soundId = (i: number) => `30000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export interface World {
  recommender: Recommender;
  topicOfVideo: Uint16Array;
  favouriteTopics: Uint16Array[];
  timings: { catalogueSeconds: number; historySeconds: number; historyEvents: number };
}

/**
 * Videos arrive as VideoReady events (content vector + HNSW insert each), then every user watches
 * `historyPerUser` videos, mostly of their two favourite topics, as ViewLogged events (online training).
 */
export function buildWorld(options: WorldOptions, log: (line: string) => void): World {
  const random = createRandom(options.seed);
  const recommender = new Recommender({
    options: DEFAULT_RECOMMENDER,
    seed: options.seed,
  });
  const now = Date.now();
  const topicOfVideo = new Uint16Array(options.videos);
  const videosOfTopic: number[][] = Array.from({ length: options.topics }, () => []);
  let started = performance.now();
  for (let i = 0; i < options.videos; i++) {
    const topic = Math.floor(random() * options.topics);
    topicOfVideo[i] = topic;
    videosOfTopic[topic]?.push(i);
    const creator = (topic * 7919 + Math.floor(random() * (options.creators / options.topics))) % options.creators;
    recommender.apply(
      benchEvent(
        VideoEvents.ready,
        {
          video_id: videoId(i),
          author_id: creatorId(creator),
          caption: `topic${topic} word${topic}x${Math.floor(random() * 20)} clip`,
          hashtags: [`topic${topic}`, `topic${topic}sub${Math.floor(random() * 5)}`],
          duration_ms: 15_000,
          sound_id: soundId(Math.floor(random() * 5000)),
        },
        now - (options.videos - i) * 1000,
      ),
    );
    if ((i + 1) % 100_000 === 0)
      log(`videos ${i + 1}/${options.videos} ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const catalogueSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const favouriteTopics: Uint16Array[] = [];
  let events = 0;
  for (let u = 0; u < options.users; u++) {
    const favourites = Uint16Array.from({ length: 2 }, () => Math.floor(random() * options.topics));
    favouriteTopics.push(favourites);
    for (let h = 0; h < options.historyPerUser; h++) {
      const onTopic = random() < 0.7;
      const topic = onTopic ? (favourites[h % 2] as number) : Math.floor(random() * options.topics);
      const pool = videosOfTopic[topic] as number[];
      if (pool.length === 0) continue;
      const video = pool[Math.floor(random() * pool.length)] as number;
      recommender.apply(
        benchEvent(
          VideoEvents.viewLogged,
          {
            video_id: videoId(video),
            user_id: userId(u),
            watch_time_ms: onTopic ? 15_000 : 900,
            completion_rate: onTopic ? 1 : 0.06,
            replay_count: 0,
            skipped: !onTopic,
            source: 'fyp',
          },
          now - 3_600_000 + h * 60_000,
        ),
      );
      events++;
    }
    if ((u + 1) % 20_000 === 0)
      log(`users ${u + 1}/${options.users} ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const historySeconds = (performance.now() - started) / 1000;
  // Vectors moved by training reach the catalogue (and, drifted enough, the index) as they would within seconds.
  recommender.maintain(now, 60_000);
  return {
    recommender,
    topicOfVideo,
    favouriteTopics,
    timings: { catalogueSeconds, historySeconds, historyEvents: events },
  };
}
