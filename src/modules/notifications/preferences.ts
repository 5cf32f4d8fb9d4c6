import type { Static } from 'typebox';
import { SqlStore } from '../../platform/db/sql-store.ts';
import type { PreferenceKey } from './intents.ts';
import type { PreferencesSchema } from './schemas.ts';

export type NotificationPreferences = Static<typeof PreferencesSchema>;

export const PREFERENCE_KEYS: readonly PreferenceKey[] = [
  'likes',
  'comments',
  'follows',
  'mentions',
  'messages',
  'live',
];

const DEFAULTS: NotificationPreferences = {
  likes: true,
  comments: true,
  follows: true,
  mentions: true,
  messages: true,
  live: true,
};

/** Each account's notification switches; an account that never changed one has no row and gets the defaults. */
export class PreferenceStore extends SqlStore {
  async get(userId: string): Promise<NotificationPreferences> {
    const { rows } = await this.db.query<NotificationPreferences>(
      'select likes, comments, follows, mentions, messages, live from notification_preferences where user_id = $1',
      [userId],
    );
    return rows[0] ?? { ...DEFAULTS };
  }

  /** Changes only the switches given, in one statement, so two racing updates of different switches both land. */
  async update(userId: string, changes: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
    const values = PREFERENCE_KEYS.map((key) => changes[key] ?? null);
    const { rows } = await this.db.query<NotificationPreferences>(
      `insert into notification_preferences (user_id, likes, comments, follows, mentions, messages, live)
       values ($1, coalesce($2, true), coalesce($3, true), coalesce($4, true), coalesce($5, true), coalesce($6, true),
               coalesce($7, true))
       on conflict (user_id) do update set
         likes = coalesce($2, notification_preferences.likes),
         comments = coalesce($3, notification_preferences.comments),
         follows = coalesce($4, notification_preferences.follows),
         mentions = coalesce($5, notification_preferences.mentions),
         messages = coalesce($6, notification_preferences.messages),
         live = coalesce($7, notification_preferences.live),
         updated_at = now()
       returning likes, comments, follows, mentions, messages, live`,
      [userId, ...values],
    );
    return rows[0] ?? { ...DEFAULTS };
  }
}
