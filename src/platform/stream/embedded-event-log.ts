import type { Database, SqlExecutor } from '../db/database.ts';
import type { DomainEvent } from './events.ts';
import type { DeadLetteredEvent } from './stream-common.ts';

/** Events moved from the log into a group's deliveries per poll, and the most a group keeps there. */
const ADVANCE_BATCH = 256;
const MAX_BACKLOG = 1024;

export interface Delivery {
  seq: string;
  deliveries: number;
  event: DomainEvent;
}

interface EventRow {
  seq: string;
  deliveries: number;
  id: string;
  type: string;
  version: number;
  occurred_at: Date | string;
  data: unknown;
}

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export async function appendEvent(sql: SqlExecutor, event: DomainEvent): Promise<void> {
  await sql.query(
    `insert into events (id, type, version, occurred_at, data) values ($1, $2, $3, $4, $5::jsonb)
     on conflict (id) do nothing`,
    [event.id, event.type, event.version, event.occurredAt, JSON.stringify(event.data ?? null)],
  );
}

/**
 * Creates the group unless it exists: at the start of the log, or after the last event published before `startAt`.
 * Creating or joining it marks it active.
 */
export async function ensureGroup(
  db: Database,
  group: string,
  options: { startAt?: Date | undefined; idleExpiryMs?: number | undefined } = {},
): Promise<void> {
  await db.query(
    `insert into event_groups (name, cursor_tx, cursor_seq, idle_expiry_ms)
     select $1, coalesce(last.tx_id, '0'), coalesce(last.seq, 0), $3
     from (select 1) one
     left join lateral (
       select tx_id, seq from events where $2::timestamptz is not null and published_at < $2::timestamptz
       order by tx_id desc, seq desc limit 1
     ) last on true
     on conflict (name) do update set active_at = now(), idle_expiry_ms = excluded.idle_expiry_ms`,
    [group, options.startAt?.toISOString() ?? null, options.idleExpiryMs ?? null],
  );
}

/** A member of the group is still subscribed. */
export async function touchGroup(db: Database, group: string): Promise<void> {
  await db.query('update event_groups set active_at = now() where name = $1', [group]);
}

export async function listGroups(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>('select name from event_groups order by name');
  return rows.map((row) => row.name);
}

/** Is anything ready for the group or new in the log; else, in how many ms does the group's next lease end? */
export interface PendingWork {
  ready: boolean;
  nextDueInMs: number | null;
}

const NEXT_LEASE_DUE_IN_MS = `(extract(epoch from (select min(lease_until) from event_deliveries where group_name = $1) - now())
   * 1000)::float8`;

/** A cheap check run before each poll, which only reads. */
export async function pendingWork(db: Database, group: string): Promise<PendingWork> {
  const { rows } = await db.query<{ ready: boolean; next_due_in_ms: number | null }>(
    `select exists (select 1 from event_deliveries where group_name = $1 and lease_until <= now())
         or exists (select 1 from events e join event_groups g on g.name = $1
                    where (e.tx_id, e.seq) > (g.cursor_tx, g.cursor_seq)) as ready,
            ${NEXT_LEASE_DUE_IN_MS} as next_due_in_ms`,
    [group],
  );
  return { ready: rows[0]?.ready === true, nextDueInMs: rows[0]?.next_due_in_ms ?? null };
}

/**
 * Events past the cursor that a claim could not move yet (published by a transaction older than one still running,
 * or beyond a full backlog) are looked for again this soon: nothing else would wake the group for them.
 */
const UNREAD_RETRY_MS = 100;

/**
 * Moves the group's new events into its deliveries, dead-letters exhausted ones and leases up to `limit` ready ones.
 * The group row lock serialises members of a group across processes.
 */
