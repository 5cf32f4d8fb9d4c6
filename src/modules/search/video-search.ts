import { SEARCH_LIMITS } from '../../config.ts';
import type { SqlExecutor } from '../../platform/db/database.ts';
import { correctWords } from './corrections.ts';
import { afterParams, type ScorePosition } from './positions.ts';
import {
  correctedTsQuery,
  exactTsQuery,
  lastWord,
  prefixTsQuery,
  type SearchText,
  typoPrefixTsQuery,
} from './query-text.ts';
import { scoreSql, TIER, textRankSql } from './ranking.ts';
import { typoPrefixes } from './typo-prefixes.ts';
import type { ScoredId } from './user-search.ts';

/**
 * Popularity bands (search_popularity_band in the migration: 0 … 24), most popular first, in the groups the index is
 * asked for in turn: each ask re-reads the query's postings, so a few groups cost less than 25 single bands.
 */
const BAND_GROUPS = [
  [24, 16],
  [15, 13],
  [12, 10],
  [9, 7],
  [6, 4],
  [3, 0],
].map(([high, low]) =>
  Array.from({ length: (high as number) - (low as number) + 1 }, (_, i) => `'#p${(high as number) - i}'`).join(' | '),
);

const SCORE = scoreSql(
  `case when c.document @@ to_tsquery('simple', $1) then ${TIER.exact}
        when c.document @@ to_tsquery('simple', $2) then ${TIER.prefix}
        when c.document @@ to_tsquery('simple', $9) then ${TIER.typoPrefix}
        else ${TIER.close} end`,
  textRankSql('c.document', "to_tsquery('simple', coalesce($3, $2))"),
  'c.popularity',
);

/**
 * The most popular searchable videos matching the tsquery `query` (a parameter; none when null) and `also`, group of
 * bands by group, at most `limit` of them.
 */
const byBands = (query: string, limit: string, also = 'true') => `
  select c.id, c.document, c.popularity
  from unnest($8::text[]) as band(lexemes)
  cross join lateral (
    select v.id, v.document, v.popularity
    from search_videos v
    where ${query}::text is not null and v.searchable
      and v.document @@ (to_tsquery('simple', ${query}) && band.lexemes::tsquery) and ${also}
    limit $4
  ) c
  limit ${limit}`;

/**
 * Searchable videos whose hashtags, caption or sound title hold every word — whole, as a prefix, the last one as a
 * typo'd prefix (typo-prefixes.ts), or a close spelling of a word — ranked among the most popular matches only
 * (SEARCH_LIMITS.videoCandidates): the GIN index is asked group of popularity bands by group, most popular first (the
 * `#p<band>` lexemes), until enough candidates are found, so a word on a hundred thousand videos reads about as many
 * rows as a rare one. Prefix matches come first; typo'd prefixes and close spellings only fill the candidates they
 * leave, so a popular typo'd match never pushes a prefix match out.
 */
export async function searchVideos(
  sql: SqlExecutor,
  text: SearchText,
  after: ScorePosition | null,
  limit: number,
): Promise<ScoredId[]> {
  const last = lastWord(text);
  const [corrections, typos] = await Promise.all([
    correctWords(sql, text.words),
    last ? typoPrefixes(sql, 'words', last) : [],
  ]);
  const widened = corrections.size > 0 || typos.length > 0;
  const { rows } = await sql.query<ScoredId>(
    `with prefix_matches as (${byBands('$2', '$4')}
     ), other_matches as (${byBands(
       '$3',
       'greatest($4 - (select count(*) from prefix_matches), 0)',
       "not v.document @@ to_tsquery('simple', $2)",
     )}
     ), candidates as (
       select * from prefix_matches union all select * from other_matches
     ), hit as (
       select c.id, ${SCORE} as score from candidates c
     )
     select hit.id::text as id, hit.score from hit
     where $5::float8 is null or (hit.score, hit.id) < ($5::float8, $6::uuid)
     order by hit.score desc, hit.id desc limit $7`,
    [
      exactTsQuery(text.words),
      prefixTsQuery(text.words),
      widened ? correctedTsQuery(text.words, corrections, typos) : null,
      SEARCH_LIMITS.videoCandidates,
      ...afterParams(after),
      limit,
      BAND_GROUPS,
      typoPrefixTsQuery(text.words, typos),
    ],
  );
  return rows;
}
