import { SEARCH_LIMITS } from '../../config.ts';
import type { SqlExecutor } from '../../platform/db/database.ts';
import { lastWord, type SearchText, startsWithPattern, typoPrefixTsQuery } from './query-text.ts';
import { soundShownSql } from './sound-openness.ts';
import { typoPrefixes } from './typo-prefixes.ts';

export interface Suggestion {
  type: 'hashtag' | 'user' | 'sound';
  /** What to show and complete to: a hashtag's name (without `#`), a username, a sound's title. */
  text: string;
  /** The hashtag's name, the account's or the sound's id. */
  id: string;
}

interface SuggestionRow extends Suggestion {
  popularity: number;
}

/**
 * Typeahead: names starting with the query first (hashtags, usernames, titles of sounds the viewer may see, most
 * popular first), then names starting with a typo'd form of it (typo-prefixes.ts: "dnac" → #dance; sounds by the last
 * word of their title), then close spellings. Each part reads index ranges, so it stays fast on a large index.
 */
export async function suggest(sql: SqlExecutor, text: SearchText, viewerId: string | null): Promise<Suggestion[]> {
  const limit = SEARCH_LIMITS.suggestions;
  const prefix = await sql.query<SuggestionRow>(
    `(select 'hashtag' as type, name as text, name as id, popularity from search_hashtags
      where video_count > 0 and name like $1 order by popularity desc, name limit $4)
     union all
     (select 'user', username, id::text, popularity from search_users
      where username like $2 order by popularity desc, username limit $4)
     union all
     (select 'sound', title, id::text, popularity from search_sounds s
      where title is not null and lower(title) like lower($3) and ${soundShownSql('s', '$5')}
      order by popularity desc, id limit $4)`,
    [startsWithPattern(text.tag), startsWithPattern(text.handle), startsWithPattern(text.phrase), limit, viewerId],
  );
  const found = byPopularity(prefix.rows);
  if (found.length >= limit) return found.slice(0, limit);
  for (const item of await typoPrefixed(sql, text, viewerId)) {
    if (!found.some((other) => other.type === item.type && other.id === item.id)) found.push(item);
  }
  if (found.length >= limit) return found.slice(0, limit);
  const close = await sql.query<SuggestionRow & { similarity: number }>(
    `(select 'hashtag' as type, name as text, name as id, popularity, similarity(name, $1)::float8 as similarity
      from search_hashtags where video_count > 0 and name % $1 order by similarity desc, name limit $3)
     union all
     (select 'user', username, id::text, popularity, similarity(username, $2)::float8
      from search_users where username % $2 order by 5 desc, username limit $3)`,
    [text.tag, text.handle, limit],
  );
  const seen = new Set(found.map((item) => `${item.type}:${item.id}`));
  const fuzzy = close.rows
    .filter((row) => !seen.has(`${row.type}:${row.id}`))
    .sort((a, b) => b.similarity - a.similarity || b.popularity - a.popularity)
    .map(({ type, text, id }) => ({ type, text, id }));
  return [...found, ...fuzzy].slice(0, limit);
}

async function typoPrefixed(sql: SqlExecutor, text: SearchText, viewerId: string | null): Promise<Suggestion[]> {
  const last = lastWord(text);
  const [tags, usernames, words] = await Promise.all([
    typoPrefixes(sql, 'hashtags', text.tag),
    typoPrefixes(sql, 'usernames', text.handle),
    last ? typoPrefixes(sql, 'words', last) : [],
  ]);
  const titleWords = typoPrefixTsQuery(text.words, words);
  if (tags.length + usernames.length === 0 && titleWords === null) return [];
  const { rows } = await sql.query<SuggestionRow>(
    `(select 'hashtag' as type, name as text, name as id, popularity from search_hashtags
      where video_count > 0 and name like any($1::text[]) order by popularity desc, name limit $4)
     union all
     (select 'user', username, id::text, popularity from search_users
      where username like any($2::text[]) order by popularity desc, username limit $4)
     union all
     (select 'sound', title, id::text, popularity from search_sounds s
      where title is not null and document @@ to_tsquery('simple', $3) and ${soundShownSql('s', '$5')}
      order by popularity desc, id limit $4)`,
    [tags.map(startsWithPattern), usernames.map(startsWithPattern), titleWords, SEARCH_LIMITS.suggestions, viewerId],
  );
  return byPopularity(rows);
}

function byPopularity(rows: SuggestionRow[]): Suggestion[] {
  return [...rows]
    .sort((a, b) => b.popularity - a.popularity || (a.text < b.text ? -1 : 1))
    .map(({ type, text, id }) => ({ type, text, id }));
}
