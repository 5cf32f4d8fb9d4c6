import { SEARCH_LIMITS } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { afterParams, type ScorePosition } from './positions.ts';
import { lastWord, prefixTsQuery, type SearchText, startsWithPattern, typoPrefixTsQuery } from './query-text.ts';
import { scoreSql, TIER, textRankSql } from './ranking.ts';
import { typoPrefixes } from './typo-prefixes.ts';

export interface ScoredId {
  id: string;
  score: number;
}

const SCORE = scoreSql(
  `case when u.username = $1 or lower(u.display_name) = lower($2) then ${TIER.exact}
        when u.username like $3 or lower(u.display_name) like lower($4)
          or coalesce(u.document @@ to_tsquery('simple', $5), false) then ${TIER.prefix}
        when u.username like any($11::text[]) or coalesce(u.document @@ to_tsquery('simple', $12), false)
          then ${TIER.typoPrefix}
        else ${TIER.close} end`,
  `greatest(similarity(u.username, $1), similarity(lower(u.display_name), lower($2)),
            ${textRankSql('u.document', "to_tsquery('simple', $6)")})`,
  'u.popularity',
);

/** Trigram similarity a misspelt username needs: the default (0.3) lets short queries match thousands of names. */
const CLOSE_USERNAME = 0.4;

/**
 * Accounts by username (exact, prefix, typo'd prefix, close spelling), display name (whole or prefix) and words of the
 * username and display name (prefixes, the last word also as a typo'd prefix) or bio (prefixes); a bio match ranks with
 * close spellings, below any name match. Typo'd prefixes are matched among the most popular such accounts only
 * (SEARCH_LIMITS.typoPrefixCandidates): a slip near a common word matches a good share of all names.
 */
export async function searchUsers(
  db: Database,
  text: SearchText,
  after: ScorePosition | null,
  limit: number,
): Promise<ScoredId[]> {
  const last = lastWord(text);
  const [handleTypos, wordTypos] = await Promise.all([
    typoPrefixes(db, 'usernames', text.handle),
    last ? typoPrefixes(db, 'words', last) : [],
  ]);
  const { rows } = await db.transaction(async (tx) => {
    await tx.query(`select set_config('pg_trgm.similarity_threshold', $1, true)`, [String(CLOSE_USERNAME)]);
    return tx.query<ScoredId>(
      `select hit.id::text as id, hit.score from (
       select u.id, ${SCORE} as score
       from search_users u
       where u.username is not null and (u.username = $1 or u.username like $3 or ($10 and u.username % $1)
         or lower(u.display_name) like lower($4) or u.document @@ to_tsquery('simple', $6)
         or u.id = any(array(
           select t.id from search_users t
           where t.username like any($11::text[]) or t.document @@ to_tsquery('simple', $12)
           order by t.popularity desc limit $13)))
     ) hit
     where $7::float8 is null or (hit.score, hit.id) < ($7::float8, $8::uuid)
     order by hit.score desc, hit.id desc limit $9`,
      [
        text.handle,
        text.phrase,
        startsWithPattern(text.handle),
        startsWithPattern(text.phrase),
        prefixTsQuery(text.words, 'AB'),
        prefixTsQuery(text.words),
        ...afterParams(after),
        limit,
        [...text.handle].length >= SEARCH_LIMITS.minCorrectableLength,
        handleTypos.map(startsWithPattern),
        typoPrefixTsQuery(text.words, wordTypos, 'AB'),
        SEARCH_LIMITS.typoPrefixCandidates,
      ],
    );
  });
  return rows;
}
