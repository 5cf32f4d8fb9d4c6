import { cpus } from 'node:os';
import { FeedService } from '../src/modules/feed/service.ts';
import { InteractionEvents } from '../src/modules/interactions/events.ts';
import { RecsysService } from '../src/modules/recsys/service.ts';
import { VideoEvents } from '../src/modules/videos/events.ts';
import type { VideoResponse } from '../src/modules/videos/presenter.ts';
import type { VideoService } from '../src/modules/videos/service.ts';
import { createMemoryCache } from '../src/platform/cache/memory-cache.ts';
import type { Database } from '../src/platform/db/database.ts';
import { createRandom } from '../src/platform/hashing.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createEvent, type DomainEvent, type EventStream } from '../src/platform/stream/events.ts';

/**
 * Synthetic viewers with hidden interests swipe through the real serving path (FeedService → RecsysService →
 * Recommender, events through the consumers the service subscribes), and through a popularity and a random feed
 * for comparison. `node bench/simulate-feed.ts` prints JSON.
 */
const TOPICS = 12;
const LATENT = 16;
const VIDEOS = 3000;
const CREATORS_PER_TOPIC = 5;
const WARM_USERS = 300;
const WARM_SWIPES = 40;
const TEST_USERS = 150;
const SESSION_SWIPES = 60;
const PAGE = 10;
const DURATION_MS = 15_000;
const WINDOW = 10;

const random = createRandom(2024);
const gaussian = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
const unit = (v: number[]) => {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
};
const dotProduct = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);

