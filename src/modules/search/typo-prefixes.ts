import { SEARCH_LIMITS } from '../../config.ts';
import type { SqlExecutor } from '../../platform/db/database.ts';
import { broadestPrefixes, type PrefixProbe, typoPrefixProbes } from './typo-prefix-probes.ts';

/**
 * Where typo'd prefixes are looked for: the words of captions, hashtags, sound titles and display names
 * (`search_terms`), hashtag names, usernames. Each has `text_pattern_ops` indexes on the value and on the value
 * without its second, and third, character (migrations/0018_search_typo_prefixes.sql).
 */
const VOCABULARIES = {
  words: { table: 'search_terms', value: 'term', where: 'true' },
  hashtags: { table: 'search_hashtags', value: 'name', where: 'video_count > 0' },
  usernames: { table: 'search_users', value: 'username', where: 'username is not null' },
} as const;

export type Vocabulary = keyof typeof VOCABULARIES;

/** The rows of one group of probes, `$n` their parameters: compared on `key`, a value or a value less a character. */
const probeGroup = (table: string, value: string, where: string, key: string, n: number) => `
  select left(v.value, p.length) as prefix
  from unnest($${n}::text[], $${n + 1}::text[], $${n + 2}::text[], $${n + 3}::int[]) as p(from_value, to_value, pattern, length)
  cross join lateral (
    select ${value} as value from ${table}
    where ${where} and ${key} ~>=~ p.from_value and ${key} ~<~ p.to_value and (p.pattern is null or ${key} like p.pattern)
    limit $1
  ) v`;

// A `pattern` is only checked where the range holds more than its matches; written so, the check asks no other index.
const LOOKUPS = Object.fromEntries(
  Object.entries(VOCABULARIES).map(([name, { table, value, where }]) => [
    name,
    `select prefix, count(*)::int as covers from (
       ${probeGroup(table, value, where, value, 2)}
       union all
       ${probeGroup(table, value, where, `search_without_char(${value}, 2)`, 6)}
       union all
       ${probeGroup(table, value, where, `search_without_char(${value}, 3)`, 10)}
     ) found group by prefix`,
  ]),
) as Record<Vocabulary, string>;

// Lookups in flight, per store: the sections of one search (`type=all`) ask for the same word at once.
const inFlight = new WeakMap<SqlExecutor, Map<string, Promise<string[]>>>();

/**
 * The typo'd prefixes of `word` in a vocabulary: starts of its values one edit from `word` ("dnac" → "danc",
 * "dancw" → "danc"), except those a plain prefix search for `word` finds. Every range read is an index range.
 */
export function typoPrefixes(sql: SqlExecutor, vocabulary: Vocabulary, word: string): Promise<string[]> {
  const pending = inFlight.get(sql) ?? new Map<string, Promise<string[]>>();
  inFlight.set(sql, pending);
  const key = `${vocabulary} ${word}`;
  const known = pending.get(key);
  if (known) return known;
  const lookup = lookUp(sql, vocabulary, word).finally(() => pending.delete(key));
  pending.set(key, lookup);
  return lookup;
}

async function lookUp(sql: SqlExecutor, vocabulary: Vocabulary, word: string): Promise<string[]> {
  const probes = typoPrefixProbes(word);
  if (probes.length === 0) return [];
  const group = (without: PrefixProbe['without']) => {
    const some = probes.filter((probe) => probe.without === without);
    return [
      some.map((probe) => probe.from),
      some.map((probe) => probe.to),
      some.map((probe) => probe.pattern),
      some.map((probe) => probe.length),
    ];
  };
  const { rows } = await sql.query<{ prefix: string; covers: number }>(LOOKUPS[vocabulary], [
    SEARCH_LIMITS.typoPrefixRangeRows,
    ...group(null),
    ...group(2),
    ...group(3),
  ]);
  return broadestPrefixes(word, rows, SEARCH_LIMITS.typoPrefixesPerWord);
}
