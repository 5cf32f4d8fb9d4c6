import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { BlobStore } from './blob/blob-store.ts';
import { createDirectoryBlobStore } from './blob/directory-blob-store.ts';
import { createS3BlobStore } from './blob/s3-blob-store.ts';
import type { Cache } from './cache/cache.ts';
import { createMemoryCache } from './cache/memory-cache.ts';
import { createRedisCache } from './cache/redis-cache.ts';
import type { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { openPgliteDatabase } from './db/pglite-database.ts';
import { openPostgresDatabase } from './db/postgres-database.ts';
import type { Logger } from './logger.ts';
import { createEmbeddedEventStream } from './stream/embedded-event-stream.ts';
import { createEmbeddedJobQueue } from './stream/embedded-job-queue.ts';
import type { JobQueue } from './stream/jobs.ts';
import { createNatsEventStream } from './stream/nats-event-stream.ts';
import { createNatsJobQueue } from './stream/nats-job-queue.ts';
import type { InspectableEventStream } from './stream/stream-common.ts';

/** Every port with the adapter the configuration picked: embedded by default, a distributed engine by URL. */
export interface Infrastructure {
  db: Database;
  blobs: BlobStore;
  cache: Cache;
  events: InspectableEventStream;
  jobs: JobQueue;
  close(): Promise<void>;
}

export interface InfrastructureOptions {
  /** PostgreSQL schema; tests use a random one. */
  postgresSchema?: string;
  /** Wraps the event stream the configuration picked: tests check every delivered event against its definition. */
  wrapEvents?: (events: InspectableEventStream) => InspectableEventStream;
}

/** PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export function openConfiguredDatabase(config: Config, postgresSchema?: string): Promise<Database> {
  return config.databaseUrl
    ? openPostgresDatabase({ url: config.databaseUrl, ...(postgresSchema ? { schema: postgresSchema } : {}) })
    : openPgliteDatabase(join(config.dataDir, 'pglite'));
}

export async function openInfrastructure(
  config: Config,
  log: Logger,
  options: InfrastructureOptions = {},
): Promise<Infrastructure> {
  const db = await openConfiguredDatabase(config, options.postgresSchema);
  const applied = await migrate(db);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const s3 = config.blobStore.kind === 's3' ? createS3BlobStore(config.blobStore.s3) : undefined;
  const blobs = s3 ?? createDirectoryBlobStore(join(config.dataDir, 'blobs'));
  const cache = config.redisUrl
    ? await createRedisCache({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix })
    : createMemoryCache();
  const streamLog = log.child({ module: 'stream' });
  const namespace = config.natsNamespace;
  const picked = config.natsUrl
    ? await createNatsEventStream({ url: config.natsUrl, db, namespace, log: streamLog })
    : createEmbeddedEventStream({ db, log: streamLog });
  const events = options.wrapEvents ? options.wrapEvents(picked) : picked;
  const jobs = config.natsUrl
    ? await createNatsJobQueue({ url: config.natsUrl, db, namespace, log: streamLog })
    : createEmbeddedJobQueue({ db, log: streamLog });
  log.info(
    { db: db.kind, cache: cache.kind, events: events.kind, jobs: jobs.kind, blobs: config.blobStore.kind },
    'infrastructure ready',
  );
  return {
    db,
    blobs,
    cache,
    events,
    jobs,
    async close() {
      await jobs.close();
      await events.close();
      await cache.close();
      s3?.close();
      await db.close();
    },
  };
}
