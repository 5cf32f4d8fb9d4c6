export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Anything that runs SQL: the database itself or an open transaction. Parameters are `$1, $2, …`. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Calls `listener` once what was written through this executor is visible to others: at once on the database
   * itself, after COMMIT inside a transaction, never if it rolls back. For waking in-process readers of a change.
   */
  afterCommit(listener: () => void): void;
}

/**
 * The relational store port. PGlite (embedded, file-backed) and PostgreSQL implement it with the same SQL.
 * Inside `transaction`, use only the `tx` handed to the callback.
 */
export interface Database extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Resolves when the store answers a trivial query; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
