import type { Static } from 'typebox';
import type { Cache } from '../../platform/cache/cache.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FeedPreferencesSchema } from './schemas.ts';

const CACHE_TTL_MS = 10 * 60_000;

export type FeedPreferences = Static<typeof FeedPreferencesSchema>;

/** The viewer's feed preference: feed_preferences is the truth, the cache port keeps it off the hot path. */
export class FeedPreferenceStore {
  readonly #db: Database;
  readonly #cache: Cache;

  constructor(db: Database, cache: Cache) {
    this.#db = db;
    this.#cache = cache;
  }

  async get(userId: string): Promise<FeedPreferences> {
    const cached = await this.#cache.get(key(userId));
    if (cached !== null) return { personalized_feed: cached === '1' };
    const { rows } = await this.#db.query<{ personalized: boolean }>(
      'select personalized from feed_preferences where user_id = $1',
      [userId],
    );
    const personalized = rows[0]?.personalized ?? true;
    await this.#cache.set(key(userId), personalized ? '1' : '0', CACHE_TTL_MS);
    return { personalized_feed: personalized };
  }

  async set(userId: string, preferences: FeedPreferences): Promise<FeedPreferences> {
    await this.#db.query(
      `insert into feed_preferences (user_id, personalized) values ($1, $2)
       on conflict (user_id) do update set personalized = excluded.personalized, updated_at = now()`,
      [userId, preferences.personalized_feed],
    );
    await this.#cache.set(key(userId), preferences.personalized_feed ? '1' : '0', CACHE_TTL_MS);
    return preferences;
  }
}

const key = (userId: string) => `feed:pref:${userId}`;
