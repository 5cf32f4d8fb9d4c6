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
}
