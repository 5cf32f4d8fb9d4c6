import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, QueryResult, SqlExecutor } from './database.ts';

function wrap(runner: PGlite | Transaction): SqlExecutor {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await runner.query<T>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await runner.exec(sql);
    },
  };
}

/** Embedded PostgreSQL (WASM). `dataDir` undefined keeps the database in memory (tests). */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ?? 'memory://', { extensions: { pg_trgm } });
  const executor = wrap(pglite);
  return {
    kind: 'pglite',
    query: executor.query,
    exec: executor.exec,
    transaction: (work) => pglite.transaction((tx) => work(wrap(tx))),
    ping: async () => {
      await pglite.query('select 1');
    },
    close: () => pglite.close(),
  };
}
