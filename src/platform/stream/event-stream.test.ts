import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/support/services.ts';
import type { Database } from '../db/database.ts';
import { createEmbeddedEventStream } from './embedded-event-stream.ts';
import { type DomainEvent, type EventStream, type SubscribeOptions, untypedEvent } from './events.ts';
import { createNatsEventStream } from './nats-event-stream.ts';
import type { InspectableEventStream } from './stream-common.ts';
import {
  adapterVariants,
  dropTestNamespace,
  eventually,
  gate,
  NEVER_POLL_MS,
  openAllGates,
  sleep,
} from './stream-test-support.ts';

interface Harness {
  db: Database;
  stream: InspectableEventStream;
  /** Another adapter instance on the same store: a restarted process. */
  reopen(): Promise<InspectableEventStream>;
  dispose(): Promise<void>;
}

function harness(
  store: TestDatabase,
  create: () => Promise<InspectableEventStream>,
  cleanup: () => Promise<void> = async () => {},
) {
  return async (): Promise<Harness> => {
    const opened: InspectableEventStream[] = [await create()];
    return {
      db: store.db,
      stream: opened[0] as InspectableEventStream,
      async reopen() {
        const stream = await create();
        opened.push(stream);
        return stream;
      },
      async dispose() {
        await Promise.all(opened.map((stream) => stream.close()));
        await cleanup();
        await store.dispose();
      },
    };
  };
}

/** What the streams under test logged: a dead letter must say so in the log, not only in its store. */
const logged: Array<{ level: 'warn' | 'error'; obj: object; msg: string }> = [];
const streamLog = {
  warn: (obj: object, msg: string) => logged.push({ level: 'warn', obj, msg }),
  error: (obj: object, msg: string) => logged.push({ level: 'error', obj, msg }),
};

function variants() {
  return adapterVariants<Harness>({
    embedded: (store, pollIntervalMs) =>
      harness(store, async () =>
        createEmbeddedEventStream({
          db: store.db,
          pollIntervalMs,
          maxInFlight: 4,
          upkeepIntervalMs: 200,
          log: streamLog,
        }),
      )(),
    nats: (store, url, namespace) =>
      harness(
        store,
        () => createNatsEventStream({ url, db: store.db, namespace, maxInFlight: 4, log: streamLog }),
        () => dropTestNamespace(url, namespace),
      )(),
  });
}

/** A member that records each event it takes and never finishes one until `stuck` opens: a hung process. */
async function hungMember(stream: EventStream, group: string, types: string[], options: SubscribeOptions) {
  const stuck = gate();
  const seen: string[] = [];
  const member = await stream.subscribe(
    group,
    types,
    async (event) => {
      seen.push(event.id);
      await stuck.opened;
    },
    options,
  );
  return { seen, member, stuck };
}

