import { randomUUID } from 'node:crypto';
import type { Static, TSchema } from 'typebox';
import type { SqlExecutor } from '../db/database.ts';
import { assertPayload, type DomainEvent, type EventDefinition } from './event-contract.ts';

export type { DomainEvent };

/**
 * An event of a producer's definition (see event-contract.ts); throws when `data` fails its schema. `occurredAt` is
 * now, except for events made up for tests and benchmarks.
 */
export function createEvent<S extends TSchema>(
  definition: EventDefinition<S>,
  data: Static<S>,
  occurredAt = new Date(),
): DomainEvent<Static<S>> {
  assertPayload(definition, data);
  return { ...untypedEvent(definition.type, data, definition.version), occurredAt: occurredAt.toISOString() };
}

/**
 * An event of any type with any payload, unchecked: for the stream's own tests, and for tests that hand consumers a
 * malformed event. Modules publish with createEvent.
 */
export function untypedEvent<T>(type: string, data: T, version = 1): DomainEvent<T> {
  return { id: randomUUID(), type, version, occurredAt: new Date().toISOString(), data };
}

export interface EventSubscription {
  /** Stops taking new events and waits for the handlers in flight. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  /** How long a delivered, unacknowledged event waits before it is redelivered (the consumer died). */
  ackTimeoutMs?: number;
  /** Deliveries before the event goes to the dead-letter place. */
  maxDeliveries?: number;
  /**
   * Where a group this call creates starts: the first event published at or after this time instead of the oldest
   * retained one. An existing group keeps its place.
   */
  startAt?: Date;
  /**
   * The group is deleted, with its place and pending deliveries, once no member has been subscribed for this long.
   * For groups of one process (named per process), which would otherwise pile up with every restart.
   */
  idleExpiryMs?: number;
}

/**
 * The event stream port. At-least-once: an event is acknowledged only after its handler resolves, so every
 * consumer must be idempotent (use `event.id`). A consumer group (`group`) is durable: a new group starts
 * from the oldest retained event, and each event reaches one member of the group.
 */
export interface EventStream {
  readonly kind: 'embedded' | 'nats';
  /** With `tx`, the event is stored in the same transaction as the state change (transactional outbox). */
  publish(event: DomainEvent, tx?: SqlExecutor): Promise<void>;
  subscribe(
    group: string,
    types: readonly string[],
    handler: (event: DomainEvent) => Promise<void>,
    options?: SubscribeOptions,
  ): Promise<EventSubscription>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
