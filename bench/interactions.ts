import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { backlog } from '../src/platform/stream/embedded-event-log.ts';
import { startTestLooply, type TestLooply } from '../test/support/looply.ts';
import { cleanUpDistributed, makeTinyClip, readyVideo, signUpAll } from '../test/support/social.ts';
import type { LoadPlan, LoadResult } from './interactions/load.ts';
import { machine } from './machine.ts';

const { values } = parseArgs({
  options: {
    likes: { type: 'string', default: '4000' },
    comments: { type: 'string', default: '1500' },
    'in-flight': { type: 'string', default: '4,16,64' },
    users: { type: 'string', default: '40' },
    videos: { type: 'string', default: '20' },
  },
});
const LIKES = Number(values.likes);
const COMMENTS = Number(values.comments);
/** Requests kept in flight: each level is one run of both phases, from latency-bound to saturated. */
const IN_FLIGHT = String(values['in-flight']).split(',').map(Number);
const USERS = Number(values.users);
const VIDEOS = Number(values.videos);

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function summarize(result: LoadResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    requests: sorted.length,
    per_second: Math.round(sorted.length / (result.wallMs / 1000)),
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    p99_ms: at(0.99),
    max_ms: round(sorted.at(-1) ?? 0),
    failures: result.failures,
  };
}

function load(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./interactions/load.ts', import.meta.url), { workerData: plan });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** From the last acknowledged request until no video has a buffered delta left; checks nothing was lost. */
async function convergence(looply: TestLooply, videoIds: string[]) {
  const shown = await Promise.all(videoIds.map((id) => looply.services.counters.videoCounts([id])));
  const started = performance.now();
  for (;;) {
    const states = await Promise.all(videoIds.map((id) => looply.services.counters.videoCounterState(id)));
    const drained = states.every((state) => Object.values(state.pending).every((value) => value === 0));
    if (drained) {
      const exact = states.every((state, i) => {
        const before = shown[i]?.get(videoIds[i] as string);
        return state.stored.likes === before?.likes && state.stored.comments === before?.comments;
      });
      return { counter_convergence_ms: Math.round(performance.now() - started), counts_exact: exact };
    }
    if (performance.now() - started > 30_000) return { counter_convergence_ms: null, counts_exact: false };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * From the last answer until every consumer group has handled every event (embedded stream only: on PGlite the
 * consumers yield to requests, so a burst leaves them behind; this is how far).
 */
async function consumersCaughtUp(looply: TestLooply): Promise<number | null> {
  if (looply.infra.events.kind !== 'embedded') return null;
  const started = performance.now();
  for (;;) {
    const left = await backlog(looply.infra.db);
    if (left.deliveries === 0 && !left.unread) return Math.round(performance.now() - started);
    if (performance.now() - started > 120_000) return null;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function run(name: string, env: Record<string, string>, schema?: string) {
  const clip = await makeTinyClip();
  const looply = await startTestLooply(
    { MIN_VIDEO_SECONDS: '1', WORKER_CONCURRENCY: '2', ...env },
    schema ? { postgresSchema: schema } : undefined,
  );
  try {
    const names = Array.from({ length: USERS }, (_, i) => `bench_${i}`);
    const accounts = await signUpAll(looply, names);
    const creator = accounts[0] as (typeof accounts)[number];
    const videoIds: string[] = [];
    for (let i = 0; i < VIDEOS; i += 4) {
      const batch = Math.min(4, VIDEOS - i);
      videoIds.push(
        ...(await Promise.all(Array.from({ length: batch }, () => readyVideo(looply, creator, clip.file)))),
      );
    }
    const base = { url: looply.url, tokens: accounts.map((account) => account.access_token), videoIds };
    let likesSent = 0;
    const likeRun = async (inFlight: number, requests: number) => {
      const result = await load({ ...base, kind: 'likes', start: likesSent, requests, inFlight });
      likesSent += requests;
      return result;
    };
    // A short warm-up so the first figures do not measure JIT compilation and connection set-up.
    await likeRun(16, 400);
    const levels = [];
    for (const inFlight of IN_FLIGHT) {
      const likes = summarize(await likeRun(inFlight, LIKES));
      const [afterLikes, likeEventsHandledMs] = await Promise.all([
        convergence(looply, videoIds),
        consumersCaughtUp(looply),
      ]);
      const comments = summarize(await load({ ...base, kind: 'comments', start: 0, requests: COMMENTS, inFlight }));
      const afterComments = await convergence(looply, videoIds);
      levels.push({
        in_flight: inFlight,
        likes,
        comments,
        counter_convergence_ms: {
          after_likes: afterLikes.counter_convergence_ms,
          after_comments: afterComments.counter_convergence_ms,
        },
        consumers_caught_up_after_likes_ms: likeEventsHandledMs,
        counts_exact: afterLikes.counts_exact && afterComments.counts_exact,
      });
    }
    return { stores: name, levels };
  } finally {
    await looply.stop();
    await clip.cleanup();
  }
}

const report = {
  benchmark: 'interactions',
  date: new Date().toISOString(),
  machine: machine(),
  settings: { likes: LIKES, comments: COMMENTS, in_flight: IN_FLIGHT, users: USERS, videos: VIDEOS },
  runs: [] as unknown[],
};
report.runs.push(await run('embedded (PGlite, in-process cache, embedded events)', {}));
const { DATABASE_URL, REDIS_URL, NATS_URL } = process.env;
if (DATABASE_URL && REDIS_URL && NATS_URL) {
  const unique = `bench_${Date.now().toString(36)}`;
  try {
    report.runs.push(
      await run(
        'PostgreSQL + Redis + NATS',
        {
          DATABASE_URL,
          REDIS_URL,
          NATS_URL,
          NATS_NAMESPACE: unique,
          REDIS_KEY_PREFIX: `${unique}:`,
        },
        unique,
      ),
    );
  } finally {
    await cleanUpDistributed({ databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, natsUrl: NATS_URL }, unique);
  }
}
console.log(JSON.stringify(report, null, 2));