describe.each(variants())('event stream contract: $name', ({ open }) => {
  let h: Harness | undefined;
  afterEach(async () => {
    openAllGates();
    await h?.dispose();
    h = undefined;
  });

  it('delivers the subscribed types to a group, with their data', async () => {
    h = await open();
    await h.stream.ping();
    const seen: DomainEvent[] = [];
    await h.stream.subscribe('feed', ['VideoLiked'], async (event) => {
      seen.push(event);
    });
    const liked = untypedEvent('VideoLiked', { videoId: 'v1', userId: 'u1' });
    await h.stream.publish(untypedEvent('UserFollowed', { followee: 'u2' }));
    await h.stream.publish(liked);
    await vi.waitFor(() => expect(seen).toEqual([liked]), eventually);
  });

  it('gives every group every event', async () => {
    h = await open();
    const byGroup: Record<string, string[]> = { feed: [], search: [] };
    for (const group of ['feed', 'search']) {
      await h.stream.subscribe(group, ['VideoReady', 'VideoRemoved'], async (event) => {
        byGroup[group]?.push(event.id);
      });
    }
    const events = [untypedEvent('VideoReady', { n: 1 }), untypedEvent('VideoRemoved', { n: 2 })];
    for (const event of events) await h.stream.publish(event);
    const ids = events.map((event) => event.id).sort();
    await vi.waitFor(() => {
      expect([...(byGroup.feed ?? [])].sort()).toEqual(ids);
      expect([...(byGroup.search ?? [])].sort()).toEqual(ids);
    }, eventually);
  });

  it('splits a group between its members without duplicates', async () => {
    h = await open();
    const received = { a: [] as string[], b: [] as string[] };
    const bothBusy = gate();
    // Each member holds at most 4 events (maxInFlight), so the 5th must reach the other member.
    const member = (name: 'a' | 'b') => async (event: DomainEvent) => {
      received[name].push(event.id);
      if (received.a.length > 0 && received.b.length > 0) bothBusy.open();
      await bothBusy.opened;
    };
    await h.stream.subscribe('indexer', ['Commented'], member('a'), { ackTimeoutMs: 30_000 });
    await h.stream.subscribe('indexer', ['Commented'], member('b'), { ackTimeoutMs: 30_000 });
    const events = Array.from({ length: 12 }, (_, n) => untypedEvent('Commented', { n }));
    for (const event of events) await h.stream.publish(event);
    await vi.waitFor(() => expect(received.a.length + received.b.length).toBe(12), eventually);
    const all = [...received.a, ...received.b];
    expect(new Set(all)).toEqual(new Set(events.map((event) => event.id)));
    expect(received.a.length).toBeGreaterThan(0);
    expect(received.b.length).toBeGreaterThan(0);
  });

  it('is caught up only once every group has handled every event published', async () => {
    h = await open();
    const stream = h.stream;
    await vi.waitFor(async () => expect(await stream.caughtUp()).toBe(true), eventually);
    const { seen, stuck } = await hungMember(stream, 'slow', ['Watched'], { ackTimeoutMs: 30_000 });
    const done: string[] = [];
    await stream.subscribe('quick', ['Watched'], async (event) => void done.push(event.id));
    const event = untypedEvent('Watched', { videoId: 'v1' });
    await stream.publish(event);
    await vi.waitFor(() => expect([seen, done]).toEqual([[event.id], [event.id]]), eventually);
    expect(await stream.caughtUp()).toBe(false);
    stuck.open();
    await vi.waitFor(async () => expect(await stream.caughtUp()).toBe(true), eventually);
  });

  it('redelivers an event whose handler threw', async () => {
    h = await open();
    const attempts: string[] = [];
    await h.stream.subscribe('counters', ['Liked'], async (event) => {
      attempts.push(event.id);
      if (attempts.length === 1) throw new Error('database blip');
    });
    const event = untypedEvent('Liked', { videoId: 'v1' });
    await h.stream.publish(event);
    await vi.waitFor(() => expect(attempts).toEqual([event.id, event.id]), eventually);
  });

  it('hands an event a dead member never acknowledged to another member after the ack timeout', async () => {
    h = await open();
    const { seen: first, member, stuck } = await hungMember(h.stream, 'notifier', ['GiftSent'], { ackTimeoutMs: 500 });
    const second: string[] = [];
    const event = untypedEvent('GiftSent', { amount: 5 });
    await h.stream.publish(event);
    await vi.waitFor(() => expect(first).toEqual([event.id]), eventually);
    const stopping = member.stop(); // takes nothing more; its handler stays stuck like a dead process
    await h.stream.subscribe('notifier', ['GiftSent'], async (e) => void second.push(e.id), { ackTimeoutMs: 500 });
    await vi.waitFor(() => expect(second).toEqual([event.id]), eventually);
    stuck.open();
    await stopping;
  });

  it('dead-letters an event after maxDeliveries failed deliveries', async () => {
    h = await open();
    let calls = 0;
    await h.stream.subscribe(
      'poisoned',
      ['Shared'],
      async () => {
        calls += 1;
        throw new Error(`cannot handle (${calls})`);
      },
      { maxDeliveries: 3, ackTimeoutMs: 2_000 },
    );
    const event = untypedEvent('Shared', { videoId: 'v9' });
    await h.stream.publish(event);
    const stream = h.stream;
    await vi.waitFor(async () => expect(await stream.deadLetters('poisoned')).toHaveLength(1), eventually);
    const [letter] = await stream.deadLetters('poisoned');
    expect(letter).toMatchObject({ group: 'poisoned', event, deliveries: 3, lastError: 'cannot handle (3)' });
    expect(calls).toBe(3);
    const notes = logged.filter((entry) => JSON.stringify(entry.obj).includes(event.id));
    expect(notes.filter((entry) => entry.msg === 'event handler failed')).toHaveLength(3);
    expect(notes.filter((entry) => entry.level === 'error' && /dead-lettered/.test(entry.msg))).toHaveLength(1);
  });

  it('dead-letters an event whose last delivery timed out', async () => {
    h = await open();
    const slow = { maxDeliveries: 1, ackTimeoutMs: 300 };
    const { seen: calls, stuck } = await hungMember(h.stream, 'slow', ['Viewed'], slow);
    const event = untypedEvent('Viewed', { ms: 1200 });
    await h.stream.publish(event);
    const stream = h.stream;
    await vi.waitFor(async () => expect(await stream.deadLetters('slow')).toHaveLength(1), eventually);
    const [letter] = await stream.deadLetters('slow');
    expect(letter).toMatchObject({ event, deliveries: 1 });
    expect(letter?.lastError).toMatch(/ack timeout/);
    expect(calls).toHaveLength(1);
    stuck.open();
  });

  it('delivers an event published in a committed transaction and never one from a rolled-back transaction', async () => {
    h = await open();
    const { db, stream } = h;
    const seen: string[] = [];
    await stream.subscribe('outbox', ['Purchased'], async (event) => void seen.push(event.id));
    const rolledBack = untypedEvent('Purchased', { order: 'o1' });
    const committed = untypedEvent('Purchased', { order: 'o2' });
    await expect(
      db.transaction(async (tx) => {
        await stream.publish(rolledBack, tx);
        throw new Error('payment declined');
      }),
    ).rejects.toThrow('payment declined');
    await db.transaction((tx) => stream.publish(committed, tx));
    await vi.waitFor(() => expect(seen).toContain(committed.id), eventually);
    expect(seen).toEqual([committed.id]);
  });

  it('starts a new group from the oldest retained event', async () => {
    h = await open();
    const earlier = [untypedEvent('VideoUploaded', { n: 1 }), untypedEvent('VideoUploaded', { n: 2 })];
    for (const event of earlier) await h.stream.publish(event);
    const seen: string[] = [];
    await h.stream.subscribe('late-joiner', ['VideoUploaded'], async (event) => void seen.push(event.id));
    await vi.waitFor(() => expect([...seen].sort()).toEqual(earlier.map((e) => e.id).sort()), eventually);
  });

  it('starts a new group at startAt when asked, while an existing group keeps its place', async () => {
    h = await open();
    const stream = h.stream;
    const before = untypedEvent('VideoUploaded', { n: 1 });
    await stream.publish(before);
    const early: string[] = [];
    const existing = await stream.subscribe('existing', ['VideoUploaded'], async (event) => void early.push(event.id));
    await vi.waitFor(() => expect(early).toEqual([before.id]), eventually);
    await existing.stop();
    await sleep(100);
    const cut = new Date();
    await sleep(100);
    const after = untypedEvent('VideoUploaded', { n: 2 });
    await stream.publish(after);

    const fromCut: string[] = [];
    await stream.subscribe('from-cut', ['VideoUploaded'], async (event) => void fromCut.push(event.id), {
      startAt: cut,
    });
    const rejoined: string[] = [];
    await stream.subscribe('existing', ['VideoUploaded'], async (event) => void rejoined.push(event.id), {
      startAt: new Date(),
    });
    await vi.waitFor(() => expect(fromCut).toEqual([after.id]), eventually);
    await vi.waitFor(() => expect(rejoined).toEqual([after.id]), eventually);
  });

  it('drops a group with an idle expiry once no member is subscribed, and keeps the others', async () => {
    h = await open();
    const stream = h.stream;
    const ignore = async () => {};
    await (await stream.subscribe('lasting', ['VideoUploaded'], ignore)).stop();
    const member = await stream.subscribe('one-process', ['VideoUploaded'], ignore, { idleExpiryMs: 1500 });
    expect(await stream.groups()).toEqual(['lasting', 'one-process']);
    // Subscribed members keep it alive past its expiry.
    await sleep(3000);
    expect(await stream.groups()).toContain('one-process');
    await member.stop();
    await vi.waitFor(async () => expect(await stream.groups()).toEqual(['lasting']), eventually);
  });

  it('delivers events left unacknowledged by a stopped process after a restart', async () => {
    h = await open();
    const { seen: before, stuck } = await hungMember(h.stream, 'trending', ['Viewed'], { ackTimeoutMs: 500 });
    const events = [untypedEvent('Viewed', { n: 1 }), untypedEvent('Viewed', { n: 2 })];
    for (const event of events) await h.stream.publish(event);
    await vi.waitFor(() => expect(before.length).toBeGreaterThan(0), eventually);
    const closing = h.stream.close(); // its handlers never finish: as good as a crash

    const restarted = await h.reopen();
    const after: string[] = [];
    await restarted.subscribe('trending', ['Viewed'], async (event) => void after.push(event.id), {
      ackTimeoutMs: 500,
    });
    await vi.waitFor(() => expect([...after].sort()).toEqual(events.map((e) => e.id).sort()), eventually);
    stuck.open();
    await closing;
  });
});

