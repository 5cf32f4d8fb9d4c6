import { SEARCH_LIMITS } from '../../config.ts';
import type { SqlExecutor } from '../../platform/db/database.ts';
import { correctWords } from './corrections.ts';
import { afterParams, type ScorePosition } from './positions.ts';
import { correctedTsQuery, exactTsQuery, prefixTsQuery, type SearchText } from './query-text.ts';
import { scoreSql, TIER, textRankSql } from './ranking.ts';
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
        else ${TIER.close} end`,
  textRankSql('c.document', "to_tsquery('simple', $3)"),
  'c.popularity',
);

/**
 * Searchable videos whose hashtags, caption or sound title hold every word (whole, as a prefix, or a correction of
 * a misspelt word), ranked among the most popular matches only (SEARCH_LIMITS.videoCandidates): the GIN index is
 * asked group of popularity bands by group, most popular first (the `#p<band>` lexemes), until enough candidates
 * are found, so a word on a hundred thousand videos reads about as many rows as a rare one.
 */
export async function searchVideos(
  sql: SqlExecutor,
  text: SearchText,
  after: ScorePosition | null,
  limit: number,
): Promise<ScoredId[]> {
  const corrections = await correctWords(sql, text.words);
  const { rows } = await sql.query<ScoredId>(
    `with candidates as (
       select c.id, c.document, c.popularity
       from unnest($8::text[]) as band(lexemes)
       cross join lateral (
         select v.id, v.document, v.popularity
         from search_videos v
         where v.searchable and v.document @@ (to_tsquery('simple', $3) && band.lexemes::tsquery)
         limit $4
       ) c
       limit $4
     ), hit as (
       select c.id, ${SCORE} as score from candidates c
     )
     select hit.id::text as id, hit.score from hit
     where $5::float8 is null or (hit.score, hit.id) < ($5::float8, $6::uuid)
     order by hit.score desc, hit.id desc limit $7`,
    [
      exactTsQuery(text.words),
      prefixTsQuery(text.words),
      correctedTsQuery(text.words, corrections),
      SEARCH_LIMITS.videoCandidates,
      ...afterParams(after),
      limit,
      BAND_GROUPS,
    ],
  );
  return rows;
}
