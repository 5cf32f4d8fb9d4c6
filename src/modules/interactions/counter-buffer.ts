import type { Cache } from '../../platform/cache/cache.ts';

/** Deltas of one subject by field, e.g. `{ likes: 3, comments: -1 }`. */
export type Deltas = Record<string, number>;

export interface CounterBufferOptions {
  /** The fields of each kind of subject. A subject is named `<kind>:<id>`. */
  fields: Record<string, readonly string[]>;
  /** Prefix of this buffer's cache keys. */
  prefix?: string;
  /** Dirty-log slots one flush pass takes at most. */
  batchSize?: number;
  /** A slot numbered but still empty may be a writer between its two steps: it gets this long before it is skipped. */
  emptySlotGraceMs?: number;
}

/** A dirty mark expires, so a subject whose log slot was lost (a writer died mid-way) is logged again later. */
const MARK_TTL_MS = 60_000;
/** Slots nobody flushes (no worker running) do not pile up forever. */
const SLOT_TTL_MS = 24 * 3_600_000;
/** Only one flusher passes at a time; a flusher that died frees the lease after this. */
const LEASE_TTL_MS = 30_000;
/** Flush-window counters of subjects not flushed for this long are dropped (a missing one reads as closed). */
const WINDOW_TTL_MS = 24 * 3_600_000;
/**
 * A read that overlaps a flush window (one transaction, milliseconds) tries again this far apart; after waiting this
 * long in all (a flusher died inside its window) it settles for what it read.
 */
const READ_RETRY_MS = 3;
const READ_PATIENCE_MS = 250;

/**
 * Counter increments buffered in the cache and flushed to the store in batches.
 *
 * Each change adds to a pending counter (`incrBy`) and marks its subject dirty. The first mark since the last
 * flush appends the subject to a dirty log: numbered slots, `head` counting the slots written, `tail` how far the
 * flusher got. A flush takes each dirty subject's mark and then its pending counters with `takeCounter` (read and
 * delete in one step), so every increment is taken exactly once however writers and flushers interleave: an
 * increment that lands after its subject's mark was taken marks the subject again.
 *
 * Between taking a subject's deltas and committing them a flush holds the subject's window open (a counter that is
 * odd while open, a seqlock): `settled()` reads the stored value and the pending deltas between two looks at that
 * counter and reads again when a flush moved the deltas meanwhile, so stored + pending is exact at every moment.
 */
export class CounterBuffer {
  readonly #cache: Cache;
  readonly #fields: Record<string, readonly string[]>;
  readonly #prefix: string;
  readonly #batchSize: number;
  readonly #emptySlotGraceMs: number;
  /** Slots this flusher found empty, and since when. */
  readonly #emptySince = new Map<number, number>();

  constructor(cache: Cache, options: CounterBufferOptions) {
    this.#cache = cache;
    this.#fields = options.fields;
    this.#prefix = options.prefix ?? 'ctr:';
    this.#batchSize = options.batchSize ?? 500;
    this.#emptySlotGraceMs = options.emptySlotGraceMs ?? 2_000;
  }

