import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { distributedUrls } from '../support/services.ts';

const urls = distributedUrls();
const CHAOS = fileURLToPath(new URL('../../bench/chaos.ts', import.meta.url));
/** The whole run: setup, 60 s of chaos (longer until each process and engine was killed once), settling, checks. */
const RUN_TIMEOUT_MS = 8 * 60_000;

interface Figures {
  kills_by_target: Record<string, number>;
  acknowledged: Record<string, number>;
  invariants: Record<string, { checked: number; breaches: number }>;
  failures: { outside_windows: { http_5xx: number; connection: number } };
}

/**
 * `npm run chaos`, short and seeded: 2 api processes and a worker on PostgreSQL and the run's own Redis and NATS,
 * a workload through both api nodes, every process and both engines killed with SIGKILL and started again; then
 * every acknowledged write, counter, upload and job is checked. It starts its own Redis and NATS (the shared ones
 * only give it its PostgreSQL server), so other suites never see them restart.
 */
describe.runIf(urls.databaseUrl && urls.redisUrl && urls.natsUrl)('a short chaos run', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'loses no acknowledged write, keeps every counter equal to its rows, finishes every upload once, answers no 5xx outside kill windows',
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'looply-chaos-test-'));
      const json = join(dir, 'figures.json');
      const child = spawn(
        process.execPath,
        [CHAOS, '--duration', '60', '--seed', '7', '--chaos-every', '5', '--json', json],
        { env: { ...process.env, DATABASE_URL: urls.databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      // On a timeout the runner is asked to stop, so it still stops its processes and drops its database.
      const timer = setTimeout(() => child.kill('SIGTERM'), RUN_TIMEOUT_MS - 30_000);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      clearTimeout(timer);
      const report = output.slice(output.indexOf('| invariant |'));
      expect(code, output.slice(-6000)).toBe(0);

      const figures: Figures = JSON.parse(await readFile(json, 'utf8'));
      expect(Object.keys(figures.kills_by_target).sort(), report).toEqual([
        'api-1',
        'api-2',
        'nats',
        'redis',
        'worker',
      ]);
      for (const [name, result] of Object.entries(figures.invariants)) {
        expect(result.breaches, `${name}\n${report}`).toBe(0);
      }
      expect(figures.failures.outside_windows).toEqual({ http_5xx: 0, connection: 0 });
      for (const kind of ['signup', 'like', 'comment', 'follow', 'view', 'message', 'upload']) {
        expect(figures.acknowledged[kind], kind).toBeGreaterThan(0);
      }
    },
    RUN_TIMEOUT_MS,
  );
});
