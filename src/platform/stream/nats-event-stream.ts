import { AckPolicy, DeliverPolicy, type JsMsg, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Database, SqlExecutor } from '../db/database.ts';
import type { DomainEvent, EventSubscription, SubscribeOptions } from './events.ts';
import { startJetStreamAdapter } from './jetstream-adapter.ts';
import { closeJetStream, ensureConsumer, readSubject } from './nats-connection.ts';
import { type FetchLoop, startFetchLoop } from './nats-fetch-loop.ts';
import { outboxWaiting, writeOutbox } from './outbox.ts';
import {
  assertEventType,
  assertToken,
  type DeadLetteredEvent,
  errorMessage,
  type InspectableEventStream,
  redeliveryDelayMs,
  type StreamLog,
  silentLog,
} from './stream-common.ts';
import { subscriptionSettings } from './subscription-settings.ts';

export interface NatsEventStreamOptions {
  url: string;
  /** Holds the outbox for `publish(event, tx)`. */
  db: Database;
  /** Prefix of every stream and subject (`looply` in production), so deployments and test runs never collide. */
  namespace: string;
  /** Events one consumer handles at once. */
  maxInFlight?: number;
  /** How often the outbox relay looks for committed rows. */
  outboxIntervalMs?: number;
  /** Age after which JetStream drops an event, handled or not. */
  retentionMs?: number;
  log?: StreamLog;
}

/**
 * Events on JetStream: stream `<ns>_events`, subject `<ns>.events.<type>`, one durable pull consumer per group and
 * type (`<group>__<type>`), so it works on servers without multi-filter consumers. Exhausted events are copied to
 * `<ns>.dlq.events.<group>` in stream `<ns>_events_dlq`.
 */
export async function createNatsEventStream(options: NatsEventStreamOptions): Promise<InspectableEventStream> {
  const ns = options.namespace;
  const log = options.log ?? silentLog;
  const maxInFlight = options.maxInFlight ?? 16;
  const adapter = await startJetStreamAdapter({
    ...options,
    kind: 'events',
    settings: {
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(options.retentionMs ?? 7 * 24 * 3_600_000),
    },
    log,
  });
  const { nc, js, jsm, stream, dlqStream, publish: publishMessage, relay } = adapter;
  const subscriptions = new Set<EventSubscription>();
  let closing: Promise<void> | undefined;

  const deadLetter = async (group: string, event: DomainEvent, deliveries: number, lastError: string) => {
    const letter: DeadLetteredEvent = { group, event, deliveries, lastError, failedAt: new Date().toISOString() };
    log.error(
      { group, event: { id: event.id, type: event.type }, deliveries, lastError },
      'event dead-lettered: its deliveries ran out; the rest go on',
    );
    await js.publish(`${ns}.dlq.events.${group}`, JSON.stringify(letter), { msgID: `${group}:${event.id}` });
  };

  return {
    kind: 'nats',

    async publish(event: DomainEvent, tx?: SqlExecutor) {
      assertEventType(event.type);
      const message = {
        stream,
        subject: `${ns}.events.${event.type}`,
        msgId: event.id,
        headers: {},
        body: JSON.stringify(event),
      };
      if (!tx) return publishMessage(message);
      await writeOutbox(tx, message);
      tx.afterCommit(() => relay.wake());
    },

    async subscribe(group, types, handler, subscribeOptions: SubscribeOptions = {}) {
      const settings = subscriptionSettings(group, types, subscribeOptions);
      const { ackTimeoutMs, maxDeliveries, startAt, idleExpiryMs } = settings;

      const handle = async (message: JsMsg) => {
        const deliveries = message.info.deliveryCount;
        let event: DomainEvent;
        try {
          event = message.json<DomainEvent>();
        } catch (error) {
          log.error({ err: error, group, seq: message.seq }, 'dropping a message that is not a JSON event');
          return message.term();
        }
        // The previous delivery was the last and its member never acknowledged it (see max_deliver below).
        if (deliveries > maxDeliveries) {
          await deadLetter(group, event, deliveries - 1, 'ack timeout: no member acknowledged it');
          message.term();
          return;
        }
        try {
          await handler(event);
        } catch (error) {
          log.warn(
            { err: error, group, event: { id: event.id, type: event.type }, deliveries },
            'event handler failed',
          );
          if (deliveries < maxDeliveries) return message.nak(redeliveryDelayMs(deliveries, ackTimeoutMs));
          await deadLetter(group, event, deliveries, errorMessage(error));
          message.term();
          return;
        }
        message.ack();
      };

      const loops: FetchLoop[] = [];
      for (const type of types) {
        const durable = `${group}__${type.replaceAll('.', '-')}`;
        await ensureConsumer(jsm, stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          ...(startAt
            ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: startAt.toISOString() }
            : { deliver_policy: DeliverPolicy.All }),
          ...(idleExpiryMs ? { inactive_threshold: nanos(idleExpiryMs) } : {}),
          filter_subject: `${ns}.events.${type}`,
          ack_wait: nanos(ackTimeoutMs),
          // One delivery more than allowed: a member receiving it dead-letters the event, so an event whose last
          // delivery timed out still reaches the dead-letter stream instead of being dropped by the server.
          max_deliver: maxDeliveries + 1,
          max_ack_pending: 10_000,
        });
        const consumer = await js.consumers.get(stream, durable);
        loops.push(
          startFetchLoop({
            consumer,
            slots: maxInFlight,
            run: handle,
            onError: (error) => log.error({ err: error, group, type }, 'event delivery failed'),
          }),
        );
      }
      let stopping: Promise<void> | undefined;
      const subscription: EventSubscription = {
        stop() {
          stopping ??= Promise.all(loops.map((loop) => loop.stop())).then(() => {
            subscriptions.delete(subscription);
          });
          return stopping;
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },

    async deadLetters(group, limit = 100) {
      assertToken('group', group);
      const found = await readSubject(jsm, dlqStream, `${ns}.dlq.events.${group}`, limit);
      return found.map((data) => JSON.parse(new TextDecoder().decode(data)) as DeadLetteredEvent);
    },

    async groups() {
      const names = new Set<string>();
      for await (const consumer of await jsm.consumers.list(stream)) {
        names.add(consumer.name.slice(0, consumer.name.lastIndexOf('__')));
      }
      return [...names].sort();
    },

    async caughtUp() {
      if (await outboxWaiting(options.db, stream)) return false;
      for await (const consumer of await jsm.consumers.list(stream)) {
        if (consumer.num_pending > 0 || consumer.num_ack_pending > 0) return false;
      }
      return true;
    },

    async ping() {
      await jsm.getAccountInfo();
    },

    close() {
      closing ??= closeJetStream(nc, subscriptions, relay);
      return closing;
    },
  };
}