describe('embedded event log', () => {
  it('wakes a consumer when the transaction that published its event commits, with no poll to find it', async () => {
    const store = await openTestDatabase('pglite');
    const stream = createEmbeddedEventStream({ db: store.db, pollIntervalMs: NEVER_POLL_MS });
    try {
      const seen: string[] = [];
      await stream.subscribe('woken', ['Tick'], async (event) => void seen.push(event.id));
      const first = untypedEvent('Tick', { n: 1 });
      await stream.publish(first);
      // Well within any poll: only the wake can deliver these.
      const soon = { timeout: 5_000, interval: 20 };
      await vi.waitFor(() => expect(seen).toEqual([first.id]), soon);
      const inTransaction = untypedEvent('Tick', { n: 2 });
      await store.db.transaction(async (tx) => {
        await stream.publish(inTransaction, tx);
        await tx.query('select 1');
      });
      await vi.waitFor(() => expect(seen).toEqual([first.id, inTransaction.id]), soon);
    } finally {
      await stream.close();
      await store.dispose();
    }
  });

  it('keeps its place when transaction ids gain a digit', async () => {
    const store = await openTestDatabase('pglite');
    const stream = createEmbeddedEventStream({ db: store.db, pollIntervalMs: 20 });
    try {
      const current = async () =>
        Number((await store.db.query<{ x: string }>('select pg_current_xact_id()::text as x')).rows[0]?.x);
      const boundary = 10 ** String(await current()).length;
      while ((await current()) < boundary - 6) {}
      const seen: string[] = [];
      await stream.subscribe('digits', ['Tick'], async (event) => void seen.push(event.id));
      const events = Array.from({ length: 12 }, (_, n) => untypedEvent('Tick', { n }));
      for (const event of events) await stream.publish(event);
      expect(await current()).toBeGreaterThan(boundary);
      const sentinel = untypedEvent('Tick', { last: true });
      await stream.publish(sentinel);
      await vi.waitFor(() => expect(seen).toContain(sentinel.id), eventually);
      // Ordered as text, a cursor at xid 1000 would sort before 998 and hand the later events out again and again.
      expect([...seen].sort()).toEqual([...events, sentinel].map((event) => event.id).sort());
    } finally {
      await stream.close();
      await store.dispose();
    }
  });
});
