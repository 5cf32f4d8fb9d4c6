import type { DomainEvent, EventStream } from '../../src/platform/stream/events.ts';

export interface RecordedEvent {
  type: string;
  data: unknown;
  /** Published with a transaction: stored atomically with the change it reports. */
  inTransaction: boolean;
}

/** An event stream that only records what was published, for service tests that check their events. */
export function recordingEvents(): EventStream & { published: RecordedEvent[]; take(): RecordedEvent[] } {
  const published: RecordedEvent[] = [];
  return {
    kind: 'embedded',
    published,
    take() {
      return published.splice(0, published.length);
    },
    async publish(event: DomainEvent, tx) {
      published.push({ type: event.type, data: event.data, inTransaction: tx !== undefined });
    },
    async subscribe() {
      throw new Error('the recording event stream does not deliver events');
    },
    async ping() {},
    async close() {},
  };
}
