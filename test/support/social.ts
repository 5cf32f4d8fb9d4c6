import { Redis } from 'ioredis';
import pg from 'pg';
import { collectHashtags } from '../../src/modules/videos/hashtags.ts';
import type { NewUpload } from '../../src/modules/videos/lifecycle.ts';
import { connectJetStream, dropNamespace } from '../../src/platform/stream/nats-connection.ts';
import { makeClipFactory } from './clips.ts';
import { signUp, type TestLooply } from './looply.ts';
import { distributedEnv } from './services.ts';

/** One tiny real clip, made once and uploaded as often as a test needs a ready video. */
export async function makeTinyClip() {
  const clips = await makeClipFactory();
  const file = await clips.clip({ seconds: 2, width: 160, height: 284 });
  return { file, cleanup: clips.cleanup };
}

export type Account = Awaited<ReturnType<typeof signUp>>;

/** Signs up every name at once; the result is a tuple, one account per name. */
export async function signUpAll<const Names extends readonly string[]>(
  looply: Pick<TestLooply, 'api'>,
  names: Names,
): Promise<{ [K in keyof Names]: Account }> {
  return (await Promise.all(names.map((name) => signUp(looply as TestLooply, name)))) as {
    [K in keyof Names]: Account;
  };
}

/** A video taken through the real pipeline (upload → processing → ready) for `author`; returns its id. */
export async function readyVideo(
  looply: Pick<TestLooply, 'services' | 'api'>,
  author: { user: { id: string }; access_token: string },
  clip: string,
  caption = 'a clip',
  options?: NewUpload['options'],
): Promise<string> {
  const accepted = await looply.services.videoLifecycle.acceptUpload({
    authorId: author.user.id,
    caption,
    hashtags: collectHashtags(undefined, caption),
    file: clip,
    durationMs: 2000,
    ...(options ? { options } : {}),
  });
  // Polled without vitest, so benchmarks can use it too.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const video = (await looply.api(`/v1/videos/${accepted.video_id}`, { token: author.access_token })).body;
    if (video.status === 'ready') return accepted.video_id;
    if (video.status === 'failed' || Date.now() > deadline) {
      throw new Error(
        `the test clip did not process: ${JSON.stringify(video.status === 'failed' ? video.error : video)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Environments of the social API suites: embedded always; PostgreSQL + Redis + NATS when their URLs are set. */
export function socialVariants(distributed: {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
}) {
  const base = { MIN_VIDEO_SECONDS: '1', WORKER_CONCURRENCY: '2' };
  const variants: Array<{ name: string; env: Record<string, string>; schema?: string }> = [
    { name: 'embedded', env: base },
  ];
  const { databaseUrl, redisUrl, natsUrl } = distributed;
  if (databaseUrl && redisUrl && natsUrl) {
    const unique = `social_${Math.random().toString(36).slice(2, 10)}`;
    variants.push({
      name: 'postgres+redis+nats',
      env: { ...base, ...distributedEnv(distributed, unique) },
      schema: unique,
    });
  }
  return variants;
}

/** Removes what a distributed variant left in PostgreSQL, Redis and NATS (all named after `unique`). */
export async function cleanUpDistributed(
  urls: { databaseUrl: string | undefined; redisUrl: string | undefined; natsUrl: string | undefined },
  unique: string | undefined,
): Promise<void> {
  if (!unique) return;
  await dropSchema(urls.databaseUrl, unique);
  if (urls.redisUrl) {
    const admin = new Redis(urls.redisUrl);
    try {
      for await (const keys of admin.scanStream({ match: `${unique}:*`, count: 500 })) {
        if ((keys as string[]).length > 0) await admin.del(...(keys as string[]));
      }
    } finally {
      await admin.quit();
    }
  }
  if (urls.natsUrl) {
    const nats = await connectJetStream(urls.natsUrl, `cleanup-${unique}`);
    try {
      await dropNamespace(nats.jsm, unique);
    } finally {
      await nats.nc.close();
    }
  }
}

/** Drops the PostgreSQL schema a distributed variant ran in. */
export async function dropSchema(databaseUrl: string | undefined, schema: string | undefined): Promise<void> {
  if (!databaseUrl || !schema) return;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    // An extension lives in the schema that first created it; dropping that schema would drop it for every other
    // test schema on the server, so move it out first.
    const { rows } = await admin.query(
      `select e.extname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where n.nspname = $1`,
      [schema],
    );
    for (const row of rows) await admin.query(`alter extension ${row.extname} set schema public`);
    await admin.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await admin.end();
  }
}