/** Ids are uuids, as events carry them: `kind` keeps videos, creators and users apart. */
const simId = (kind: number, n: number) => `0000000${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const topicVectors = Array.from({ length: TOPICS }, () => unit(Array.from({ length: LATENT }, gaussian)));
interface SimVideo {
  id: string;
  topic: number;
  latent: number[];
  quality: number;
  author: string;
  createdAt: string;
}
const videos: SimVideo[] = Array.from({ length: VIDEOS }, (_, i) => {
  const topic = i % TOPICS;
  const latent = unit((topicVectors[topic] as number[]).map((x) => x + 0.35 * gaussian()));
  return {
    id: simId(0, i),
    topic,
    latent,
    quality: 0.5 * gaussian(),
    author: simId(1, topic * CREATORS_PER_TOPIC + Math.floor(random() * CREATORS_PER_TOPIC)),
    createdAt: new Date(Date.now() - (VIDEOS - i) * 60_000).toISOString(),
  };
});
const byId = new Map(videos.map((video) => [video.id, video]));

interface SimUser {
  id: string;
  interest: number[];
}
const makeUser = (id: string): SimUser => {
  const first = Math.floor(random() * TOPICS);
  const second = Math.floor(random() * TOPICS);
  const mix = (topicVectors[first] as number[]).map(
    (x, i) => x + 0.5 * ((topicVectors[second] as number[])[i] as number),
  );
  return { id, interest: unit(mix.map((x) => x + 0.2 * gaussian())) };
};
/** The hidden truth: how likely this user engages with (watches past half) this video. */
const engageProbability = (user: SimUser, video: SimVideo) =>
  1 / (1 + Math.exp(-(4 * dotProduct(user.interest, video.latent) - 1.5 + video.quality)));
const randomHitRate = (user: SimUser) =>
  videos.reduce((sum, video) => sum + engageProbability(user, video), 0) / VIDEOS;

interface Outcome {
  engaged: boolean;
  completion: number;
  liked: boolean;
  shared: boolean;
}
function react(user: SimUser, video: SimVideo): Outcome {
  const engaged = random() < engageProbability(user, video);
  if (!engaged) return { engaged, completion: 0.02 + 0.1 * random(), liked: false, shared: false };
  return {
    engaged,
    completion: random() < 0.6 ? 1 : 0.5 + 0.45 * random(),
    liked: random() < 0.35,
    shared: random() < 0.06,
  };
}

/** The event stream as a direct call: each published event reaches every subscribed group before publish returns. */
function directEventStream(): EventStream & { publishAll(events: DomainEvent[]): Promise<void> } {
  const subscribers: Array<{ types: readonly string[]; handler: (event: DomainEvent) => Promise<void> }> = [];
  const stream = {
    kind: 'embedded' as const,
    async publish(event: DomainEvent) {
      for (const subscriber of subscribers) if (subscriber.types.includes(event.type)) await subscriber.handler(event);
    },
    async publishAll(events: DomainEvent[]) {
      for (const event of events) await stream.publish(event);
    },
    async subscribe(_group: string, types: readonly string[], handler: (event: DomainEvent) => Promise<void>) {
      subscribers.push({ types, handler });
      return { stop: async () => {} };
    },
    ping: async () => {},
    close: async () => {},
  };
  return stream;
}

function present(video: SimVideo): VideoResponse {
  return {
    id: video.id,
    author: { id: video.author },
    caption: `topic ${video.topic}`,
    hashtags: [`topic${video.topic}`],
    duration_ms: DURATION_MS,
    sound: null,
    publish_at: video.createdAt,
    created_at: video.createdAt,
    playback_urls: { hls: `/media/videos/${video.id}/hls/master.m3u8` },
    thumbnails: null,
  } as unknown as VideoResponse;
}

const events = directEventStream();
const cache = createMemoryCache();
const catalogueStore = {
  async listByIds(ids: readonly string[]) {
    return ids.flatMap((id) => (byId.has(id) ? [present(byId.get(id) as SimVideo)] : []));
  },
};
const db = { query: async () => ({ rows: [], rowCount: 0 }) } as unknown as Database;
const recsys = new RecsysService({
  db,
  events,
  cache,
  log: createLogger({ logLevel: 'silent' }),
  snapshotIntervalMs: 0,
});
const feed = new FeedService(catalogueStore as unknown as VideoService, null, { recsys, cache, db });
await recsys.start();
await events.publishAll(
  videos.map((video) =>
    createEvent(VideoEvents.ready, {
      video_id: video.id,
      author_id: video.author,
      caption: `topic ${video.topic} clip`,
      hashtags: [`topic${video.topic}`],
      duration_ms: DURATION_MS,
    }),
  ),
);

/** Signals of one swipe, as the videos and interactions modules publish them. */
function signals(user: SimUser, video: SimVideo, outcome: Outcome): DomainEvent[] {
  const watch = Math.round(outcome.completion * DURATION_MS);
  const list: DomainEvent[] = [];
  if (outcome.liked)
    list.push(createEvent(InteractionEvents.liked, { user_id: user.id, video_id: video.id, author_id: video.author }));
  if (outcome.shared)
    list.push(createEvent(InteractionEvents.shared, { user_id: user.id, video_id: video.id, channel: 'copy' }));
  list.push(
    createEvent(VideoEvents.viewLogged, {
      video_id: video.id,
      user_id: user.id,
      watch_time_ms: watch,
      completion_rate: outcome.completion,
      replay_count: 0,
      skipped: watch < 2000 && outcome.completion < 1,
      source: 'fyp',
    }),
  );
  return list;
}

interface Session {
  watchMs: number;
  hits: boolean[];
  shown: string[];
  /** Per swipe: whether the slot was an exploration slot. */
  exploredSlots: boolean[];
  explored: number;
  latencies: number[];
}

const EXPLORATION_REASONS = new Set(['new creator', 'fresh upload', 'trending', 'something new to explore']);

/** One viewer's session through the real For You feed. */
async function recommendedSession(user: SimUser, swipes: number): Promise<Session> {
  const session: Session = { watchMs: 0, hits: [], shown: [], exploredSlots: [], explored: 0, latencies: [] };
  let position = null;
  while (session.shown.length < swipes) {
    const started = performance.now();
    const page = await feed.forYou({ viewerId: user.id, position, count: PAGE });
    session.latencies.push(performance.now() - started);
    if (page.videos.length === 0) break;
    position = page.next;
    for (const item of page.videos) {
      const video = byId.get(item.id) as SimVideo;
      const outcome = react(user, video);
      session.watchMs += outcome.completion * DURATION_MS;
      session.hits.push(outcome.engaged);
      session.shown.push(video.id);
      const explored = EXPLORATION_REASONS.has(item.recommendation_reason);
      session.exploredSlots.push(explored);
      if (explored) session.explored++;
      await events.publishAll(signals(user, video, outcome));
      if (session.shown.length >= swipes) break;
    }
  }
  return session;
}

/** The same viewer behaviour on a fixed ordering (popularity) or a shuffle (random), never repeating a video. */
function baselineSession(user: SimUser, swipes: number, order: SimVideo[]): Session {
  const session: Session = { watchMs: 0, hits: [], shown: [], exploredSlots: [], explored: 0, latencies: [] };
  for (const video of order.slice(0, swipes)) {
    const outcome = react(user, video);
    session.watchMs += outcome.completion * DURATION_MS;
    session.hits.push(outcome.engaged);
    session.shown.push(video.id);
  }
  return session;
}

const engagements = new Map<string, number>();
const warmStarted = performance.now();
for (let u = 0; u < WARM_USERS; u++) {
  const session = await recommendedSession(makeUser(simId(2, u)), WARM_SWIPES);
  session.shown.forEach((id, i) => {
    if (session.hits[i]) engagements.set(id, (engagements.get(id) ?? 0) + 1);
  });
}
const warmSeconds = (performance.now() - warmStarted) / 1000;
const popularOrder = [...videos].sort((a, b) => (engagements.get(b.id) ?? 0) - (engagements.get(a.id) ?? 0));

const swipesToDouble: number[] = [];
const afterEight: number[] = [];
const baselines: number[] = [];
let neverDoubled = 0;
const arms = { recommended: [] as Session[], popularity: [] as Session[], random: [] as Session[] };
const shownToNewUsers = new Set<string>();
const topicsPerUser: number[] = [];
for (let u = 0; u < TEST_USERS; u++) {
  const seed = random();
  const user = makeUser(simId(3, u));
  const baseline = randomHitRate(user);
  baselines.push(baseline);
  const session = await recommendedSession(user, SESSION_SWIPES);
  arms.recommended.push(session);
  for (const id of session.shown) shownToNewUsers.add(id);
  topicsPerUser.push(new Set(session.shown.map((id) => byId.get(id)?.topic)).size);
  const at = session.hits.findIndex((_, i) => {
    if (i + 1 < WINDOW) return false;
    const window = session.hits.slice(i + 1 - WINDOW, i + 1);
    return window.filter(Boolean).length / WINDOW >= 2 * baseline;
  });
  if (at >= 0) swipesToDouble.push(at + 1);
  else neverDoubled++;
  afterEight.push(session.hits.slice(8, 18).filter(Boolean).length / 10 / baseline);
  arms.popularity.push(baselineSession(user, SESSION_SWIPES, popularOrder));
  const shuffled = [...videos].sort(() => seed - 0.5 + (random() - 0.5));
  arms.random.push(baselineSession(user, SESSION_SWIPES, shuffled));
}

const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / Math.max(1, xs.length);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
const summary = (sessions: Session[]) => ({
  watchSecondsPerSession: Math.round(mean(sessions.map((s) => s.watchMs)) / 100) / 10,
  hitRate: Math.round(mean(sessions.map((s) => s.hits.filter(Boolean).length / s.hits.length)) * 1000) / 1000,
  hitRateLast20: Math.round(mean(sessions.map((s) => s.hits.slice(-20).filter(Boolean).length / 20)) * 1000) / 1000,
});
function slotHitRate(explored: boolean): number {
  let hits = 0;
  let slots = 0;
  for (const session of arms.recommended) {
    session.exploredSlots.forEach((slot, i) => {
      if (slot !== explored) return;
      slots++;
      if (session.hits[i]) hits++;
    });
  }
  return Math.round((hits / Math.max(1, slots)) * 1000) / 1000;
}
const latencies = arms.recommended.flatMap((s) => s.latencies).sort((a, b) => a - b);
const report = {
  simulation: 'synthetic viewers through FeedService (real retrieval, ranking, re-ranking, consumers and cache)',
  command: 'node bench/simulate-feed.ts',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
  world: { topics: TOPICS, videos: VIDEOS, warmUsers: WARM_USERS, warmSwipes: WARM_SWIPES, newUsers: TEST_USERS },
  warmUpSeconds: Math.round(warmSeconds),
  coldStart: {
    rule: `swipes until the hit rate of the last ${WINDOW} reaches 2x the user's random-feed hit rate`,
    medianSwipes: median(swipesToDouble),
    meanSwipes: Math.round(mean(swipesToDouble) * 10) / 10,
    earliestPossible: WINDOW,
    reached: swipesToDouble.length,
    never: neverDoubled,
    hitRateOfSwipes9to18OverRandom: Math.round(mean(afterEight) * 100) / 100,
  },
  sessions: {
    swipes: SESSION_SWIPES,
    recommended: summary(arms.recommended),
    popularity: summary(arms.popularity),
    random: summary(arms.random),
  },
  hitRateBySlot: {
    ranked: slotHitRate(false),
    explored: slotHitRate(true),
    randomFeedExpected: Math.round(mean(baselines) * 1000) / 1000,
  },
  exploration: {
    exploredShareOfSlots: Math.round(mean(arms.recommended.map((s) => s.explored / s.shown.length)) * 1000) / 1000,
    catalogueShownToNewUsers: Math.round((shownToNewUsers.size / VIDEOS) * 1000) / 1000,
    distinctTopicsPerSession: Math.round(mean(topicsPerUser) * 10) / 10,
  },
  feedLatencyMs: {
    p50: Math.round((latencies[Math.floor(latencies.length / 2)] ?? 0) * 100) / 100,
    p99: Math.round((latencies[Math.floor(latencies.length * 0.99)] ?? 0) * 100) / 100,
  },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exit(0);
