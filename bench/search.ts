import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPgliteDatabase } from '../src/platform/db/pglite-database.ts';
import { openPostgresDatabase } from '../src/platform/db/postgres-database.ts';
import { machine } from './machine.ts';
import { type CorpusSize, loadCorpus } from './search/load.ts';
import { type QueryRunner, queryMix, timeMix, timePages } from './search/queries.ts';
import { benchTrending } from './search/trending.ts';

const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '1000000' },
    users: { type: 'string', default: '100000' },
    hashtags: { type: 'string', default: '50000' },
    sounds: { type: 'string', default: '20000' },
    stores: { type: 'string', default: 'pglite,postgres' },
    'per-cell': { type: 'string', default: '20' },
    'trending-keys': { type: 'string', default: '1000000' },
    'trending-events': { type: 'string', default: '5000000' },
    /** A checkout of another version (e.g. /work/main): its query code times the same mix on the same index. */
    baseline: { type: 'string' },
  },
});
const size: CorpusSize = {
  videos: Number(values.videos),
  users: Number(values.users),
  hashtags: Number(values.hashtags),
  sounds: Number(values.sounds),
};

const log = (store: string) => (step: string) => process.stderr.write(`[${store}] ${step}\n`);

async function baselineRunner(): Promise<QueryRunner | undefined> {
  if (!values.baseline) return undefined;
  const module = (await import(pathToFileURL(resolve(values.baseline, 'bench/search/queries.ts')).href)) as {
    runQuery: QueryRunner;
  };
  return module.runQuery;
}

async function benchStore(name: string, db: Database) {
  const progress = log(name);
  const loadStarted = performance.now();
  await migrate(db);
  const corpus = await loadCorpus(db, size, progress);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  progress('timing the query mix');
  const timing = await timeMix(db, queryMix(corpus, Number(values['per-cell'])), await baselineRunner());
  progress('timing hashtag and sound pages');
  const topicPages = await timePages(db, corpus, 20);
  return {
    store: name,
    load_seconds: Math.round(loadSeconds),
    ...timing,
    hashtag_and_sound_pages: topicPages,
    target_p95_100ms: timing.overall.p95_ms <= 100,
  };
}

async function main() {
  const started = new Date().toISOString();
  const results: unknown[] = [];
  const stores = String(values.stores).split(',');
  if (stores.includes('pglite')) {
    const dir = await mkdtemp(join(tmpdir(), 'looply-bench-search-'));
    const db = await openPgliteDatabase(dir);
    try {
      results.push(await benchStore('pglite', db));
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  const url = process.env.DATABASE_URL;
  if (stores.includes('postgres') && url) {
    const schema = `bench_search_${randomBytes(4).toString('hex')}`;
    const db = await openPostgresDatabase({ url, schema, maxConnections: 2 });
    try {
      results.push(await benchStore('postgres', db));
    } finally {
      await db.query(`drop schema if exists ${schema} cascade`);
      await db.close();
    }
  } else if (stores.includes('postgres')) {
    process.stderr.write('SKIPPED: DATABASE_URL is not set, so PostgreSQL is not measured\n');
  }
  log('trending')(`detector: ${values['trending-events']} events over ${values['trending-keys']} hashtags`);
  const trending = benchTrending(Number(values['trending-keys']), Number(values['trending-events']));
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'search', started, machine: machine(), corpus: size, baseline: values.baseline ?? null, stores: results, trending }, null, 2)}\n`,
  );
}

await main();
