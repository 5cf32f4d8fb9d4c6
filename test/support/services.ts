import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { openPgliteDatabase } from '../../src/platform/db/pglite-database.ts';
import { openPostgresDatabase } from '../../src/platform/db/postgres-database.ts';

export type ServiceVariable = 'DATABASE_URL' | 'REDIS_URL' | 'NATS_URL';

/**
 * The URL of a distributed engine for its adapter suite. Unset outside CI: the suite is skipped with a visible
 * line. Unset with CI=true: an error, because in CI the distributed suites may not skip.
 */
export function serviceUrl(variable: ServiceVariable): string | undefined {
  const url = process.env[variable];
  if (url) return url;
  if (process.env.CI === 'true') {
    throw new Error(`${variable} is not set but CI=true: the distributed-adapter suites must run in CI`);
  }
  console.warn(`SKIPPED: ${variable} is not set, so the suites for its adapter do not run here`);
  return undefined;
}

/** The URLs of all three distributed engines, each unset outside CI (see `serviceUrl`). */
export function distributedUrls(): {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
} {
  return {
    databaseUrl: serviceUrl('DATABASE_URL'),
    redisUrl: serviceUrl('REDIS_URL'),
    natsUrl: serviceUrl('NATS_URL'),
  };
}

/**
 * The settings that put a test Looply on PostgreSQL, Redis and NATS under names of its own (`unique`: the NATS
 * namespace and the Redis key prefix), so that suites running at once do not meet.
 */
export function distributedEnv(urls: ReturnType<typeof distributedUrls>, unique: string): Record<string, string> {
  const { databaseUrl, redisUrl, natsUrl } = urls;
  if (!databaseUrl || !redisUrl || !natsUrl)
    throw new Error('distributedEnv needs DATABASE_URL, REDIS_URL and NATS_URL');
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    NATS_URL: natsUrl,
    NATS_NAMESPACE: unique,
    REDIS_KEY_PREFIX: `${unique}:`,
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

/** A migrated, empty database: PGlite in memory, or a fresh schema on the PostgreSQL server at `url`. */
export async function openTestDatabase(kind: 'pglite' | 'postgres', url?: string): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openPgliteDatabase();
    await migrate(db);
    return { db, dispose: () => db.close() };
  }
  if (!url) throw new Error('a PostgreSQL test database needs DATABASE_URL');
  const schema = uniqueName('test');
  const db = await openPostgresDatabase({ url, schema, maxConnections: 4 });
  await migrate(db);
  return {
    db,
    async dispose() {
      await db.query(`drop schema if exists ${schema} cascade`);
      await db.close();
    },
  };
}

/** The relational-store variants a contract suite runs against: always PGlite, PostgreSQL when reachable. */
export function databaseVariants(): Array<{ name: string; open: () => Promise<TestDatabase> }> {
  const url = serviceUrl('DATABASE_URL');
  const variants = [{ name: 'pglite', open: () => openTestDatabase('pglite') }];
  if (url) variants.push({ name: 'postgres', open: () => openTestDatabase('postgres', url) });
  return variants;
}
