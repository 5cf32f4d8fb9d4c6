import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { createRandom } from '../src/platform/hashing.ts';
import { makeTinyClip } from '../test/support/social.ts';
import { ChaosClient, type Failure, Traffic } from './chaos/client.ts';
import { apiNode, type LooplyNode, workerNode } from './chaos/cluster.ts';
import { createDatabase, type Engine, startNats, startRedis } from './chaos/engines.ts';
import { checkInvariants, type Invariant, sampleBreaches } from './chaos/invariants.ts';
import { rssMb, until } from './chaos/processes.ts';
import { Ledger, Workload } from './chaos/workload.ts';
import { machine } from './machine.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '120' },
    seed: { type: 'string', default: '1' },
    soak: { type: 'boolean', default: false },
    kills: { type: 'string' },
    users: { type: 'string', default: '4' },
    population: { type: 'string' },
    'think-ms': { type: 'string', default: '40' },
    'chaos-every': { type: 'string', default: '10' },
    'upload-every': { type: 'string', default: '6' },
    'sample-every': { type: 'string', default: '15' },
    json: { type: 'string' },
  },
});

function positive(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`chaos: --${name} must be a positive number\n`);
    process.exit(2);
  }
  return value;
}

const DURATION_S = positive('duration', values.duration);
const SEED = Math.floor(positive('seed', values.seed));
const SOAK = values.soak;
/** Kills are on in a chaos run; a soak measures memory and latency under steady load, so it runs without them. */
const KILLS = (values.kills ?? (SOAK ? 'off' : 'on')) === 'on';
const USERS = Math.floor(positive('users', values.users));
/** Accounts signed up at most (then sign-ins instead); unbounded unless given. */
const POPULATION = values.population === undefined ? undefined : Math.floor(positive('population', values.population));
const THINK_MS = positive('think-ms', values['think-ms']);
const CHAOS_EVERY_S = positive('chaos-every', values['chaos-every']);
const UPLOAD_EVERY_S = positive('upload-every', values['upload-every']);
const SAMPLE_EVERY_S = positive('sample-every', values['sample-every']);
const SEED_VIDEOS = 3;
const SETUP_ACCOUNTS = 12;
/** After a killed process or engine is ready again, failures are still forgiven this long (clients reconnecting). */
const GRACE_MS = 3000;
const START_TIMEOUT_MS = 120_000;
const SETTLE_TIMEOUT_MS = 240_000;

const log = (line: string) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** From a kill until what was killed is ready again, plus the grace: failures inside are expected. */
interface KillWindow {
  target: string;
  startedAt: number;
  readyAt: number | null;
  endsAt: number;
}

