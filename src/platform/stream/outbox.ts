import type { Database, SqlExecutor } from '../db/database.ts';
import { createWaker } from './poll-loop.ts';
import { errorMessage, type StreamLog } from './stream-common.ts';

/** A message for JetStream, kept in the `outbox` table until the relay has published it. */
export interface OutboxMessage {
  /** The JetStream stream it belongs to: each relay only takes its own stream's rows. */
  stream: string;
  subject: string;
  /** Sent as `Nats-Msg-Id`, so a row published twice (relay crashed before deleting it) is stored once. */
  msgId: string;
  headers: Record<string, string>;
  body: string;
}

export async function writeOutbox(tx: SqlExecutor, message: OutboxMessage): Promise<void> {
  await tx.query('insert into outbox (stream, subject, msg_id, headers, body) values ($1, $2, $3, $4::jsonb, $5)', [
    message.stream,
    message.subject,
    message.msgId,
    JSON.stringify(message.headers),
    message.body,
  ]);
}

export interface OutboxRelay {
  /** Looks for rows now (a transaction with an outbox row may have committed). */
  wake(): void;
  stop(): Promise<void>;
}

const BATCH = 100;

/** Whether rows of `stream` wait in the outbox (committed ones, as this connection sees them). */
export async function outboxWaiting(db: SqlExecutor, stream: string): Promise<boolean> {
  const { rows } = await db.query<{ waiting: boolean }>(
    'select exists (select 1 from outbox where stream = $1) as waiting',
    [stream],
  );
  return rows[0]?.waiting === true;
}

/** Publishes committed outbox rows of `stream` in order and deletes them; rows locked by another relay are skipped. */
export function startOutboxRelay(options: {
  db: Database;
  stream: string;
  intervalMs: number;
  publish(message: OutboxMessage): Promise<void>;
  log: StreamLog;
}): OutboxRelay {
  const { db, stream, log } = options;
  const waker = createWaker();
  let stopped = false;

  const relayBatch = async (): Promise<number> => {
    if (!(await outboxWaiting(db, stream))) return 0;
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{
        id: string;
        subject: string;
        msg_id: string;
        headers: Record<string, string>;
        body: string;
      }>(
        `select o.id::text, o.subject, o.msg_id, o.headers, o.body from outbox o where o.stream = $1
         order by o.id limit $2 for update skip locked`,
        [stream, BATCH],
      );
      const published: string[] = [];
      try {
        for (const row of rows) {
          await options.publish({
            stream,
            subject: row.subject,
            msgId: row.msg_id,
            headers: row.headers,
            body: row.body,
          });
          published.push(row.id);
        }
      } catch (error) {
        log.warn({ err: error, stream, reason: errorMessage(error) }, 'outbox relay could not publish; will retry');
      }
      if (published.length > 0) await tx.query('delete from outbox where id = any($1::bigint[])', [published]);
      return published.length === rows.length ? rows.length : 0;
    });
  };

  const loop = (async () => {
    while (!stopped) {
      let relayed = 0;
      try {
        relayed = await relayBatch();
      } catch (error) {
        log.error({ err: error, stream }, 'outbox relay failed');
      }
      if (relayed < BATCH && !stopped) await waker.sleep(options.intervalMs);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  return {
    wake: () => waker.wake(),
    async stop() {
      stopped = true;
      waker.wake();
      await loop;
    },
  };
}
