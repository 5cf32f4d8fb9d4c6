import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CommitListeners, callAtOnce } from './after-commit.ts';
import { ForegroundFirstGate } from './background-work.ts';
import type { Database, QueryResult, SqlExecutor } from './database.ts';

function wrap(runner: PGlite | Transaction, afterCommit: (listener: () => void) => void): SqlExecutor {
  return {
    afterCommit,
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
  const executor = wrap(pglite, callAtOnce);
  // PGlite runs one statement at a time anyway; the gate only decides whose goes next.
  const gate = new ForegroundFirstGate();
  return {
    kind: 'pglite',
    query: <T>(sql: string, params?: readonly unknown[]) => gate.run(() => executor.query<T>(sql, params)),
    exec: (sql: string) => gate.run(() => executor.exec(sql)),
    afterCommit: executor.afterCommit,
    async transaction(work) {
      const listeners = new CommitListeners();
      const result = await gate.run(() =>
        pglite.transaction((tx) => work(wrap(tx, (listener) => listeners.add(listener)))),
      );
      listeners.committed();
      return result;
    },
    ping: async () => {
      await pglite.query('select 1');
    },
    close: () => pglite.close(),
  };
}
