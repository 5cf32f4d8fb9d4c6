import type { SqlExecutor } from '../../platform/db/database.ts';
import { afterParams, type ScorePosition } from './positions.ts';
import type { ScoredId } from './user-search.ts';

/**
 * Searchable videos with a hashtag, most popular first by band (popularity in powers of two), then by id: the
 * keyset position is (band, id), read from one index range.
 */
export function videosWithHashtag(
  sql: SqlExecutor,
  name: string,
  after: ScorePosition | null,
  limit: number,
): Promise<ScoredId[]> {
  return videosByBand(sql, { from: 'search_video_tags', id: 'video_id', where: 'tag = $1' }, name, after, limit);
}

/** Searchable videos playing a sound, in the same order. */
export function videosWithSound(
  sql: SqlExecutor,
  soundId: string,
  after: ScorePosition | null,
  limit: number,
): Promise<ScoredId[]> {
  const source = { from: 'search_videos', id: 'id', where: 'searchable and sound_id = $1' };
  return videosByBand(sql, source, soundId, after, limit);
}

/** One page of the videos of `source` matching `value` ($1), by band and id, both descending. */
async function videosByBand(
  sql: SqlExecutor,
  source: { from: string; id: string; where: string },
  value: string,
  after: ScorePosition | null,
  limit: number,
): Promise<ScoredId[]> {
  const { from, id, where } = source;
  const { rows } = await sql.query<ScoredId>(
    `select ${id}::text as id, band::float8 as score from ${from}
     where ${where} and ($2::float8 is null or (band, ${id}) < ($2::float8::smallint, $3::uuid))
     order by band desc, ${id} desc limit $4`,
    [value, ...afterParams(after), limit],
  );
  return rows;
}

/** Hashtags and sound of videos the index knows, for the trending detector. */
export async function topicsOf(
  sql: SqlExecutor,
  videoIds: readonly string[],
): Promise<Map<string, { hashtags: string[]; soundId: string | null }>> {
  if (videoIds.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; hashtags: string[]; sound_id: string | null }>(
    'select id::text, hashtags, sound_id::text from search_videos where id = any($1::uuid[])',
    [videoIds],
  );
  return new Map(rows.map((row) => [row.id, { hashtags: row.hashtags, soundId: row.sound_id }]));
}

/** Which of these videos are searchable (ready, published, public, not removed). */
export async function searchableVideoIds(sql: SqlExecutor, videoIds: readonly string[]): Promise<Set<string>> {
  if (videoIds.length === 0) return new Set();
  const { rows } = await sql.query<{ id: string }>(
    'select id::text from search_videos where id = any($1::uuid[]) and searchable',
    [videoIds],
  );
  return new Set(rows.map((row) => row.id));
}
