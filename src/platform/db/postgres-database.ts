import pg from 'pg';
import { CommitListeners, callAtOnce } from './after-commit.ts';
import type { Database, QueryResult, SqlExecutor } from './database.ts';

export interface PostgresOptions {
  url: string;
  /** Runs every query in this schema (created if missing): how tests isolate themselves on one server. */
  schema?: string;
  maxConnections?: number;
}

function wrap(client: pg.Pool | pg.PoolClient, afterCommit: (listener: () => void) => void): SqlExecutor {
  return {
    afterCommit,
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`invalid schema name: ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  const executor = wrap(pool, callAtOnce);
  return {
    kind: 'postgres',
    query: executor.query,
    exec: executor.exec,
    afterCommit: executor.afterCommit,
    async transaction(work) {
      const client = await pool.connect();
      const listeners = new CommitListeners();
      try {
        await client.query('begin');
        const result = await work(wrap(client, (listener) => listeners.add(listener)));
        await client.query('commit');
        listeners.committed();
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}
