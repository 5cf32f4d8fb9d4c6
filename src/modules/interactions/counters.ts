import type { Cache } from '../../platform/cache/cache.ts';
import type { Database } from '../../platform/db/database.ts';
import type { VideoEngagement } from '../videos/stats.ts';
import { CounterBuffer } from './counter-buffer.ts';
import { COUNTER_FIELDS, CounterStore } from './counter-store.ts';

export type CounterChange =
  | { subject: `v:${string}`; field: (typeof COUNTER_FIELDS)['v'][number]; by: number }
  | { subject: `u:${string}`; field: (typeof COUNTER_FIELDS)['u'][number]; by: number }
  | { subject: `c:${string}`; field: (typeof COUNTER_FIELDS)['c'][number]; by: number };

/** Flush passes take at most this many dirty subjects. */
export const FLUSH_BATCH = 500;

const atLeastZero = (value: number) => Math.max(0, value);

/**
 * The interactions module's counters: a change is acknowledged from the buffer at once and reaches the store with
 * the next flush; every count shown is the stored value plus what is still buffered.
 */
export class InteractionCounters {
  readonly #db: Database;
  readonly #store: CounterStore;
  readonly #buffer: CounterBuffer;

  constructor(db: Database, cache: Cache) {
    this.#db = db;
    this.#store = new CounterStore(db);
    this.#buffer = new CounterBuffer(cache, { fields: COUNTER_FIELDS, prefix: 'counters:', batchSize: FLUSH_BATCH });
  }

  async change(changes: readonly CounterChange[]): Promise<void> {
    await Promise.all(changes.map((change) => this.#buffer.add(change.subject, change.field, change.by)));
  }

  async videoCounts(videoIds: readonly string[]): Promise<Map<string, VideoEngagement>> {
    if (videoIds.length === 0) return new Map();
    const { stored, pending } = await this.#buffer.settled(
      videoIds.map((id) => `v:${id}`),
      () => this.#store.videoCounts(videoIds),
    );
    const counts = new Map<string, VideoEngagement>();
    for (const [id, base] of stored) {
      const delta = pending.get(`v:${id}`) ?? {};
      counts.set(id, {
        likes: atLeastZero(base.likes + (delta.likes ?? 0)),
        comments: atLeastZero(base.comments + (delta.comments ?? 0)),
        shares: atLeastZero(base.shares + (delta.shares ?? 0)),
        saves: atLeastZero(base.saves + (delta.saves ?? 0)),
      });
    }
    return counts;
  }

  async creatorLikes(userId: string): Promise<number> {
    const { stored, pending } = await this.#buffer.settled([`u:${userId}`], () => this.#store.creatorLikes(userId));
    return atLeastZero(stored + (pending.get(`u:${userId}`)?.likes ?? 0));
  }

  /** Comment counts as shown: the stored columns plus the buffered deltas (0 for a comment deleted meanwhile). */
  async commentCounts(commentIds: readonly string[]): Promise<Map<string, { likes: number; replies: number }>> {
    if (commentIds.length === 0) return new Map();
    const { stored, pending } = await this.#buffer.settled(
      commentIds.map((id) => `c:${id}`),
      () => this.#store.commentCounts(commentIds),
    );
    return new Map(
      commentIds.map((id) => {
        const base = stored.get(id) ?? { likes: 0, replies: 0 };
        const delta = pending.get(`c:${id}`) ?? {};
        return [
          id,
          {
            likes: atLeastZero(base.likes + (delta.likes ?? 0)),
            replies: atLeastZero(base.replies + (delta.replies ?? 0)),
          },
        ];
      }),
    );
  }

  /** The stored and the still-buffered part of a video's counts, for tests, benchmarks and operators. */
  async videoCounterState(videoId: string): Promise<{ stored: VideoEngagement; pending: VideoEngagement }> {
    const { stored, pending } = await this.#buffer.settled([`v:${videoId}`], () => this.#store.videoCounts([videoId]));
    const delta = pending.get(`v:${videoId}`) ?? {};
    return {
      stored: stored.get(videoId) ?? { likes: 0, comments: 0, shares: 0, saves: 0 },
      pending: {
        likes: delta.likes ?? 0,
        comments: delta.comments ?? 0,
        shares: delta.shares ?? 0,
        saves: delta.saves ?? 0,
      },
    };
  }

  /** One flush pass; returns the dirty-log slots it consumed. */
  flushOnce(): Promise<number> {
    return this.#buffer.flush((batch) => this.#db.transaction((tx) => new CounterStore(tx).apply(batch)));
  }
}
