import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { uniqueName } from './services.ts';
import { cleanUpDistributed } from './social.ts';

export interface Cluster {
  /** The environment every process of the cluster starts with (add PORT and the like per process). */
  env: Record<string, string>;
  /** Drops the database, the Redis keys and the NATS namespace, and removes the DATA_DIR. */
  cleanup(): Promise<void>;
}

/**
 * What several Looply processes on one PostgreSQL + Redis + NATS share: a fresh database, Redis key prefix and NATS
 * namespace (all one unique name starting with `prefix`) and a DATA_DIR, with `extraEnv` on top.
 */
export async function prepareCluster(
  prefix: string,
  engines: { databaseUrl: string | undefined; redisUrl: string | undefined; natsUrl: string | undefined },
  extraEnv: Record<string, string> = {},
): Promise<Cluster> {
  const { databaseUrl, redisUrl, natsUrl } = engines;
  if (!databaseUrl || !redisUrl || !natsUrl) throw new Error('a cluster needs DATABASE_URL, REDIS_URL and NATS_URL');
  const urls = { databaseUrl, redisUrl, natsUrl };
  const database = uniqueName(prefix);
  await adminQuery(urls.databaseUrl, `create database ${database}`);
  const dataDir = await mkdtemp(join(tmpdir(), `${prefix.replaceAll('_', '-')}-`));
  const dbUrl = new URL(urls.databaseUrl);
  dbUrl.pathname = `/${database}`;
  return {
    env: {
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: urls.redisUrl,
      NATS_URL: urls.natsUrl,
      NATS_NAMESPACE: database,
      REDIS_KEY_PREFIX: `${database}:`,
      DATA_DIR: dataDir,
      DEMO_CONTENT: 'off',
      RATE_LIMIT_SCALE: '0',
      HOST: '127.0.0.1',
      ...extraEnv,
    },
    async cleanup() {
      await rm(dataDir, { recursive: true, force: true });
      await adminQuery(urls.databaseUrl, `drop database if exists ${database} with (force)`);
      await cleanUpDistributed({ databaseUrl: undefined, redisUrl: urls.redisUrl, natsUrl: urls.natsUrl }, database);
    },
  };
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
