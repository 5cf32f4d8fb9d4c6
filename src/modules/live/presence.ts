import { LIVE_ROOM } from '../../config.ts';
import type { Cache } from '../../platform/cache/cache.ts';

const windowKey = (streamId: string, window: number) => `live:viewers:${streamId}:${window}`;

/**
 * How many watch a stream, across nodes, surviving a node's death: time is cut into windows of
 * LIVE_ROOM.presenceBucketMs, every node with members in the room adds its count to the current window's counter
 * once, and the total of the window just past is the count now. A node that died adds nothing from its next window
 * on. An account with sockets on two nodes counts twice.
 */
export class Presence {
  readonly #cache: Cache;

  constructor(cache: Cache) {
    this.#cache = cache;
  }

  windowAt(time: number): number {
    return Math.floor(time / LIVE_ROOM.presenceBucketMs);
  }

  /** How far into its window `time` is, 0 to 1. */
  phaseAt(time: number): number {
    return (time % LIVE_ROOM.presenceBucketMs) / LIVE_ROOM.presenceBucketMs;
  }

  async add(streamId: string, window: number, viewers: number): Promise<void> {
    await this.#cache.incrBy(windowKey(streamId, window), viewers, LIVE_ROOM.presenceBucketMs * 5);
  }

  /** The total of `window`, complete once it is over. */
  async total(streamId: string, window: number): Promise<number> {
    return Number(await this.#cache.get(windowKey(streamId, window))) || 0;
  }

  /** Viewers now: the total of the window just past. */
  now(streamId: string): Promise<number> {
    return this.total(streamId, this.windowAt(Date.now()) - 1);
  }
}