export async function claimEvents(
  db: Database,
  group: string,
  types: readonly string[],
  limit: number,
  ackTimeoutMs: number,
  maxDeliveries: number,
): Promise<{ items: Delivery[]; nextDueInMs: number | null; deadLettered: DeadLetterNote[] }> {
  return db.transaction(async (tx) => {
    // Taken before the lock: every transaction with an id below it has finished, so its events are visible.
    const snapshot = await tx.query<{ xmin: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
    const xmin = snapshot.rows[0]?.xmin ?? '0';
    const locked = await tx.query<{ cursor_tx: string; cursor_seq: string; backlog: number; exhausted: boolean }>(
      `select cursor_tx::text, cursor_seq::text,
              (select count(*) from event_deliveries where group_name = $1)::int as backlog,
              exists (select 1 from event_deliveries
                      where group_name = $1 and lease_until <= now() and deliveries >= $2) as exhausted
       from event_groups where name = $1 for update`,
      [group, maxDeliveries],
    );
    const cursor = locked.rows[0];
    if (!cursor) throw new Error(`event group ${group} is missing`);
    if (cursor.backlog < MAX_BACKLOG) await advance(tx, group, types, xmin, cursor);
    const deadLettered = cursor.exhausted ? await deadLetterExhausted(tx, group, maxDeliveries) : [];
    const claimed = await tx.query<EventRow>(
      `with claimed as (
         update event_deliveries d
         set deliveries = d.deliveries + 1, lease_until = now() + $3::double precision * interval '1 millisecond'
         where d.group_name = $1 and d.seq = any(array(
           select seq from event_deliveries where group_name = $1 and lease_until <= now()
           order by seq limit $2 for update skip locked))
         returning d.seq, d.deliveries)
       select c.seq::text, c.deliveries, e.id, e.type, e.version, e.occurred_at, e.data
       from claimed c join events e on e.seq = c.seq order by c.seq`,
      [group, limit, ackTimeoutMs],
    );
    const after = await tx.query<{ next_due_in_ms: number | null; unread: boolean }>(
      `select ${NEXT_LEASE_DUE_IN_MS} as next_due_in_ms,
              exists (select 1 from events e join event_groups g on g.name = $1
                      where (e.tx_id, e.seq) > (g.cursor_tx, g.cursor_seq)) as unread`,
      [group],
    );
    const leaseDue = after.rows[0]?.next_due_in_ms ?? null;
    const nextDueInMs = after.rows[0]?.unread ? Math.min(leaseDue ?? UNREAD_RETRY_MS, UNREAD_RETRY_MS) : leaseDue;
    const items = claimed.rows.map((row) => ({
      seq: row.seq,
      deliveries: row.deliveries,
      event: {
        id: row.id,
        type: row.type,
        version: row.version,
        occurredAt: new Date(row.occurred_at).toISOString(),
        data: row.data,
      },
    }));
    return { items, nextDueInMs, deadLettered };
  });
}

async function advance(
  tx: SqlExecutor,
  group: string,
  types: readonly string[],
  xmin: string,
  cursor: { cursor_tx: string; cursor_seq: string },
): Promise<void> {
  const matched = await tx.query<{ seq: string; tx_id: string }>(
    `select e.seq::text, e.tx_id::text from events e
     where (e.tx_id, e.seq) > ($1::xid8, $2::bigint) and e.tx_id < $3::xid8 and e.type = any($4::text[])
     order by e.tx_id, e.seq limit $5`,
    [cursor.cursor_tx, cursor.cursor_seq, xmin, types, ADVANCE_BATCH],
  );
  let next: { tx_id: string; seq: string } | undefined = matched.rows.at(-1);
  if (matched.rows.length > 0) {
    await tx.query(
      `insert into event_deliveries (group_name, seq) select $1, unnest($2::bigint[])
       on conflict (group_name, seq) do nothing`,
      [group, matched.rows.map((row) => row.seq)],
    );
  }
  if (matched.rows.length < ADVANCE_BATCH) {
    // Nothing else of interest up to the visible end of the log: skip past other types' events too.
    const end = await tx.query<{ tx_id: string; seq: string }>(
      // Qualified: a bare `tx_id` in order by would mean the text output column and sort '998' after '1000'.
      'select e.tx_id::text, e.seq::text from events e where e.tx_id < $1::xid8 order by e.tx_id desc, e.seq desc limit 1',
      [xmin],
    );
    next = end.rows[0] ?? next;
  }
  if (!next) return;
  await tx.query(
    `update event_groups set cursor_tx = $2::xid8, cursor_seq = $3::bigint
     where name = $1 and (cursor_tx, cursor_seq) < ($2::xid8, $3::bigint)`,
    [group, next.tx_id, next.seq],
  );
}

/** What a claim dead-lettered: the events whose deliveries ran out. */
export interface DeadLetterNote {
  id: string;
  type: string;
  deliveries: number;
  last_error: string;
}

async function deadLetterExhausted(tx: SqlExecutor, group: string, maxDeliveries: number): Promise<DeadLetterNote[]> {
  const { rows } = await tx.query<DeadLetterNote>(
    `with dead as (
       delete from event_deliveries
       where group_name = $1 and lease_until <= now() and deliveries >= $2
       returning seq, deliveries, last_error)
     insert into event_dead_letters (group_name, seq, event, deliveries, last_error)
     select $1, dead.seq,
            jsonb_build_object('id', e.id, 'type', e.type, 'version', e.version,
                               'occurredAt', to_char(e.occurred_at at time zone 'UTC', ${ISO_UTC}), 'data', e.data),
            dead.deliveries, coalesce(dead.last_error, 'ack timeout: no member acknowledged it')
     from dead join events e on e.seq = dead.seq
     on conflict (group_name, seq) do nothing
     returning event->>'id' as id, event->>'type' as type, deliveries, last_error`,
    [group, maxDeliveries],
  );
  return rows;
}

/**
 * Acknowledges each delivery by its number; a stale ack (the event was handed out again since) does nothing. One
 * statement for the lot: under load most of a group's acks arrive while the previous one is being written.
 */
export async function ackEvents(db: Database, group: string, deliveries: readonly Delivery[]): Promise<void> {
  await db.query(
    `delete from event_deliveries d using unnest($2::bigint[], $3::int[]) as acked(seq, deliveries)
     where d.group_name = $1 and d.seq = acked.seq and d.deliveries = acked.deliveries`,
    [group, deliveries.map((delivery) => delivery.seq), deliveries.map((delivery) => delivery.deliveries)],
  );
}

export async function nackEvent(
  db: Database,
  group: string,
  delivery: Delivery,
  error: string,
  retryInMs: number,
): Promise<void> {
  await db.query(
    `update event_deliveries set lease_until = now() + $4::double precision * interval '1 millisecond', last_error = $5
     where group_name = $1 and seq = $2 and deliveries = $3`,
    [group, delivery.seq, delivery.deliveries, retryInMs, error],
  );
}

export async function readDeadLetters(db: Database, group: string, limit: number): Promise<DeadLetteredEvent[]> {
  const { rows } = await db.query<{
    event: DomainEvent;
    deliveries: number;
    last_error: string;
    failed_at: Date | string;
  }>(
    `select event, deliveries, last_error, failed_at from event_dead_letters
     where group_name = $1 order by failed_at, seq limit $2`,
    [group, limit],
  );
  return rows.map((row) => ({
    group,
    event: row.event,
    deliveries: row.deliveries,
    lastError: row.last_error,
    failedAt: new Date(row.failed_at).toISOString(),
  }));
}

/** Deliveries not yet acknowledged, and whether any group has events it has not taken yet (for benchmarks). */
export async function backlog(db: Database): Promise<{ deliveries: number; unread: boolean }> {
  const { rows } = await db.query<{ deliveries: number; unread: boolean }>(
    `select (select count(*) from event_deliveries)::int as deliveries,
            exists (select 1 from event_groups g join events e on (e.tx_id, e.seq) > (g.cursor_tx, g.cursor_seq))
              as unread`,
  );
  return { deliveries: rows[0]?.deliveries ?? 0, unread: rows[0]?.unread === true };
}

/** Drops events past retention, and deliveries whose event is gone with them. */
export async function pruneEvents(db: Database, retentionMs: number): Promise<void> {
  await db.query(`delete from events where published_at < now() - $1::double precision * interval '1 millisecond'`, [
    retentionMs,
  ]);
  await db.query('delete from event_deliveries d where not exists (select 1 from events e where e.seq = d.seq)');
}

/** Deletes the groups with an idle expiry that no member has touched for that long, and their deliveries. */
export async function dropIdleGroups(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ name: string }>(
      `delete from event_groups
       where idle_expiry_ms is not null and active_at < now() - idle_expiry_ms * interval '1 millisecond'
       returning name`,
    );
    if (rows.length === 0) return;
    await tx.query('delete from event_deliveries where group_name = any($1::text[])', [rows.map((row) => row.name)]);
  });
}
