import type { SqlExecutor } from '../../platform/db/database.ts';

/**
 * Documents copy fields from each other (a sound's artist from its owner's username, a video's sound title from the
 * sound), and events are handled concurrently: whichever of two related events commits second must see the first.
 * A transaction-scoped advisory lock on the shared account or sound makes them take turns. Every handler takes locks
 * in one order — account, sound, then rows of videos, then rows of hashtags and sounds — so none can deadlock.
 */
export async function lockDocument(sql: SqlExecutor, kind: 'account' | 'sound', id: string): Promise<void> {
  await sql.query('select pg_advisory_xact_lock(hashtextextended($1, 7270010))', [`search:${kind}:${id}`]);
}
