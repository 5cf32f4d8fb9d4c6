import { SqlStore } from '../../platform/db/sql-store.ts';

export type Currency = 'coins' | 'diamonds';
export type SystemAccount = 'issuance' | 'spent';
export type TransactionKind = 'purchase' | 'gift';

export interface StoredTransaction {
  id: string;
  fingerprint: string;
  details: Record<string, unknown>;
}

export interface LedgerEntry {
  accountId: string;
  amount: number;
  /** The account's balance after the entry; null for a system account. */
  balanceAfter: number | null;
}

export interface HistoryRow {
  id: string;
  transaction_id: string;
  kind: TransactionKind;
  currency: Currency;
  amount: string | number;
  balance_after: string | number;
  details: Record<string, unknown>;
  created_at: Date | string;
}

/** Data access for the ledger: accounts, transactions and their entries. No decisions here. */
export class LedgerStore extends SqlStore {
  /** The person's account in `currency`, opened on first use. */
  async userAccount(ownerId: string, currency: Currency): Promise<string> {
    await this.db.query(
      `insert into wallet_accounts (owner_id, currency, kind) values ($1, $2, 'user')
       on conflict (owner_id, currency) where kind = 'user' do nothing`,
      [ownerId, currency],
    );
    const result = await this.db.query<{ id: string }>(
      `select id::text as id from wallet_accounts where owner_id = $1 and currency = $2 and kind = 'user'`,
      [ownerId, currency],
    );
    return (result.rows[0] as { id: string }).id;
  }

  async systemAccount(kind: SystemAccount, currency: Currency): Promise<string> {
    const result = await this.db.query<{ id: string }>(
      'select id::text as id from wallet_accounts where kind = $1 and currency = $2',
      [kind, currency],
    );
    const row = result.rows[0];
    if (!row) throw new Error(`wallet system account ${kind}/${currency} is missing: migration 0021 not applied?`);
    return row.id;
  }

  /** False when the actor already used this idempotency key (see findTransaction). */
  async insertTransaction(tx: {
    id: string;
    kind: TransactionKind;
    actorId: string;
    idempotencyKey: string;
    fingerprint: string;
    details: Record<string, unknown>;
  }): Promise<boolean> {
    return this.changedOne(
      `insert into wallet_transactions (id, kind, actor_id, idempotency_key, fingerprint, details)
       values ($1, $2, $3, $4, $5, $6) on conflict (actor_id, idempotency_key) do nothing`,
      [tx.id, tx.kind, tx.actorId, tx.idempotencyKey, tx.fingerprint, JSON.stringify(tx.details)],
    );
  }

  async findTransaction(actorId: string, idempotencyKey: string): Promise<StoredTransaction | null> {
    return this.firstRow<StoredTransaction>(
      'select id, fingerprint, details from wallet_transactions where actor_id = $1 and idempotency_key = $2',
      [actorId, idempotencyKey],
    );
  }

  /** Takes `amount` from a person's account unless that would make it negative: the new balance, or null. */
  async debit(accountId: string, amount: number): Promise<number | null> {
    const result = await this.db.query<{ balance: string }>(
      `update wallet_accounts set balance = balance - $2 where id = $1 and balance >= $2 returning balance::text`,
      [accountId, amount],
    );
    const row = result.rows[0];
    return row ? Number(row.balance) : null;
  }

  async credit(accountId: string, amount: number): Promise<number> {
    const result = await this.db.query<{ balance: string }>(
      'update wallet_accounts set balance = balance + $2 where id = $1 returning balance::text',
      [accountId, amount],
    );
    return Number((result.rows[0] as { balance: string }).balance);
  }

  async insertEntries(transactionId: string, entries: readonly LedgerEntry[]): Promise<void> {
    await this.db.query(
      `insert into wallet_entries (transaction_id, account_id, amount, balance_after)
       select $1, account_id, amount, balance_after
       from unnest($2::bigint[], $3::bigint[], $4::bigint[]) as e (account_id, amount, balance_after)`,
      [
        transactionId,
        entries.map((entry) => entry.accountId),
        entries.map((entry) => entry.amount),
        entries.map((entry) => entry.balanceAfter),
      ],
    );
  }

  async balances(ownerId: string): Promise<Record<Currency, number>> {
    const result = await this.db.query<{ currency: Currency; balance: string }>(
      `select currency, balance::text from wallet_accounts where owner_id = $1 and kind = 'user'`,
      [ownerId],
    );
    const balances: Record<Currency, number> = { coins: 0, diamonds: 0 };
    for (const row of result.rows) balances[row.currency] = Number(row.balance);
    return balances;
  }

  /** The person's entries, newest first, before entry id `before`. */
  async history(ownerId: string, before: string | null, limit: number): Promise<HistoryRow[]> {
    const result = await this.db.query<HistoryRow>(
      `select e.id::text as id, e.transaction_id, t.kind, a.currency, e.amount::text as amount,
              e.balance_after::text as balance_after, t.details, e.created_at
       from wallet_entries e
       join wallet_accounts a on a.id = e.account_id
       join wallet_transactions t on t.id = e.transaction_id
       where a.owner_id = $1 and a.kind = 'user' and ($2::bigint is null or e.id < $2::bigint)
       order by e.id desc limit $3`,
      [ownerId, before, limit],
    );
    return result.rows;
  }

  /**
   * The ledger's own audit: per currency, the sum of every entry (zero when every transaction balanced) and the
   * number of people's accounts whose balance differs from the sum of their entries.
   */
  async audit(): Promise<Array<{ currency: Currency; sum: number; mismatched: number; negative: number }>> {
    const result = await this.db.query<{ currency: Currency; sum: string; mismatched: string; negative: string }>(
      `select a.currency,
              coalesce(sum(entry_sum), 0)::text as sum,
              count(*) filter (where a.kind = 'user' and a.balance <> coalesce(entry_sum, 0))::text as mismatched,
              count(*) filter (where a.kind = 'user' and a.balance < 0)::text as negative
       from wallet_accounts a
       left join (select account_id, sum(amount) as entry_sum from wallet_entries group by account_id) s
         on s.account_id = a.id
       group by a.currency order by a.currency`,
    );
    return result.rows.map((row) => ({
      currency: row.currency,
      sum: Number(row.sum),
      mismatched: Number(row.mismatched),
      negative: Number(row.negative),
    }));
  }
}
