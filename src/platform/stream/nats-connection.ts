import {
  type ConsumerConfig,
  type JetStreamClient,
  type JetStreamManager,
  jetstreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

export interface JetStreamContext {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** Connects and checks that the server has JetStream. `url` may list several servers separated by commas. */
export async function connectJetStream(url: string, name: string): Promise<JetStreamContext> {
  const nc = await connect({ servers: url.split(','), name, maxReconnectAttempts: -1 });
  try {
    const jsm = await jetstreamManager(nc);
    return { nc, js: jsm.jetstream(), jsm };
  } catch (error) {
    await nc.close();
    throw error;
  }
}

/** Stops the consumers, then the outbox relay (nothing new to publish), then drains the connection. */
export async function closeJetStream(
  nc: NatsConnection,
  consumers: Iterable<{ stop(): Promise<void> }>,
  relay: { stop(): Promise<void> },
): Promise<void> {
  await Promise.all([...consumers].map((consumer) => consumer.stop()));
  await relay.stop();
  await nc.drain();
}

/** Creates the stream unless it exists (an existing stream keeps its configuration). */
export async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  try {
    await jsm.streams.add(config);
  } catch (error) {
    // Another process may have created it first, possibly with other limits: that one wins.
    await jsm.streams.info(config.name).catch(() => {
      throw error;
    });
  }
}

/** Creates the durable consumer, or updates the settings a later subscriber asked for (ack wait, deliveries). */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
) {
  try {
    await jsm.consumers.add(stream, config);
  } catch {
    const { ack_wait, max_deliver, max_ack_pending } = config;
    await jsm.consumers.update(stream, config.durable_name, { ack_wait, max_deliver, max_ack_pending });
  }
}

/** Messages on `subject` of a stream that allows direct get, oldest first. */
export async function readSubject(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
  limit: number,
): Promise<Uint8Array[]> {
  const found: Uint8Array[] = [];
  let seq = 0;
  while (found.length < limit) {
    const message = await jsm.direct.getMessage(stream, { seq, next_by_subj: subject });
    if (!message) break;
    found.push(message.data);
    seq = message.seq + 1;
  }
  return found;
}

/** Deletes every stream of a namespace (test runs clean up after themselves). */
export async function dropNamespace(jsm: JetStreamManager, namespace: string): Promise<void> {
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(`${namespace}_`)) await jsm.streams.delete(name);
  }
}
