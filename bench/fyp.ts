import { cpus, freemem, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { FeedService } from '../src/modules/feed/service.ts';
import { RecsysService } from '../src/modules/recsys/service.ts';
import type { VideoService } from '../src/modules/videos/service.ts';
import type { Cache } from '../src/platform/cache/cache.ts';
import { createMemoryCache } from '../src/platform/cache/memory-cache.ts';
import { createRedisCache } from '../src/platform/cache/redis-cache.ts';
import type { Database } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/logger.ts';
import type { EventStream } from '../src/platform/stream/events.ts';
import { buildWorld, userId } from './fyp-world.ts';

/**
 * FYP serving benchmark: a synthetic world of videos and users with histories, then uncached For You computations.
 * Prints JSON. `node bench/fyp.ts --videos 1000000 --users 100000 [--redis redis://127.0.0.1:6379]`
 */
const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '200000' },
    users: { type: 'string', default: '100000' },
    history: { type: 'string', default: '10' },
    requests: { type: 'string', default: '2000' },
    redis: { type: 'string' },
    /** Nearest-neighbour candidates per request to compare, in the same run; the first is used for the feed. */
    ann: { type: 'string' },
  },
});
const options = {
  videos: Number(values.videos),
  users: Number(values.users),
  topics: 500,
  creators: 50_000,
  historyPerUser: Number(values.history),
  seed: 7,
};
const requests = Math.max(100, Number(values.requests));
const log = (line: string) => process.stderr.write(`${line}\n`);

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(at(1) ?? 0), mean: round(mean) };
}
const round = (x: number) => Math.round(x * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const world = buildWorld(options, log);
const { recommender } = world;
const memory = process.memoryUsage();
log(`world ready: ${JSON.stringify(world.timings)}`);

/** Stage timings of uncached computations (the recommender alone), for distinct users. */
function timeRecommend(annCandidates: number) {
  const { options: settings } = recommender.state;
  settings.annCandidates = annCandidates;
  settings.annEf = annCandidates;
  const stage = { retrieval: [] as number[], ann: [] as number[], ranking: [] as number[], rerank: [] as number[] };
  const total: number[] = [];
  const candidates: number[] = [];
  const warmup = 100;
  const started = performance.now();
  for (let i = 0; i < requests + warmup; i++) {
    const user = userId((i * 7919) % options.users);
    const t = performance.now();
    const result = recommender.recommend({ userId: user, now: Date.now() });
    const elapsed = performance.now() - t;
    if (i < warmup) continue;
    stage.retrieval.push(result.timings.retrievalMs);
    stage.ann.push(result.timings.annMs);
    stage.ranking.push(result.timings.rankingMs);
    stage.rerank.push(result.timings.rerankMs);
    total.push(elapsed);
    candidates.push(result.candidates);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    annCandidates,
    requests,
    candidates: percentiles(candidates),
    retrieval: percentiles(stage.retrieval),
    annSearch: percentiles(stage.ann),
    ranking: percentiles(stage.ranking),
    rerank: percentiles(stage.rerank),
    endToEnd: percentiles(total),
    requestsPerSecondOneCore: round(requests / seconds),
  };
}

const annSettings = (values.ann ?? String(recommender.state.options.annCandidates)).split(',').map(Number);
const recommendRuns = annSettings.map((annCandidates) => timeRecommend(annCandidates));
// The feed service runs with the first setting.
recommender.state.options.annCandidates = annSettings[0] as number;
recommender.state.options.annEf = annSettings[0] as number;

/** The feed service around the same recommender: cache reads/writes of list, seen filter and session, no DB. */
async function endToEnd(cache: Cache, label: string) {
  const videos = {
    async listByIds(ids: readonly string[]) {
      return ids.map((id) => ({ id, playback_urls: { hls: `/media/videos/${id}/hls/master.m3u8` }, thumbnails: null }));
    },
  } as unknown as VideoService;
  const db = { query: async () => ({ rows: [], rowCount: 0 }) } as unknown as Database;
  const recsys = new RecsysService({
    db,
    events: {} as EventStream,
    cache,
    log: createLogger({ logLevel: 'silent' }),
    snapshotIntervalMs: 0,
  });
  recsys.recommender = recommender;
  const feed = new FeedService(videos, null, { recsys, cache, db });
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) {
    // Distinct users, each once: every request computes (no cached list).
    const user = userId((i * 104_729 + 13) % options.users);
    const t = performance.now();
    const page = await feed.forYou({ viewerId: user, position: null, count: 10 });
    samples.push(performance.now() - t);
    if (page.videos.length === 0) throw new Error(`empty page for ${user} (${label})`);
  }
  return { ...percentiles(samples), requestsPerSecond: round(requests / ((performance.now() - t0) / 1000)) };
}

const embedded = await endToEnd(createMemoryCache(), 'memory');
let redis: Awaited<ReturnType<typeof endToEnd>> | { skipped: string } = { skipped: 'no --redis URL given' };
if (values.redis) {
  const cache = await createRedisCache({ url: values.redis, keyPrefix: `looply-bench-${process.pid}:` });
  try {
    redis = await endToEnd(cache, 'redis');
  } finally {
    await cache.close();
  }
}

const { state } = recommender;
process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'fyp',
      command: `node bench/fyp.ts ${process.argv.slice(2).join(' ')}`.trim(),
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGb: round(totalmem() / 2 ** 30) },
      node: process.version,
      world: {
        ...options,
        videosIndexed: state.index.size,
        usersWithProfiles: state.users.size,
        embeddingRows: state.towers.table.size,
      },
      build: {
        catalogueAndIndexSeconds: round(world.timings.catalogueSeconds),
        historyEvents: world.timings.historyEvents,
        historySeconds: round(world.timings.historySeconds),
        trainingEventsPerSecond: Math.round(world.timings.historyEvents / world.timings.historySeconds),
      },
      memoryMb: {
        rss: mb(memory.rss),
        heapUsed: mb(memory.heapUsed),
        arrayBuffers: mb(memory.arrayBuffers),
        coEngagement: mb(state.coEngagement.bytes()),
        freeAfter: mb(freemem()),
      },
      recommendUncachedMs: recommendRuns.length === 1 ? recommendRuns[0] : recommendRuns,
      feedServiceUncachedMs: { embeddedCache: embedded, redisCache: redis },
    },
    null,
    2,
  )}\n`,
);
process.exit(0);
