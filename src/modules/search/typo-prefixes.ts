import { SEARCH_LIMITS } from '../../config.ts';
import type { SqlExecutor } from '../../platform/db/database.ts';
import { broadestPrefixes, typoPrefixProbes } from './typo-prefix-probes.ts';

/**
 * Where typo'd prefixes are looked for: the words of captions, hashtags, sound titles and display names
 * (`search_terms`), hashtag names, usernames. Each has a `text_pattern_ops` index on the value and one on the value
 * without its second character (migrations/0018_search_typo_prefixes.sql).
 */
const VOCABULARIES = {
  words: { table: 'search_terms', value: 'term', where: 'true' },
  hashtags: { table: 'search_hashtags', value: 'name', where: 'video_count > 0' },
  usernames: { table: 'search_users', value: 'username', where: 'username is not null' },
} as const;

export type Vocabulary = keyof typeof VOCABULARIES;

const LOOKUPS = Object.fromEntries(
  Object.entries(VOCABULARIES).map(([name, { table, value, where }]) => [
    name,
    `select prefix, count(*)::int as covers from (
       select left(v.value, p.length) as prefix
       from unnest($1::text[], $2::text[], $3::text[], $4::int[]) as p(from_value, to_value, pattern, length)
       cross join lateral (
         select ${value} as value from ${table}
         where ${where} and ${value} ~>=~ p.from_value and ${value} ~<~ p.to_value and ${value} like p.pattern
         limit $9
       ) v
       union all
       select left(v.value, p.length)
       from unnest($5::text[], $6::text[], $7::text[], $8::int[]) as p(from_value, to_value, pattern, length)
       cross join lateral (
         select ${value} as value from ${table}
         where ${where} and search_without_second(${value}) ~>=~ p.from_value
           and search_without_second(${value}) ~<~ p.to_value and search_without_second(${value}) like p.pattern
         limit $9
       ) v
     ) found group by prefix`,
  ]),
) as Record<Vocabulary, string>;

/**
 * The typo'd prefixes of `word` in a vocabulary: starts of its values one edit from `word` ("dnac" → "danc",
 * "dancw" → "danc"), except those a plain prefix search for `word` finds. Every range read is an index range.
 */
export async function typoPrefixes(sql: SqlExecutor, vocabulary: Vocabulary, word: string): Promise<string[]> {
  const { onValue, onWithoutSecond } = typoPrefixProbes(word);
  if (onValue.length + onWithoutSecond.length === 0) return [];
  const columns = (probes: typeof onValue) => [
    probes.map((probe) => probe.from),
    probes.map((probe) => probe.to),
    probes.map((probe) => probe.pattern),
    probes.map((probe) => probe.length),
  ];
  const { rows } = await sql.query<{ prefix: string; covers: number }>(LOOKUPS[vocabulary], [
    ...columns(onValue),
    ...columns(onWithoutSecond),
    SEARCH_LIMITS.typoPrefixRangeRows,
  ]);
  return broadestPrefixes(word, rows, SEARCH_LIMITS.typoPrefixesPerWord);
}
