import { describe, expect, it, vi } from 'vitest';
import { databasePerTest } from '../../../test/support/database-hooks.ts';
import { databaseVariants } from '../../../test/support/services.ts';

describe.each(databaseVariants())('relational store contract: $name', ({ open }) => {
  const freshDatabase = databasePerTest(open);

  it('runs parameterised queries and reports affected rows', async () => {
    const db = await freshDatabase();
    await db.exec('create table notes (id int primary key, body text not null)');
    const inserted = await db.query('insert into notes (id, body) values ($1, $2), ($3, $4)', [1, 'a', 2, "it's"]);
    expect(inserted.rowCount).toBe(2);
    const { rows } = await db.query<{ body: string }>('select body from notes where id = $1', [2]);
    expect(rows).toEqual([{ body: "it's" }]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const db = await freshDatabase();
    await db.exec('create table notes (id int primary key)');
    await db.transaction(async (tx) => {
      await tx.query('insert into notes (id) values (1)');
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into notes (id) values (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const { rows } = await db.query<{ id: number }>('select id from notes order by id');
    expect(rows.map((row) => row.id)).toEqual([1]);
  });

  it('tells afterCommit listeners once a transaction has committed, and never when it rolls back', async () => {
    const db = await freshDatabase();
    await db.exec('create table notes (id int primary key)');
    const told: string[] = [];
    const seenWhenTold: number[] = [];
    const committed = db.transaction(async (tx) => {
      await tx.query('insert into notes (id) values (1)');
      tx.afterCommit(() => {
        told.push('committed');
        // What the listener would wake a reader for is visible to it.
        void db
          .query<{ n: number }>('select count(*)::int as n from notes')
          .then(({ rows }) => seenWhenTold.push(rows[0]?.n ?? -1));
      });
      await tx.query('select 1');
      expect(told).toEqual([]);
    });
    await committed;
    await expect(
      db.transaction(async (tx) => {
        tx.afterCommit(() => told.push('rolled back'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    db.afterCommit(() => told.push('no transaction'));
    await vi.waitFor(() => expect(seenWhenTold).toEqual([1]));
    expect(told).toEqual(['committed', 'no transaction']);
  });

  it('has applied the migrations, including pg_trgm for search', async () => {
    const db = await freshDatabase();
    const { rows } = await db.query<{ similar: number }>("select similarity('dance', 'danc') as similar");
    expect(rows[0]?.similar).toBeGreaterThan(0.3);
    await db.ping();
  });
});
