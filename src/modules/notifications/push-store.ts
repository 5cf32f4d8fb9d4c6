import { SqlStore } from '../../platform/db/sql-store.ts';

export interface PushSubscriptionRow {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Data access for Web Push subscriptions; no decisions here. */
export class PushSubscriptionStore extends SqlStore {
  /** An endpoint already registered moves to `userId`: a browser belongs to the account signed in on it now. */
  async save(userId: string, row: PushSubscriptionRow): Promise<void> {
    await this.db.query(
      `insert into push_subscriptions (endpoint, user_id, p256dh, auth) values ($1, $2, $3, $4)
       on conflict (endpoint) do update set user_id = $2, p256dh = $3, auth = $4, created_at = now()`,
      [row.endpoint, userId, row.p256dh, row.auth],
    );
  }

  /** Keeps an account's newest `keep` subscriptions. */
  async trim(userId: string, keep: number): Promise<void> {
    await this.db.query(
      `delete from push_subscriptions where user_id = $1 and endpoint not in
         (select endpoint from push_subscriptions where user_id = $1 order by created_at desc limit $2)`,
      [userId, keep],
    );
  }

  async delete(userId: string, endpoint: string): Promise<void> {
    await this.db.query('delete from push_subscriptions where user_id = $1 and endpoint = $2', [userId, endpoint]);
  }

  /** The push service said the subscription is gone (404/410). */
  async deleteEndpoint(endpoint: string): Promise<void> {
    await this.db.query('delete from push_subscriptions where endpoint = $1', [endpoint]);
  }

  async forUser(userId: string): Promise<PushSubscriptionRow[]> {
    const { rows } = await this.db.query<PushSubscriptionRow>(
      'select endpoint, p256dh, auth from push_subscriptions where user_id = $1',
      [userId],
    );
    return rows;
  }
}
