import type { SqlExecutor } from '../../platform/db/database.ts';

/**
 * Counter events are delivered at least once: the first delivery records the event id in the transaction that
 * applies it, so a redelivery changes nothing. False when the event was applied before.
 */
export async function firstDelivery(sql: SqlExecutor, eventId: string): Promise<boolean> {
  const result = await sql.query(
    'insert into search_applied_events (event_id) values ($1) on conflict (event_id) do nothing',
    [eventId],
  );
  return result.rowCount === 1;
}

/** Forgets ids older than the event stream keeps events: those can no longer be redelivered. */
export async function forgetAppliedBefore(sql: SqlExecutor, before: Date): Promise<number> {
  const result = await sql.query('delete from search_applied_events where applied_at < $1', [before.toISOString()]);
  return result.rowCount;
}
