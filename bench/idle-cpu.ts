import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from './machine.ts';
import { cpuSeconds, residentMegabytes } from './process-stats.ts';

const { values } = parseArgs({
  options: {
    settle: { type: 'string', default: '15' },
    /** Past five minutes: the once-a-minute upkeep and the five-minute recommender snapshot fall inside. */
    seconds: { type: 'string', default: '330' },
    rounds: { type: 'string', default: '1' },
    /** Checkouts to measure, comma-separated (another commit unpacked beside this one); this one by default. */
    roots: { type: 'string', default: '.' },
  },
});
const settleSeconds = Number(values.settle);
const sampleSeconds = Number(values.seconds);
const rounds = Number(values.rounds);
const roots = String(values.roots)
  .split(',')
  .map((root) => resolve(root));

const WINDOW_MS = 30_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const progress = (line: string) => process.stderr.write(`${line}\n`);

/** A Looply node with every role and the default embedded stores, on a fresh data directory. */
async function startNode(root: string, dataDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    DEMO_CONTENT: 'off',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, [join(root, 'src/main.ts'), 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, failed) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes('Looply is listening')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        ready();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => failed(new Error(`the node exited with ${code} before listening`)));
  });
  return child;
}

async function stopNode(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function measure(root: string) {
  const dataDir = await mkdtemp(join(tmpdir(), 'looply-bench-idle-'));
  const child = await startNode(root, dataDir);
  const pid = child.pid as number;
  try {
    await sleep(settleSeconds * 1000);
    const windows: number[] = [];
    const startCpu = await cpuSeconds(pid);
    const started = performance.now();
    let lastCpu = startCpu;
    let last = started;
    // Windows show whether the cost is steady or comes in bursts (a minute's upkeep, a snapshot).
    while (performance.now() - started < sampleSeconds * 1000) {
      await sleep(Math.min(WINDOW_MS, sampleSeconds * 1000 - (performance.now() - started)));
      const now = performance.now();
      const cpu = await cpuSeconds(pid);
      windows.push(round((100 * (cpu - lastCpu)) / ((now - last) / 1000)));
      lastCpu = cpu;
      last = now;
    }
    const wallSeconds = (last - started) / 1000;
    return {
      root,
      cpu_seconds: round(lastCpu - startCpu),
      wall_seconds: round(wallSeconds),
      percent_of_one_core: round((100 * (lastCpu - startCpu)) / wallSeconds),
      percent_per_30s_window: windows,
      rss_megabytes: await residentMegabytes(pid),
    };
  } finally {
    await stopNode(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const date = new Date().toISOString();
  const host = machine();
  const runs: Array<Awaited<ReturnType<typeof measure>> & { round: number }> = [];
  // Alternating the checkouts spreads the machine's other load over all of them alike.
  for (let round = 1; round <= rounds; round += 1) {
    for (const root of roots) {
      progress(`round ${round}: ${root} (settle ${settleSeconds} s, sample ${sampleSeconds} s)`);
      runs.push({ round, ...(await measure(root)) });
    }
  }
  const byRoot = roots.map((root) => {
    const mine = runs.filter((run) => run.root === root).map((run) => run.percent_of_one_core);
    const sorted = [...mine].sort((a, b) => a - b);
    return {
      root,
      median_percent_of_one_core: sorted[Math.floor(sorted.length / 2)] ?? 0,
      runs_percent_of_one_core: mine,
      target_at_most_1_percent: (sorted[Math.floor(sorted.length / 2)] ?? 0) <= 1,
    };
  });
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'idle-cpu',
        date,
        machine: host,
        settle_seconds: settleSeconds,
        sample_seconds: sampleSeconds,
        stores: 'embedded (PGlite, in-process cache, embedded event stream and job queue), DEMO_CONTENT=off',
        summary: byRoot,
        runs,
      },
      null,
      2,
    )}\n`,
  );
}

await main();
