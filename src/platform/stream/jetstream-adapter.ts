import type { JetStreamClient, StreamConfig } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Database } from '../db/database.ts';
import { connectJetStream, ensureStream, type JetStreamContext } from './nats-connection.ts';
import { type OutboxMessage, startOutboxRelay } from './outbox.ts';
import { assertToken, type StreamLog } from './stream-common.ts';

/**
 * Connects (as `connectJetStream`) and makes sure the adapter's stream and its dead-letter stream exist; the
 * connection is closed again if they cannot be made.
 */
export async function openJetStream(
  url: string,
  name: string,
  streams: { main: Partial<StreamConfig> & { name: string }; deadLetters: Partial<StreamConfig> & { name: string } },
): Promise<JetStreamContext> {
  const context = await connectJetStream(url, name);
  try {
    await ensureStream(context.jsm, streams.main);
    await ensureStream(context.jsm, { ...streams.deadLetters, allow_direct: true });
  } catch (error) {
    await context.nc.close();
    throw error;
  }
  return context;
}

/** Publishes an outbox message to JetStream: its id as the message id (the server drops a repeat), headers if any. */
export function jetStreamPublisher(js: JetStreamClient): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const entries = Object.entries(message.headers);
    if (entries.length === 0) {
      await js.publish(message.subject, message.body, { msgID: message.msgId });
      return;
    }
    const headers = natsHeaders();
    for (const [key, value] of entries) headers.set(key, value);
    await js.publish(message.subject, message.body, { msgID: message.msgId, headers });
  };
}

/**
 * What both JetStream adapters start with, once the namespace is checked: stream `<ns>_<kind>` for subjects `<ns>.<kind>.>` (with the adapter's
 * own retention settings), its dead-letter stream `<ns>_<kind>_dlq`, and the relay of their outbox rows.
 */
export async function startJetStreamAdapter(options: {
  url: string;
  namespace: string;
  kind: 'events' | 'jobs';
  settings: Partial<StreamConfig>;
  db: Database;
  log: StreamLog;
  outboxIntervalMs?: number;
}) {
  const { namespace: ns, kind, db, log } = options;
  assertToken('namespace', ns);
  const stream = `${ns}_${kind}`;
  const context = await openJetStream(options.url, `looply-${kind}-${ns}`, {
    main: { ...options.settings, name: stream, subjects: [`${ns}.${kind}.>`] },
    deadLetters: { name: `${stream}_dlq`, subjects: [`${ns}.dlq.${kind}.>`] },
  });
  const publish = jetStreamPublisher(context.js);
  const relay = startOutboxRelay({ db, stream, intervalMs: options.outboxIntervalMs ?? 100, publish, log });
  return { ...context, stream, dlqStream: `${stream}_dlq`, publish, relay };
}
