import { SqlStore } from '../../platform/db/sql-store.ts';

export type PurchaseStatus = 'pending' | 'settled' | 'failed';

export interface PurchaseRow {
  id: string;
  user_id: string;
  package_id: string;
  coins: string | number;
  price_cents: number;
  currency: string;
  provider: string;
  provider_ref: string | null;
  status: PurchaseStatus;
  created_at: Date | string;
}

/** Data access for coin purchases. */
export class PurchaseStore extends SqlStore {
  /** False when the user already made a purchase with this idempotency key (see findByKey). */
  async insert(purchase: {
    id: string;
    userId: string;
    packageId: string;
    coins: number;
    priceCents: number;
    currency: string;
    provider: string;
    idempotencyKey: string;
  }): Promise<boolean> {
    return this.changedOne(
      `insert into wallet_purchases (id, user_id, package_id, coins, price_cents, currency, provider, status,
                                     idempotency_key)
       values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) on conflict (user_id, idempotency_key) do nothing`,
      [
        purchase.id,
        purchase.userId,
        purchase.packageId,
        purchase.coins,
        purchase.priceCents,
        purchase.currency,
        purchase.provider,
        purchase.idempotencyKey,
      ],
    );
  }

  async findByKey(userId: string, idempotencyKey: string): Promise<PurchaseRow | null> {
    return this.firstRow<PurchaseRow>('select * from wallet_purchases where user_id = $1 and idempotency_key = $2', [
      userId,
      idempotencyKey,
    ]);
  }

  async find(id: string): Promise<PurchaseRow | null> {
    return this.firstRow<PurchaseRow>('select * from wallet_purchases where id = $1', [id]);
  }

  /** The purchase, locked until the transaction ends, if it is still pending: so it settles once. */
  async lockPending(id: string): Promise<PurchaseRow | null> {
    return this.firstRow<PurchaseRow>(
      `select * from wallet_purchases where id = $1 and status = 'pending' for update`,
      [id],
    );
  }

  async markSettled(id: string, providerRef: string, transactionId: string): Promise<void> {
    await this.db.query(
      `update wallet_purchases set status = 'settled', provider_ref = $2, transaction_id = $3, settled_at = now()
       where id = $1`,
      [id, providerRef, transactionId],
    );
  }

  async markFailed(id: string): Promise<void> {
    await this.db.query(`update wallet_purchases set status = 'failed' where id = $1 and status = 'pending'`, [id]);
  }

  async setProviderRef(id: string, providerRef: string): Promise<void> {
    await this.db.query('update wallet_purchases set provider_ref = $2 where id = $1', [id, providerRef]);
  }
}
