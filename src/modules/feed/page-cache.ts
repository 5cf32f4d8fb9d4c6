import type { Cache } from '../../platform/cache/cache.ts';

/** How long one computation serves: the reference design's 60 s. */
export const RANKED_LIST_TTL_MS = 60_000;

/** One computation of the For You feed (~50 ranked ids) being paged through. */
export interface RankedList {
  id: string;
  items: string[];
  reasons: string[];
  /** Another computation would find more candidates. */
  more: boolean;
  /** Where an uncursored request continues (signed-in viewers). */
  next: number;
  createdAt: number;
}

/**
 * Ranked lists in the cache port, so any api node can serve the next page. A signed-in viewer has one current list
 * (key by user: a strong signal deletes it); a visitor's lists are keyed by list id (their cursor names it).
 */
export class PageCache {
  readonly #cache: Cache;

  constructor(cache: Cache) {
    this.#cache = cache;
  }

  async get(owner: string): Promise<RankedList | null> {
    const raw = await this.#cache.get(key(owner));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as RankedList;
    } catch {
      return null;
    }
  }

  /** Keeps the list until 60 s after it was computed, however often it is paged. */
  async put(owner: string, list: RankedList): Promise<void> {
    const ttl = Math.round(RANKED_LIST_TTL_MS - (Date.now() - list.createdAt));
    if (ttl > 0) await this.#cache.set(key(owner), JSON.stringify(list), ttl);
  }

  delete(owner: string): Promise<void> {
    return this.#cache.delete(key(owner));
  }
}

const key = (owner: string) => `feed:fyp:${owner}`;