interface Sample {
  atSeconds: number;
  rssMb: Record<string, number | null>;
  p95Ms: number | null;
  requests: number;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const quantile = (values: number[], q: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
};

async function main(): Promise<number> {
  const random = createRandom(SEED);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dir = await mkdtemp(join(tmpdir(), 'looply-chaos-'));
  const dataDir = join(dir, 'data');
  const namespace = 'chaos';
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  let stopping = false;
  const nodes: LooplyNode[] = [];
  const engines: Engine[] = [];
  const onSignal = (signal: string) => {
    if (stopping) {
      for (const child of [...nodes.map((node) => node.process), ...engines.map((engine) => engine.process)]) {
        void child.kill();
      }
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: stopping`);
    abort.abort();
  };
  const abort = new AbortController();
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    const database = await createDatabase(serverUrl, `chaos_${SEED}_${randomBytes(4).toString('hex')}`);
    cleanups.unshift(() => database.drop());
    const redis = await startRedis(dir);
    const nats = await startNats(dir);
    engines.push(redis, nats);
    cleanups.unshift(async () => {
      for (const engine of engines) await engine.process.kill();
    });
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      NATS_URL: nats.url,
      NATS_NAMESPACE: namespace,
      REDIS_KEY_PREFIX: `${namespace}:`,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      DEMO_CONTENT: 'off',
      RATE_LIMIT_SCALE: '0',
      MIN_VIDEO_SECONDS: '1',
      X264_PRESET: 'ultrafast',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      // A killed worker's job goes to the restarted one after this long without a heartbeat.
      JOB_LEASE_MS: '15000',
      LOG_LEVEL: 'info',
    };
    const api = [await apiNode('api-1', env, START_TIMEOUT_MS), await apiNode('api-2', env, START_TIMEOUT_MS)] as const;
    const worker = workerNode('worker', env, START_TIMEOUT_MS);
    nodes.push(...api, worker);
    cleanups.unshift(() => Promise.all(nodes.map((node) => node.process.stop())));

    const windows: KillWindow[] = [];
    const crashes: string[] = [];
    const restarting = new Set<string>();
    const clusterReady = async () => (await Promise.all(api.map((node) => node.ready()))).every(Boolean);
    /** Brings `start` back and closes the window once it and every api node are ready. */
    const recover = async (window: KillWindow, start: () => Promise<void>) => {
      await start();
      await until('the cluster is ready again', clusterReady, START_TIMEOUT_MS);
      window.readyAt = Date.now();
      window.endsAt = window.readyAt + GRACE_MS;
    };
    for (const node of nodes) {
      node.process.onUnexpectedExit = (code, signal) => {
        // A process that dies on its own is a finding; a supervisor would start it again, and so do we.
        crashes.push(`${node.name} exited by itself (code ${code}, signal ${signal})`);
        log(`${node.name} exited by itself: ${node.process.output().slice(-2000)}`);
        if (stopping || restarting.has(node.name)) return;
        const window: KillWindow = {
          target: `${node.name} (crash)`,
          startedAt: Date.now(),
          readyAt: null,
          endsAt: Infinity,
        };
        windows.push(window);
        restarting.add(node.name);
        void recover(window, () => node.start())
          .catch((error) => log(`${node.name} did not come back: ${error}`))
          .finally(() => restarting.delete(node.name));
      };
    }

    log(`PostgreSQL ${database.url.replace(/\/\/[^@]*@/, '//')}, ${redis.url}, ${nats.url}, DATA_DIR ${dataDir}`);
    // The first api node applies the migrations; the others start once it is ready.
    await api[0].start();
    await Promise.all([api[1].start(), worker.start()]);
    log('2 api nodes and 1 worker ready');

    const traffic = new Traffic();
    const client = new ChaosClient(
      api.map((node) => node.url as string),
      traffic,
    );
    const ledger = new Ledger();
    const tiny = await makeTinyClip();
    cleanups.unshift(() => tiny.cleanup());
    const clip = await readFile(tiny.file);
    const unexpected = (op: string, answer: { status: number; body: unknown }) =>
      traffic.unexpected.push({ op, status: answer.status, at: Date.now(), body: JSON.stringify(answer.body) });
    const tag = `c${SEED}x${randomBytes(2).toString('hex')}_`;

    // Setup, before any chaos: accounts and ready videos to interact with.
    const setup = new Workload({ client, ledger, random, videos: [], tag, onUnexpected: unexpected });
    for (let i = 0; i < SETUP_ACCOUNTS; i++) {
      if (!(await setup.signUp())) throw new Error('a setup sign-up failed');
    }
    const videos: string[] = [];
    for (let i = 0; i < SEED_VIDEOS; i++) {
      const id = await setup.upload(clip, i + 1, 60_000);
      if (!id) throw new Error('a setup upload failed');
      videos.push(id);
    }
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    cleanups.unshift(() => db.end());
    const readyCount = async (ids: readonly string[]) =>
      Number(
        (await db.query(`select count(*) as n from videos where id = any($1) and status = 'ready'`, [ids])).rows[0].n,
      );
    await until('the seed videos are ready', async () => (await readyCount(videos)) === videos.length, 180_000, 250);
    log(`setup: ${ledger.accounts.length} accounts, ${videos.length} ready videos`);

    // The run: virtual users, uploads, the chaos monkey and the sampler, until the duration is over and (with kills)
    // every process and engine was killed at least once.
    const startedAt = Date.now();
    const run = new AbortController();
    const runFor = AbortSignal.any([abort.signal, run.signal]);
    const killed = new Set<string>();
    const targetCount = nodes.length + engines.length;
    let durationOver = false;
    const finishIfCovered = () => {
      if (durationOver && (!KILLS || killed.size === targetCount)) run.abort();
    };
    const durationTimer = setTimeout(() => {
      durationOver = true;
      finishIfCovered();
    }, DURATION_S * 1000);
    cleanups.unshift(async () => clearTimeout(durationTimer));
    const workload = new Workload({
      client,
      ledger,
      random,
      videos,
      tag,
      population: POPULATION,
      onUnexpected: unexpected,
    });
    const pause = (ms: number) => sleep(ms, undefined, { signal: runFor }).catch(() => {});

    const users = Array.from({ length: USERS }, () => workload.user(runFor, THINK_MS));
    const uploads = (async () => {
      for (let n = SEED_VIDEOS + 1; !runFor.aborted; n++) {
        await workload.upload(clip, n, 120_000);
        await pause(UPLOAD_EVERY_S * 1000 * (0.5 + random()));
      }
    })();

    const kills: Array<{ target: string; atSeconds: number; downMs: number; recoveredMs: number | null }> = [];
    const monkey = (async () => {
      const targets: Array<{ name: string; kill(): Promise<void>; start(): Promise<void> }> = [
        ...nodes.map((node) => ({ name: node.name, kill: () => node.process.kill(), start: () => node.start() })),
        ...engines.map((engine) => ({
          name: engine.name,
          kill: () => engine.process.kill(),
          start: () => engine.start(),
        })),
      ];
      // Rounds in which every target is killed once, in a seeded order: a short run still hits each of them.
      let bag: typeof targets = [];
      while (KILLS && !runFor.aborted) {
        await pause(durationOver ? 1000 : CHAOS_EVERY_S * 1000 * (0.5 + random()));
        if (runFor.aborted) break;
        if (bag.length === 0) bag = shuffle(targets, random);
        const target = bag.pop() as (typeof targets)[0];
        if (restarting.has(target.name)) continue;
        const downMs = Math.round(300 + random() * 2000);
        const window: KillWindow = { target: target.name, startedAt: Date.now(), readyAt: null, endsAt: Infinity };
        windows.push(window);
        restarting.add(target.name);
        log(`kill -9 ${target.name}, back in ${downMs} ms`);
        await target.kill();
        await sleep(downMs);
        const kill = {
          target: target.name,
          atSeconds: round((window.startedAt - startedAt) / 1000),
          downMs,
          recoveredMs: null as number | null,
        };
        kills.push(kill);
        try {
          await recover(window, target.start);
          kill.recoveredMs = (window.readyAt as number) - window.startedAt;
          log(`${target.name} ready again after ${kill.recoveredMs} ms`);
        } finally {
          restarting.delete(target.name);
        }
        killed.add(target.name);
        finishIfCovered();
      }
    })();

    const samples: Sample[] = [];
    const sampler = (async () => {
      let from = 0;
      while (!runFor.aborted) {
        await pause(SAMPLE_EVERY_S * 1000);
        const to = traffic.latencies.length;
        const rss: Record<string, number | null> = {};
        for (const child of [...nodes.map((node) => node.process), ...engines.map((engine) => engine.process)]) {
          rss[child.name] = await rssMb(child.pid);
        }
        rss.runner = round(process.memoryUsage().rss / 1048576);
        samples.push({
          atSeconds: round((Date.now() - startedAt) / 1000),
          rssMb: rss,
          p95Ms: quantile(traffic.latencies.slice(from, to), 0.95),
          requests: to - from,
        });
        if (SOAK) log(`sample ${JSON.stringify(samples.at(-1))}`);
        from = to;
      }
    })();

    const results = await Promise.allSettled([...users, uploads, monkey, sampler]);
    const runSeconds = round((Date.now() - startedAt) / 1000);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
    if (abort.signal.aborted) throw new Error('stopped by a signal before the checks');
    log(`workload stopped after ${runSeconds} s; settling`);

    // Settle: every process up and ready, every completed upload processed, every delta folded, the outbox drained.
    for (const node of nodes) if (!node.process.running && !restarting.has(node.name)) await node.start();
    await until(
      'every process is ready',
      async () => (await Promise.all(nodes.map((node) => node.ready()))).every(Boolean),
      START_TIMEOUT_MS,
    );
    const settleStart = Date.now();
    const uploaded = ledger.uploads.map((upload) => upload.id);
    await until(
      'every completed upload is ready',
      async () => (await readyCount(uploaded)) === uploaded.length,
      SETTLE_TIMEOUT_MS,
      500,
    ).catch((error) => log(String(error)));
    await until(
      'counter deltas folded and outbox drained',
      async () => {
        const { rows } = await db.query(
          `select (select count(*) from video_counter_deltas) + (select count(*) from comment_counter_deltas)
             + (select count(*) from outbox) as n`,
        );
        return Number(rows[0].n) === 0;
      },
      SETTLE_TIMEOUT_MS,
      250,
    ).catch((error) => log(String(error)));
    const settleMs = Date.now() - settleStart;
    const reconcileOutput = await promisify(execFile)(
      process.execPath,
      [join(import.meta.dirname, '..', 'src', 'main.ts'), 'reconcile-counters'],
      { env: { ...process.env, ...env, LOG_LEVEL: 'warn' } },
    ).then(
      (result) => result.stdout + result.stderr,
      (error: Error & { stdout?: string; stderr?: string }) =>
        `${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    );

    const invariants = await checkInvariants({
      db,
      client,
      ledger,
      videos,
      natsUrl: nats.url,
      namespace,
      dataDir,
      reconcileOutput,
    });

    // Failures inside a kill window are expected; outside one, each is a breach.
    const inWindow = (failure: Failure) =>
      windows.some((window) => failure.endedAt >= window.startedAt && failure.startedAt <= window.endsAt);
    const runFailures = traffic.failures.filter((failure) => failure.op !== 'check');
    const outside = runFailures.filter((failure) => !inWindow(failure));
    invariants.push({
      name: 'no 5xx or dropped request outside the kill windows',
      checked: traffic.attempts,
      breaches: outside.map(
        (failure) =>
          `${failure.op} on ${failure.node} at +${round((failure.startedAt - startedAt) / 1000)} s: ${failure.outcome} ${failure.detail.slice(0, 200)}`,
      ),
    });
    invariants.push({
      name: 'no unexpected answer (4xx) to the workload',
      checked: traffic.requests,
      breaches: traffic.unexpected.map(
        (answer) =>
          `${answer.op} at +${round((answer.at - startedAt) / 1000)} s: ${answer.status} ${answer.body.slice(0, 200)}`,
      ),
    });
    invariants.push({ name: 'no process died by itself', checked: nodes.length, breaches: crashes });

    const count = (list: Failure[], kind: 'http' | 'connection') =>
      list.filter((failure) =>
        kind === 'http' ? typeof failure.outcome === 'number' : typeof failure.outcome !== 'number',
      ).length;
    const figures = {
      benchmark: SOAK ? 'soak' : 'chaos',
      date: new Date().toISOString(),
      machine: machine(),
      settings: {
        duration_s: DURATION_S,
        seed: SEED,
        soak: SOAK,
        kills: KILLS,
        users: USERS,
        population: POPULATION ?? null,
        think_ms: THINK_MS,
        chaos_every_s: CHAOS_EVERY_S,
        upload_every_s: UPLOAD_EVERY_S,
      },
      run_seconds: runSeconds,
      settle_ms: settleMs,
      requests: traffic.requests,
      attempts: traffic.attempts,
      requests_per_second: round(traffic.requests / runSeconds),
      latency_ms: {
        p50: quantile(traffic.latencies, 0.5),
        p95: quantile(traffic.latencies, 0.95),
        p99: quantile(traffic.latencies, 0.99),
      },
      acknowledged: { ...ledger.acknowledged, total: Object.values(ledger.acknowledged).reduce((a, b) => a + b, 0) },
      unknown_outcomes: ledger.unknownOutcomes,
      kills: kills.length,
      kills_by_target: Object.fromEntries(
        [...new Set(kills.map((kill) => kill.target))].map((target) => [
          target,
          kills.filter((kill) => kill.target === target).length,
        ]),
      ),
      recovery_ms: {
        p50: quantile(
          kills.flatMap((kill) => (kill.recoveredMs === null ? [] : [kill.recoveredMs])),
          0.5,
        ),
        max: Math.max(0, ...kills.map((kill) => kill.recoveredMs ?? 0)),
      },
      failures: {
        in_windows: {
          http_5xx: count(runFailures.filter(inWindow), 'http'),
          connection: count(runFailures.filter(inWindow), 'connection'),
        },
        outside_windows: { http_5xx: count(outside, 'http'), connection: count(outside, 'connection') },
      },
      invariants: Object.fromEntries(
        invariants.map((item) => [item.name, { checked: item.checked, breaches: item.breaches.length }]),
      ),
      ...(SOAK || samples.length > 0 ? { samples: summarizeSamples(samples) } : {}),
      kill_log: kills,
    };
    printReport(invariants, figures);
    if (values.json)
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(values.json as string, `${JSON.stringify({ ...figures, samples_raw: samples }, null, 2)}\n`),
      );
    return invariants.some((item) => item.breaches.length > 0) ? 1 : 0;
  } finally {
    stopping = true;
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        log(`cleanup: ${error}`);
      }
    }
  }
}

