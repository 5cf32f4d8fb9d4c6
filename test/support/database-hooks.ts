import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Database } from '../../src/platform/db/database.ts';
import type { TestDatabase } from './services.ts';

/** A fresh database for each test that asks for one (`await fresh()`), disposed when that test ends. */
export function databasePerTest(open: () => Promise<TestDatabase>): () => Promise<Database> {
  let current: TestDatabase | undefined;
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return async () => {
    current = await open();
    return current.db;
  };
}

/** One database for the whole suite, since opening PGlite is the slow part; read `db` inside tests and hooks. */
export function databaseForSuite(open: () => Promise<TestDatabase>): { readonly db: Database } {
  const suite = { db: undefined as unknown as Database };
  let opened: TestDatabase | undefined;
  beforeAll(async () => {
    opened = await open();
    suite.db = opened.db;
  });
  afterAll(async () => {
    await opened?.dispose();
  });
  return suite;
}
