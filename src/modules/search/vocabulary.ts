import type { SqlExecutor } from '../../platform/db/database.ts';
import { vocabularyOf } from './query-text.ts';

/** Adds the words of `texts` to `search_terms` (in one order, so concurrent writers take their locks alike). */
export async function addToVocabulary(sql: SqlExecutor, texts: readonly string[]): Promise<void> {
  const words = vocabularyOf(texts).sort();
  if (words.length === 0) return;
  await sql.query('insert into search_terms (term) select unnest($1::text[]) order by 1 on conflict do nothing', [
    words,
  ]);
}