/** A seeded Fisher–Yates shuffle of a copy of `items`. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function summarizeSamples(samples: Sample[]) {
  const names = Object.keys(samples[0]?.rssMb ?? {});
  const half = Math.floor(samples.length / 2);
  const rss = Object.fromEntries(
    names.map((name) => {
      const values = samples.map((sample) => sample.rssMb[name]).filter((value): value is number => value !== null);
      const firstHalf = values.slice(0, half);
      const secondHalf = values.slice(half);
      const mean = (list: number[]) => (list.length ? round(list.reduce((a, b) => a + b, 0) / list.length) : null);
      return [
        name,
        {
          first: values[0] ?? null,
          last: values.at(-1) ?? null,
          max: Math.max(...values),
          mean_first_half: mean(firstHalf),
          mean_second_half: mean(secondHalf),
        },
      ];
    }),
  );
  return {
    count: samples.length,
    every_s: SAMPLE_EVERY_S,
    rss_mb: rss,
    p95_ms_over_time: samples.map((sample) => sample.p95Ms),
    requests_per_sample: samples.map((sample) => sample.requests),
  };
}

/** The figures the table shows (the JSON holds more). */
interface ReportFigures {
  run_seconds: number;
  settings: { seed: number };
  settle_ms: number;
  requests: number;
  attempts: number;
  requests_per_second: number;
  latency_ms: { p50: number | null; p95: number | null; p99: number | null };
  acknowledged: Record<string, number>;
  unknown_outcomes: number;
  kills: number;
  kills_by_target: Record<string, number>;
  recovery_ms: { p50: number | null; max: number };
  failures: Record<'in_windows' | 'outside_windows', { http_5xx: number; connection: number }>;
}

