import type { Database } from '../db/database.ts';
import type { DomainEvent, EventStream } from './events.ts';

/** Pino-compatible logger subset the stream adapters write to. */
export interface StreamLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLog: StreamLog = { warn() {}, error() {} };

export interface DeadLetteredEvent {
  group: string;
  event: DomainEvent;
  deliveries: number;
  lastError: string;
  failedAt: string;
}

/** Both event stream adapters also expose their dead-letter place (operators, tests). Oldest first. */
export interface InspectableEventStream extends EventStream {
  deadLetters(group: string, limit?: number): Promise<DeadLetteredEvent[]>;
  /** The consumer groups that exist now. */
  groups(): Promise<string[]>;
  /**
   * True when every group has handled (or dead-lettered) every event published so far, outbox included: what a
   * test or an operator waits for instead of a guessed delay.
   */
  caughtUp(): Promise<boolean>;
}

export const DEFAULT_ACK_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_DELIVERIES = 5;

// Names become NATS subject tokens and consumer names, so both adapters accept the same, safe set.
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const EVENT_TYPE = /^[A-Za-z0-9_]{1,64}(\.[A-Za-z0-9_]{1,64}){0,3}$/;

export function assertToken(kind: 'group' | 'queue' | 'namespace', name: string): void {
  if (!TOKEN.test(name)) throw new Error(`invalid ${kind} name ${JSON.stringify(name)}: use letters, digits, _ and -`);
}

export function assertEventType(type: string): void {
  if (!EVENT_TYPE.test(type)) {
    throw new Error(`invalid event type ${JSON.stringify(type)}: use letters, digits and _, optionally dot-separated`);
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export function backoffDelayMs(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}

/** Wait before a failed event is offered again, so a transient fault does not burn every delivery at once. */
export function redeliveryDelayMs(deliveries: number, ackTimeoutMs: number): number {
  return Math.min(ackTimeoutMs, 5_000, 100 * 2 ** Math.max(0, deliveries - 1));
}

/**
 * How often the embedded adapters poll for work nobody told them about. Publishes and enqueues in this process wake
 * their consumers once committed, so the poll only sees other processes' work: on PGlite there is none (one process
 * owns the data directory) and it is a slow safety net; on PostgreSQL other nodes' events arrive this late at most.
 */
export function fallbackPollMs(db: Database): number {
  return db.kind === 'pglite' ? 15_000 : 100;
}
