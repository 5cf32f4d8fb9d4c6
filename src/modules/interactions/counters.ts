import type { Database, SqlExecutor } from '../../platform/db/database.ts';
import type { VideoEngagement } from '../videos/stats.ts';
import { type CounterChange, CounterStore } from './counter-store.ts';

export type { CounterChange } from './counter-store.ts';

/** A flush pass folds at most this many deltas of each table; a full pass is followed at once by another. */
export const FLUSH_BATCH = 2_000;
/** A reconciliation pass looks at this many subjects per transaction. */
export const RECONCILE_BATCH = 500;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const atLeastZero = (value: number) => Math.max(0, value);

export interface ReconcileReport {
  videos: number;
  comments: number;
  creators: number;
}

/**
 * The interactions module's counters. A change is a delta row written in the transaction of the fact it counts, so
 * it is as durable as that fact; every count shown is the folded value plus the pending deltas, read in one
 * statement; a flush folds deltas in batches; a reconciliation rebuilds any count from the rows it counts.
 */
export class InteractionCounters {
  readonly #db: Database;
  readonly #store: CounterStore;
  readonly #recorded = new Set<() => void>();

  constructor(db: Database) {
    this.#db = db;
    this.#store = new CounterStore(db);
  }

  /** Records `changes` in `tx`, the transaction that stores the facts they count. */
  async record(tx: SqlExecutor, changes: readonly CounterChange[]): Promise<void> {
    if (changes.length === 0) return;
    await new CounterStore(tx).record(changes);
    tx.afterCommit(() => {
      for (const listener of this.#recorded) listener();
    });
  }

  /** Calls `listener` when deltas this process recorded are committed (a hint to flush soon); returns an unsubscribe. */
  onRecorded(listener: () => void): () => void {
    this.#recorded.add(listener);
    return () => this.#recorded.delete(listener);
  }

  async videoCounts(videoIds: readonly string[]): Promise<Map<string, VideoEngagement>> {
    if (videoIds.length === 0) return new Map();
    const counts = await this.#store.videoCounts(videoIds);
    for (const [id, count] of counts) {
      counts.set(id, {
        likes: atLeastZero(count.likes),
        comments: atLeastZero(count.comments),
        shares: atLeastZero(count.shares),
        saves: atLeastZero(count.saves),
      });
    }
    return counts;
  }

  async creatorLikes(userId: string): Promise<number> {
    return atLeastZero(await this.#store.creatorLikes(userId));
  }

  /** Like and reply counts of comments that still exist. */
  async commentCounts(commentIds: readonly string[]): Promise<Map<string, { likes: number; replies: number }>> {
    if (commentIds.length === 0) return new Map();
    const counts = await this.#store.commentCounts(commentIds);
    for (const [id, count] of counts) {
      counts.set(id, { likes: atLeastZero(count.likes), replies: atLeastZero(count.replies) });
    }
    return counts;
  }

  /** The folded and the still-pending part of a video's counts, for tests, benchmarks and operators. */
  videoCounterState(videoId: string): Promise<{ stored: VideoEngagement; pending: VideoEngagement }> {
    return this.#store.videoCounterState(videoId);
  }

  /**
   * One flush pass: folds up to `FLUSH_BATCH` deltas of each table in one transaction. Returns how many it folded;
   * 0 when there was nothing to fold or another node's pass holds the lock.
   */
  flushOnce(): Promise<number> {
    return this.#db.transaction(async (tx) => {
      const store = new CounterStore(tx);
      if (!(await store.tryLockCounters())) return 0;
      return (await store.foldVideoDeltas(FLUSH_BATCH)) + (await store.foldCommentDeltas(FLUSH_BATCH));
    });
  }

  /**
   * Sets every count to what the rows it counts say, in batches that each hold the flush lock; returns how many
   * videos, comments and creators had a wrong count.
   */
  async reconcile(): Promise<ReconcileReport> {
    const passes = {
      videos: (store: CounterStore, after: string) => store.reconcileVideos(after, RECONCILE_BATCH),
      comments: (store: CounterStore, after: string) => store.reconcileComments(after, RECONCILE_BATCH),
      // After the videos: a creator's total is the sum of their videos' counts.
      creators: (store: CounterStore, after: string) => store.reconcileCreators(after, RECONCILE_BATCH),
    };
    const report: ReconcileReport = { videos: 0, comments: 0, creators: 0 };
    for (const [name, pass] of Object.entries(passes) as Array<[keyof ReconcileReport, typeof passes.videos]>) {
      let after: string | null = NIL_UUID;
      while (after !== null) {
        const from: string = after;
        const result = await this.#db.transaction(async (tx) => {
          const store = new CounterStore(tx);
          await store.lockCounters();
          return pass(store, from);
        });
        report[name] += result.corrected;
        after = result.last;
      }
    }
    return report;
  }
}