function printReport(invariants: Invariant[], figures: ReportFigures) {
  const lines = ['', '| invariant | checked | breaches |', '|---|---|---|'];
  for (const item of invariants)
    lines.push(
      `| ${item.name} | ${item.checked} | ${item.breaches.length === 0 ? 'none' : `**${item.breaches.length}**`} |`,
    );
  lines.push('');
  for (const item of invariants) {
    if (item.breaches.length === 0) continue;
    lines.push(`${item.name}:`);
    for (const breach of sampleBreaches(item.breaches)) lines.push(`  - ${breach}`);
  }
  const f = figures;
  lines.push(
    '| figure | value |',
    '|---|---|',
    `| run | ${f.run_seconds} s, seed ${f.settings.seed}, settled in ${f.settle_ms} ms |`,
    `| requests | ${f.requests} (${f.attempts} attempts, ${f.requests_per_second}/s) |`,
    `| latency | p50 ${f.latency_ms.p50} ms, p95 ${f.latency_ms.p95} ms, p99 ${f.latency_ms.p99} ms |`,
    `| acknowledged writes | ${Object.entries(f.acknowledged)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')} |`,
    `| unknown outcomes | ${f.unknown_outcomes} |`,
    `| kills | ${f.kills} (${
      Object.entries(f.kills_by_target)
        .map(([target, n]) => `${target} ${n}`)
        .join(', ') || 'none'
    }), recovery p50 ${f.recovery_ms.p50} ms, max ${f.recovery_ms.max} ms |`,
    `| 5xx / dropped in kill windows | ${f.failures.in_windows.http_5xx} / ${f.failures.in_windows.connection} |`,
    `| 5xx / dropped outside | ${f.failures.outside_windows.http_5xx} / ${f.failures.outside_windows.connection} |`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
