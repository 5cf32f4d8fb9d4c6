import type { SqlExecutor } from '../../platform/db/database.ts';
import { afterParams, type ScorePosition } from './positions.ts';
import type { SearchText } from './query-text.ts';
import { startsWithPattern } from './query-text.ts';
import { scoreSql, TIER } from './ranking.ts';
import { typoPrefixes } from './typo-prefixes.ts';

export interface HashtagSummary {
  name: string;
  video_count: number;
  view_count: number;
}

export interface HashtagHit extends HashtagSummary {
  score: number;
}

const SCORE = scoreSql(
  `case when h.name = $1 then ${TIER.exact} when h.name like $2 then ${TIER.prefix}
        when h.name like any($6::text[]) then ${TIER.typoPrefix} else ${TIER.close} end`,
  'similarity(h.name, $1)',
  'h.popularity',
);

/**
 * Hashtags equal to, starting with, starting with a typo'd form of (typo-prefixes.ts: "dnac" → #dance) or spelt close
 * to the query (its letters, digits and `_`).
 */
export async function searchHashtags(
  sql: SqlExecutor,
  text: SearchText,
  after: ScorePosition | null,
  limit: number,
): Promise<HashtagHit[]> {
  if (text.tag === '') return [];
  const typos = await typoPrefixes(sql, 'hashtags', text.tag);
  const { rows } = await sql.query<HashtagHit>(
    `select name, video_count::float8 as video_count, view_count::float8 as view_count, score from (
       select h.name, h.video_count, h.view_count, ${SCORE} as score
       from search_hashtags h
       where h.video_count > 0 and (h.name = $1 or h.name like $2 or h.name % $1 or h.name like any($6::text[]))
     ) hit
     where $3::float8 is null or (hit.score, hit.name) < ($3::float8, $4::text)
     order by hit.score desc, hit.name desc limit $5`,
    [text.tag, startsWithPattern(text.tag), ...afterParams(after), limit, typos.map(startsWithPattern)],
  );
  return rows;
}

export async function hashtagSummaries(
  sql: SqlExecutor,
  names: readonly string[],
): Promise<Map<string, HashtagSummary>> {
  if (names.length === 0) return new Map();
  const { rows } = await sql.query<HashtagSummary>(
    `select name, greatest(video_count, 0)::float8 as video_count, greatest(view_count, 0)::float8 as view_count
     from search_hashtags where name = any($1::text[])`,
    [names],
  );
  return new Map(rows.map((row) => [row.name, row]));
}
