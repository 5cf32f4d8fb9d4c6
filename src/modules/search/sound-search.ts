import { SEARCH_LIMITS } from '../../config.ts';
import type { SqlExecutor } from '../../platform/db/database.ts';
import { afterParams, type ScorePosition } from './positions.ts';
import { lastWord, prefixTsQuery, type SearchText, startsWithPattern, typoPrefixTsQuery } from './query-text.ts';
import { scoreSql, TIER, textRankSql } from './ranking.ts';
import { soundShownSql } from './sound-openness.ts';
import { typoPrefixes } from './typo-prefixes.ts';
import type { ScoredId } from './user-search.ts';

export interface SoundSummary {
  id: string;
  title: string;
  /** The owner's username. */
  artist: string;
  owner_id: string | null;
  duration_ms: number | null;
  video_count: number;
}

const SCORE = scoreSql(
  `case when lower(s.title) = lower($1) or s.artist = $2 then ${TIER.exact}
        when lower(s.title) like lower($3) or s.artist like $4
          or coalesce(s.document @@ to_tsquery('simple', $5), false) then ${TIER.prefix}
        when coalesce(s.document @@ to_tsquery('simple', $11), false) then ${TIER.typoPrefix}
        else ${TIER.close} end`,
  `greatest(similarity(lower(s.title), lower($1)), word_similarity(lower($1), lower(s.title)),
            similarity(s.artist, $2), ${textRankSql('s.document', "to_tsquery('simple', $5)")})`,
  's.popularity',
);

/**
 * Sounds the viewer may see (sound-openness.ts), by title (whole, prefix, words, close spelling of a word) and artist;
 * the last word also as a typo'd prefix, among the most popular such sounds only (SEARCH_LIMITS.typoPrefixCandidates:
 * a slip near a common word matches a good share of all titles). Candidates are ranked first and checked for openness
 * only while the page fills: `offset 0` keeps PostgreSQL from pulling the check into the scan, where a broad prefix
 * would pay it for thousands of rows.
 */
export async function searchSounds(
  sql: SqlExecutor,
  text: SearchText,
  after: ScorePosition | null,
  limit: number,
  viewerId: string | null,
): Promise<ScoredId[]> {
  const last = lastWord(text);
  const typos = last ? await typoPrefixes(sql, 'words', last) : [];
  const { rows } = await sql.query<ScoredId>(
    `select s.id::text as id, s.score from (
       select hit.* from (
         select s.id, s.owner_id, s.source_known, s.source_video_id, ${SCORE} as score
         from search_sounds s
         where s.title is not null and (lower(s.title) = lower($1) or lower(s.title) like lower($3)
           or s.artist = $2 or s.artist like $4 or s.document @@ to_tsquery('simple', $5)
           or s.id = any(array(
             select t.id from search_sounds t where t.title is not null and t.document @@ to_tsquery('simple', $11)
             order by t.popularity desc limit $12))
           or ($9 and (lower($1) <% lower(s.title) or s.artist % $2)))
       ) hit
       where $6::float8 is null or (hit.score, hit.id) < ($6::float8, $7::uuid)
       order by hit.score desc, hit.id desc
       offset 0
     ) s
     where ${soundShownSql('s', '$10')}
     order by s.score desc, s.id desc limit $8`,
    [
      text.phrase,
      text.handle,
      startsWithPattern(text.phrase),
      startsWithPattern(text.handle),
      prefixTsQuery(text.words),
      ...afterParams(after),
      limit,
      // Close spellings of a shorter query are too many to be useful (and to read).
      [...text.phrase].length >= SEARCH_LIMITS.minCorrectableLength,
      viewerId,
      typoPrefixTsQuery(text.words, typos),
      SEARCH_LIMITS.typoPrefixCandidates,
    ],
  );
  return rows;
}

/** Sounds the index knows (SoundCreated arrived) and the viewer (null: a visitor) may see, by id. */
export async function soundSummaries(
  sql: SqlExecutor,
  ids: readonly string[],
  viewerId: string | null = null,
): Promise<Map<string, SoundSummary>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql.query<SoundSummary>(
    `select id::text, title, artist, owner_id::text, duration_ms, greatest(video_count, 0)::float8 as video_count
     from search_sounds s where id = any($1::uuid[]) and title is not null and ${soundShownSql('s', '$2')}`,
    [ids, viewerId],
  );
  return new Map(rows.map((row) => [row.id, row]));
}