  /** Adds `by` to a subject's field; returns the field's pending delta after the addition. */
  async add(subject: string, field: string, by: number): Promise<number> {
    if (!this.#fieldsOf(subject).includes(field)) throw new Error(`${subject} has no counter field ${field}`);
    const pending = await this.#cache.incrBy(this.#pendingKey(subject, field), by);
    await this.#markDirty(subject);
    return pending;
  }

  /**
   * The stored values (read by `readStored`) and the pending deltas of `subjects`, read while no flush moved deltas
   * of theirs from one to the other, so their sum is what a reader should show.
   */
  async settled<T>(
    subjects: readonly string[],
    readStored: () => Promise<T>,
  ): Promise<{ stored: T; pending: Map<string, Deltas> }> {
    const giveUpAt = performance.now() + READ_PATIENCE_MS;
    for (;;) {
      const before = await this.#windows(subjects);
      const [stored, pending] = await Promise.all([readStored(), this.pending(subjects)]);
      const after = await this.#windows(subjects);
      const steady = before.every((value, i) => value % 2 === 0 && value === after[i]);
      if (steady || performance.now() >= giveUpAt) return { stored, pending };
      await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS));
    }
  }

  /** The deltas not yet flushed, per subject and field (0 when none). */
  async pending(subjects: readonly string[]): Promise<Map<string, Deltas>> {
    const unique = [...new Set(subjects)];
    const values = await Promise.all(
      unique.map(async (subject) => {
        const fields = this.#fieldsOf(subject);
        const raw = await Promise.all(fields.map((field) => this.#cache.get(this.#pendingKey(subject, field))));
        return Object.fromEntries(fields.map((field, i) => [field, Number(raw[i] ?? 0)])) as Deltas;
      }),
    );
    return new Map(unique.map((subject, i) => [subject, values[i] as Deltas]));
  }

  /**
   * One flush pass over up to `batchSize` dirty subjects: takes their deltas and hands the non-zero ones to `apply`
   * (which should write them in one transaction). When `apply` fails the deltas go back into the buffer.
   * Returns how many log slots the pass consumed; 0 when there was nothing to do or another flusher holds the lease.
   */
  async flush(apply: (batch: Map<string, Deltas>) => Promise<void>): Promise<number> {
    const lease = this.#key('lease');
    if ((await this.#cache.incrBy(lease, 1, LEASE_TTL_MS)) !== 1) return 0;
    try {
      const { subjects, consumedTo, from } = await this.#readLog();
      await Promise.all([...subjects].map((subject) => this.#openWindow(subject)));
      try {
        const batch = await this.#take(subjects);
        try {
          if (batch.size > 0) await apply(batch);
        } catch (error) {
          await this.#restore(batch);
          throw error;
        }
      } finally {
        await Promise.all(
          [...subjects].map((subject) => this.#cache.incrBy(this.#key('window', subject), 1, WINDOW_TTL_MS)),
        );
        await this.#advance(from, consumedTo);
      }
      return consumedTo - from;
    } finally {
      await this.#cache.delete(lease);
    }
  }

  /** Odd while a flush moves the subject's deltas. An even value here means a flusher died inside: close it first. */
  async #openWindow(subject: string): Promise<void> {
    const key = this.#key('window', subject);
    if ((await this.#cache.incrBy(key, 1, WINDOW_TTL_MS)) % 2 === 0) await this.#cache.incrBy(key, 1);
  }

  async #windows(subjects: readonly string[]): Promise<number[]> {
    const values = await Promise.all(subjects.map((subject) => this.#cache.get(this.#key('window', subject))));
    return values.map((value) => Number(value ?? 0));
  }

  async #markDirty(subject: string): Promise<void> {
    if ((await this.#cache.incrBy(this.#key('mark', subject), 1, MARK_TTL_MS)) !== 1) return;
    const slot = await this.#cache.incrBy(this.#key('log', 'head'), 1);
    await this.#cache.set(this.#key('log', String(slot)), subject, SLOT_TTL_MS);
  }

  /** Reads slots after the tail up to the first one that is empty but may still be filled. */
  async #readLog(): Promise<{ subjects: Set<string>; from: number; consumedTo: number }> {
    const [head, tail] = await Promise.all([
      this.#cache.get(this.#key('log', 'head')),
      this.#cache.get(this.#key('log', 'tail')),
    ]);
    const from = Number(tail ?? 0);
    const end = Math.min(Number(head ?? 0), from + this.#batchSize);
    const slots = Array.from({ length: Math.max(0, end - from) }, (_, i) => from + 1 + i);
    const values = await Promise.all(slots.map((slot) => this.#cache.get(this.#key('log', String(slot)))));
    const subjects = new Set<string>();
    let consumedTo = from;
    const now = performance.now();
    for (const [i, slot] of slots.entries()) {
      const subject = values[i];
      if (subject === null || subject === undefined) {
        const since = this.#emptySince.get(slot) ?? now;
        this.#emptySince.set(slot, since);
        if (now - since < this.#emptySlotGraceMs) break;
      } else {
        subjects.add(subject);
      }
      consumedTo = slot;
    }
    return { subjects, from, consumedTo };
  }

  /** Mark first, counters second: an increment after the mark was taken marks the subject again. */
  async #take(subjects: Set<string>): Promise<Map<string, Deltas>> {
    const taken = await Promise.all(
      [...subjects].map(async (subject) => {
        await this.#cache.takeCounter(this.#key('mark', subject));
        const fields = this.#fieldsOf(subject);
        const values = await Promise.all(
          fields.map((field) => this.#cache.takeCounter(this.#pendingKey(subject, field))),
        );
        const deltas = Object.fromEntries(fields.map((field, i) => [field, values[i] ?? 0])) as Deltas;
        return [subject, deltas] as const;
      }),
    );
    return new Map(taken.filter(([, deltas]) => Object.values(deltas).some((value) => value !== 0)));
  }

  async #restore(batch: Map<string, Deltas>): Promise<void> {
    for (const [subject, deltas] of batch) {
      for (const [field, delta] of Object.entries(deltas)) {
        if (delta !== 0) await this.#cache.incrBy(this.#pendingKey(subject, field), delta);
      }
      await this.#markDirty(subject);
    }
  }

  async #advance(from: number, to: number): Promise<void> {
    if (to === from) return;
    await this.#cache.set(this.#key('log', 'tail'), String(to));
    const deletions: Promise<void>[] = [];
    for (let slot = from + 1; slot <= to; slot += 1) {
      this.#emptySince.delete(slot);
      deletions.push(this.#cache.delete(this.#key('log', String(slot))));
    }
    await Promise.all(deletions);
  }

  #fieldsOf(subject: string): readonly string[] {
    const fields = this.#fields[subject.slice(0, subject.indexOf(':'))];
    if (!fields) throw new Error(`no counter fields for subject ${JSON.stringify(subject)}`);
    return fields;
  }

  #pendingKey(subject: string, field: string): string {
    return this.#key('pending', subject, field);
  }

  #key(...parts: string[]): string {
    return `${this.#prefix}${parts.join(':')}`;
  }
}
