import type { SqlExecutor } from './database.ts';

/**
 * Data access over one executor: the pool, or the transaction the store was made for. Stores hold no decisions;
 * their services do.
 */
export abstract class SqlStore<Db extends SqlExecutor = SqlExecutor> {
  protected readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** The first row the statement returns, or null. */
  protected async firstRow<T>(sql: string, params: readonly unknown[]): Promise<T | null> {
    return (await this.db.query<T>(sql, params)).rows[0] ?? null;
  }

  /** Whether the statement changed exactly one row (an insert `on conflict do nothing` that inserted). */
  protected async changedOne(sql: string, params: readonly unknown[]): Promise<boolean> {
    return (await this.db.query(sql, params)).rowCount === 1;
  }
}
