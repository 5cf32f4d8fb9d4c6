import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { databasePerTest } from '../../../test/support/database-hooks.ts';
import { databaseVariants } from '../../../test/support/services.ts';
import type { SqlExecutor } from '../../platform/db/database.ts';
import { typoPrefixes } from './typo-prefixes.ts';

describe.each(databaseVariants())("typo'd prefixes in the store ($name)", ({ open }) => {
  const freshDatabase = databasePerTest(open);

  it('finds the starts of words, hashtags and usernames one edit from what was typed', async () => {
    const db = await freshDatabase();
    await db.query('insert into search_terms (term) select unnest($1::text[])', [
      ['dance', 'dancing', 'dank', 'danseuse', 'bance', 'sunset', 'éclair'],
    ]);
    await db.query('insert into search_hashtags (name, video_count) select unnest($1::text[]), unnest($2::int[])', [
      ['salsa_2026', 'salsax2026', 'dancechallenge', 'dancehidden'],
      [1, 1, 3, 0],
    ]);
    await db.query('insert into search_users (id, username) select unnest($1::uuid[]), unnest($2::text[])', [
      [randomUUID(), randomUUID()],
      ['maria_lopez', 'marco'],
    ]);

    // Swapped, replaced, extra and missing letters, in the middle and at the end of the word being typed.
    expect(await typoPrefixes(db, 'words', 'dnac')).toEqual(['danc']);
    expect(await typoPrefixes(db, 'words', 'dancw')).toEqual(['danc']);
    expect(await typoPrefixes(db, 'words', 'dence')).toEqual(expect.arrayContaining(['dance']));
    expect(await typoPrefixes(db, 'words', 'dnce')).toEqual(expect.arrayContaining(['dance']));
    expect(await typoPrefixes(db, 'words', 'écliar')).toEqual(['éclair']);
    // What a plain prefix search finds is left out ("danc" starts dance and dancing already), and a 4-letter word is
    // not cut to 3 letters ("dan…" would start nearly everything alike).
    expect(await typoPrefixes(db, 'words', 'danc')).toEqual([]);
    expect(await typoPrefixes(db, 'words', 'dane')).toEqual(['dance', 'danse']);
    // The first letter is kept, and short words are only prefixes.
    expect(await typoPrefixes(db, 'words', 'xance')).toEqual([]);
    expect(await typoPrefixes(db, 'words', 'dnc')).toEqual([]);

    // `_` in a hashtag is a letter, not LIKE's wildcard; hashtags no video uses are not found.
    expect(await typoPrefixes(db, 'hashtags', 'salsa_2x26')).toEqual(['salsa_2026']);
    // The broadest start is kept: "salsa_202" finds salsa_2026, and whatever else starts so.
    expect(await typoPrefixes(db, 'hashtags', 'salsa_2062')).toEqual(['salsa_202']);
    expect(await typoPrefixes(db, 'hashtags', 'dancechalenge')).toEqual(['dancechallenge']);
    expect(await typoPrefixes(db, 'hashtags', 'dancehiden')).toEqual([]);
    expect(await typoPrefixes(db, 'usernames', 'mraia')).toEqual(['maria']);
    expect(await typoPrefixes(db, 'usernames', 'maria_lpoez')).toEqual(['maria_lopez']);

    // The sections of one search ask at once and share one statement; a later ask reads the store again.
    let statements = 0;
    const counted: SqlExecutor = {
      query: <T>(text: string, params?: readonly unknown[]) => {
        statements += 1;
        return db.query<T>(text, params);
      },
      exec: (text) => db.exec(text),
      afterCommit: (listener) => db.afterCommit(listener),
    };
    const together = await Promise.all([1, 2, 3].map(() => typoPrefixes(counted, 'words', 'dnac')));
    expect(together).toEqual([['danc'], ['danc'], ['danc']]);
    expect(statements).toBe(1);
    await db.query("insert into search_terms (term) values ('dncaa')");
    expect(await typoPrefixes(counted, 'words', 'dnac')).toEqual(['danc', 'dnca']);
    expect(statements).toBe(2);
  });
});
