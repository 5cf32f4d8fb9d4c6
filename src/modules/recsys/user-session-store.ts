import type { Cache } from '../../platform/cache/cache.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { SeenFilter } from './seen-filter.ts';

/** Signals kept per user in the shared session: enough to cover any node's event-stream lag. */
const RECENT_SIGNALS = 20;
const RECENT_TTL_MS = 10 * 60_000;
const SEEN_TTL_MS = 30 * 86_400_000;

export interface UserSession {
  seen: SeenFilter | null;
  /** The user's latest signals, oldest first, as the events themselves. */
  recent: DomainEvent[];
}

/**
 * A user's short-term state shared by every api node through the cache port (Redis at scale): the videos already
 * shown (a Bloom filter) and the latest signals. A node whose own event consumer lags, or that never served this
 * user, still sees a like given through another node within the time the shared consumer takes (well under 1 s).
 */
export class UserSessionStore {
  readonly #cache: Cache;
  /** Serialises read-modify-writes of one user's list on this node. */
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(cache: Cache) {
    this.#cache = cache;
  }

  async read(userId: string): Promise<UserSession> {
    const [seen, recent] = await Promise.all([this.#cache.get(seenKey(userId)), this.#cache.get(recentKey(userId))]);
    return { seen: seen ? decodeSeen(seen) : null, recent: recent ? parseRecent(recent) : [] };
  }

  writeSeen(userId: string, seen: SeenFilter): Promise<void> {
    return this.#cache.set(seenKey(userId), seen.encode(), SEEN_TTL_MS);
  }

  /** Appends a signal (once per event id); returns the list as it now stands. */
  appendSignal(userId: string, event: DomainEvent): Promise<DomainEvent[]> {
    return this.#serialised(userId, async () => {
      const raw = await this.#cache.get(recentKey(userId));
      const recent = raw ? parseRecent(raw) : [];
      if (!recent.some((known) => known.id === event.id)) recent.push(event);
      const kept = recent.slice(-RECENT_SIGNALS);
      await this.#cache.set(recentKey(userId), JSON.stringify(kept), RECENT_TTL_MS);
      return kept;
    });
  }

  async #serialised<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(userId) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.#locks.set(userId, next);
    try {
      return await next;
    } finally {
      if (this.#locks.get(userId) === next) this.#locks.delete(userId);
    }
  }
}

const seenKey = (userId: string) => `recsys:seen:${userId}`;
const recentKey = (userId: string) => `recsys:recent:${userId}`;

function decodeSeen(encoded: string): SeenFilter | null {
  try {
    return SeenFilter.decode(encoded);
  } catch {
    return null;
  }
}

function parseRecent(raw: string): DomainEvent[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as DomainEvent[]) : [];
  } catch {
    return [];
  }
}
