import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, serviceUrl, uniqueName } from '../../../test/support/services.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import { createMemoryCache } from '../../platform/cache/memory-cache.ts';
import { createRedisCache } from '../../platform/cache/redis-cache.ts';
import type { Database } from '../../platform/db/database.ts';
import { openPostgresDatabase } from '../../platform/db/postgres-database.ts';
import { AccountService } from './service.ts';
import { AccessTokens } from './tokens.ts';

/**
 * Two api nodes' AccountServices over one store and one cache: embedded (one PGlite, one in-process cache), and
 * PostgreSQL + Redis with a connection pool and a Redis client per node, as separate processes would have.
 */
interface Nodes {
  a: AccountService;
  b: AccountService;
  db: Database;
  dispose(): Promise<void>;
}

const databaseUrl = serviceUrl('DATABASE_URL');
const redisUrl = serviceUrl('REDIS_URL');
const SECRET = 'a signing key shared by every node, 32+';

function node(db: Database, cache: Cache): AccountService {
  return new AccountService({ db, accessTokens: new AccessTokens(SECRET, 900), refreshTtlSeconds: 3600, cache });
}

async function embeddedNodes(): Promise<Nodes> {
  const { db, dispose } = await openTestDatabase('pglite');
  const cache = createMemoryCache();
  return {
    a: node(db, cache),
    b: node(db, cache),
    db,
    async dispose() {
      await cache.close();
      await dispose();
    },
  };
}

async function distributedNodes(dbUrl: string, cacheUrl: string): Promise<Nodes> {
  const first = await openTestDatabase('postgres', dbUrl);
  const schema = (await first.db.query<{ schema: string }>('select current_schema() as schema')).rows[0]?.schema;
  const second = await openPostgresDatabase({ url: dbUrl, schema: schema as string, maxConnections: 4 });
  const keyPrefix = `${uniqueName('test')}:`;
  const caches = [
    await createRedisCache({ url: cacheUrl, keyPrefix }),
    await createRedisCache({ url: cacheUrl, keyPrefix }),
  ];
  return {
    a: node(first.db, caches[0] as Cache),
    b: node(second, caches[1] as Cache),
    db: first.db,
    async dispose() {
      await Promise.all(caches.map((cache) => cache.close()));
      await second.close();
      await first.dispose();
      const admin = new Redis(cacheUrl);
      const keys = await admin.keys(`${keyPrefix}*`);
      if (keys.length > 0) await admin.del(...keys);
      admin.disconnect();
    },
  };
}

const variants: Array<[string, () => Promise<Nodes>]> = [['pglite + memory', embeddedNodes]];
if (databaseUrl && redisUrl) variants.push(['postgres + redis', () => distributedNodes(databaseUrl, redisUrl)]);

/** Moves a refresh token's rotation out of the grace window, as if it had happened a minute ago. */
async function ageRotation(db: Database, refreshToken: string): Promise<void> {
  const id = refreshToken.split('.')[0];
  await db.query(`update refresh_tokens set rotated_at = now() - interval '1 minute' where id = $1`, [id]);
}

describe.each(variants)('sessions across two nodes (%s)', (_name, open) => {
  let nodes: Nodes;
  beforeAll(async () => {
    nodes = await open();
  });
  afterAll(() => nodes?.dispose());

  it('stops the access tokens of a session revoked on one node on the other node at once', async () => {
    const { a, b, db } = nodes;
    const first = await a.signUp({ username: uniqueName('victim'), password: 'long enough pw' });
    const other = await a.logIn({ username: first.user.username, password: 'long enough pw' }, { address: null });
    const rotated = await a.refresh(first.refresh_token);
    await expect(b.verifyAccessToken(rotated.access_token)).resolves.toMatchObject({ userId: first.user.id });

    await ageRotation(db, first.refresh_token);
    await expect(a.refresh(first.refresh_token)).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });

    for (const token of [first.access_token, rotated.access_token]) {
      await expect(b.verifyAccessToken(token)).rejects.toMatchObject({ status: 401, code: 'SESSION_REVOKED' });
    }
    // Another sign-in of the same account is another session, and goes on.
    await expect(b.verifyAccessToken(other.access_token)).resolves.toMatchObject({ userId: first.user.id });
  });

  it('gives two nodes refreshing one token at once the same new pair, then rotates on', async () => {
    const { a, b } = nodes;
    const session = await a.signUp({ username: uniqueName('tabs'), password: 'long enough pw' });
    const [one, two] = await Promise.all([a.refresh(session.refresh_token), b.refresh(session.refresh_token)]);
    expect(two.refresh_token).toBe(one.refresh_token);
    expect(one.refresh_token).not.toBe(session.refresh_token);
    await expect(a.verifyAccessToken(two.access_token)).resolves.toMatchObject({ userId: session.user.id });
    await expect(b.verifyAccessToken(one.access_token)).resolves.toMatchObject({ userId: session.user.id });

    const next = await b.refresh(one.refresh_token);
    expect(next.refresh_token).not.toBe(one.refresh_token);
    await expect(a.verifyAccessToken(next.access_token)).resolves.toMatchObject({ userId: session.user.id });
  });

  it('still treats a token presented with a wrong secret as invalid, not as a grace refresh', async () => {
    const { a } = nodes;
    const session = await a.signUp({ username: uniqueName('forged'), password: 'long enough pw' });
    await a.refresh(session.refresh_token);
    const [id] = session.refresh_token.split('.');
    await expect(a.refresh(`${id}.${'A'.repeat(43)}`)).rejects.toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
  });
});
