import type { Database, SqlExecutor } from '../db/database.ts';
import {
  ackEvents,
  appendEvent,
  backlog,
  claimEvents,
  type Delivery,
  dropIdleGroups,
  ensureGroup,
  listGroups,
  nackEvent,
  pendingWork,
  pruneEvents,
  readDeadLetters,
  touchGroup,
} from './embedded-event-log.ts';
import type { DomainEvent, EventSubscription, SubscribeOptions } from './events.ts';
import { GroupCommit } from './group-commit.ts';
import { type PollLoop, startPollLoop } from './poll-loop.ts';
import {
  assertEventType,
  errorMessage,
  fallbackPollMs,
  type InspectableEventStream,
  redeliveryDelayMs,
  type StreamLog,
  silentLog,
} from './stream-common.ts';
import { subscriptionSettings } from './subscription-settings.ts';

export interface EmbeddedEventStreamOptions {
  db: Database;
  /**
   * How often a subscription looks for events it was not told about: publishes in this process wake it once they
   * are committed, and a lease or retry delay ending wakes it then, so this only bounds how late it sees another
   * process's events. By default 15 s on PGlite (no other process can write to it) and 100 ms on PostgreSQL.
   */
  pollIntervalMs?: number;
  /** Events one subscription handles at once. */
  maxInFlight?: number;
  /** Events older than this leave the log, handled or not. */
  retentionMs?: number;
  /** How often the log is pruned and idle groups are dropped. */
  upkeepIntervalMs?: number;
  log?: StreamLog;
}

const UPKEEP_EVERY_MS = 60_000;

/**
 * The event stream kept in the relational store: an append-only `events` log, a cursor per consumer group and a
 * row per event in delivery (lease, count), so a restart loses nothing. All members of a group must subscribe to
 * the same types. Handlers run concurrently (up to `maxInFlight`), so events are not handled in order.
 */
export function createEmbeddedEventStream(options: EmbeddedEventStreamOptions): InspectableEventStream {
  const { db } = options;
  const log = options.log ?? silentLog;
  const pollIntervalMs = options.pollIntervalMs ?? fallbackPollMs(db);
  const maxInFlight = options.maxInFlight ?? 16;
  const retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000;
  /** Each subscription's loop and the types it takes: a publish wakes only the loops it concerns. */
  const loops = new Map<PollLoop, ReadonlySet<string>>();
  const heartbeats = new Set<ReturnType<typeof setInterval>>();
  let closed = false;

  const upkeepIntervalMs = options.upkeepIntervalMs ?? UPKEEP_EVERY_MS;
  const pruner = setInterval(() => {
    pruneEvents(db, retentionMs)
      .then(() => dropIdleGroups(db))
      .catch((error) => log.error({ err: error }, 'pruning the event log failed'));
  }, upkeepIntervalMs);
  pruner.unref();

  return {
    kind: 'embedded',

    async publish(event: DomainEvent, tx?: SqlExecutor) {
      assertEventType(event.type);
      const sql = tx ?? db;
      await appendEvent(sql, event);
      sql.afterCommit(() => {
        for (const [loop, types] of loops) if (types.has(event.type)) loop.wake();
      });
    },

    async subscribe(group, types, handler, subscribeOptions: SubscribeOptions = {}) {
      if (closed) throw new Error('event stream is closed');
      const settings = subscriptionSettings(group, types, subscribeOptions);
      const { ackTimeoutMs, maxDeliveries, startAt, idleExpiryMs } = settings;
      await ensureGroup(db, group, { startAt, idleExpiryMs });
      // Active members keep an expiring group alive; a process that dies stops touching it.
      const heartbeat = idleExpiryMs
        ? setInterval(
            () => touchGroup(db, group).catch((error) => log.error({ err: error, group }, 'touching a group failed')),
            Math.max(10, Math.min(idleExpiryMs / 3, upkeepIntervalMs)),
          )
        : undefined;
      if (heartbeat) {
        heartbeat.unref();
        heartbeats.add(heartbeat);
      }

      const acks = new GroupCommit<Delivery>((deliveries) => ackEvents(db, group, deliveries));
      const deliver = async (delivery: Delivery) => {
        try {
          await handler(delivery.event);
        } catch (error) {
          const { id, type } = delivery.event;
          log.warn({ err: error, group, event: { id, type }, deliveries: delivery.deliveries }, 'event handler failed');
          const retryInMs = redeliveryDelayMs(delivery.deliveries, ackTimeoutMs);
          await nackEvent(db, group, delivery, errorMessage(error), retryInMs);
          return;
        }
        await acks.add(delivery);
      };

      let flowing = false;
      const loop = startPollLoop<Delivery>({
        slots: maxInFlight,
        intervalMs: pollIntervalMs,
        take: async (free) => {
          // The read-only check keeps an idle group's polls cheap; while events flow it would only cost a statement.
          if (!flowing) {
            const pending = await pendingWork(db, group);
            if (!pending.ready) return { items: [], nextDueInMs: pending.nextDueInMs };
          }
          const claimed = await claimEvents(db, group, types, free, ackTimeoutMs, maxDeliveries);
          flowing = claimed.items.length > 0;
          for (const letter of claimed.deadLettered) {
            log.error({ group, event: letter }, 'event dead-lettered: its deliveries ran out; the rest go on');
          }
          return claimed;
        },
        run: deliver,
        onError: (error) => log.error({ err: error, group }, 'event delivery failed'),
      });
      loops.set(loop, new Set(types));
      let stopping: Promise<void> | undefined;
      return {
        stop() {
          if (heartbeat) {
            clearInterval(heartbeat);
            heartbeats.delete(heartbeat);
          }
          stopping ??= loop.stop().finally(() => loops.delete(loop));
          return stopping;
        },
      } satisfies EventSubscription;
    },

    deadLetters: (group, limit = 100) => readDeadLetters(db, group, limit),

    groups: () => listGroups(db),

    async caughtUp() {
      const { deliveries, unread } = await backlog(db);
      return deliveries === 0 && !unread;
    },

    ping: () => db.ping(),

    async close() {
      closed = true;
      clearInterval(pruner);
      for (const heartbeat of heartbeats) clearInterval(heartbeat);
      heartbeats.clear();
      await Promise.all([...loops.keys()].map((loop) => loop.stop()));
      loops.clear();
    },
  };
}
