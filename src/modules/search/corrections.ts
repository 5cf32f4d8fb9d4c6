import { SEARCH_LIMITS } from '../../config.ts';
import type { SqlExecutor } from '../../platform/db/database.ts';

/**
 * Close spellings, from the vocabulary of captions and hashtags, of the words that are not (the start of) a known
 * word: "choreografy" → "choreography". Short words are left alone: they have too few trigrams to tell a typo.
 */
export async function correctWords(sql: SqlExecutor, words: readonly string[]): Promise<Map<string, string[]>> {
  const candidates = words.filter((word) => [...word].length >= SEARCH_LIMITS.minCorrectableLength);
  if (candidates.length === 0) return new Map();
  const { rows } = await sql.query<{ word: string; term: string }>(
    `select w.word, t.term
     from unnest($1::text[]) as w(word)
     cross join lateral (
       select term from search_terms where term % w.word order by similarity(term, w.word) desc, term limit $2
     ) t
     where not exists (select 1 from search_terms k where k.term like w.word || '%')`,
    [candidates, SEARCH_LIMITS.correctionsPerWord],
  );
  const corrections = new Map<string, string[]>();
  for (const row of rows) corrections.set(row.word, [...(corrections.get(row.word) ?? []), row.term]);
  return corrections;
}
