import type { SqlExecutor } from '../../platform/db/database.ts';

interface Tagged {
  searchable: boolean;
  hashtags: readonly string[];
}

/** Keeps `search_video_tags` (hashtag → searchable videos by band) in step with one video's change. */
export async function movePostings(
  sql: SqlExecutor,
  videoId: string,
  before: Tagged,
  after: Tagged,
  band: number,
): Promise<void> {
  const old = new Set(before.searchable ? before.hashtags : []);
  const next = new Set(after.searchable ? after.hashtags : []);
  const removed = [...old].filter((tag) => !next.has(tag)).sort();
  const added = [...next].filter((tag) => !old.has(tag)).sort();
  if (removed.length > 0) {
    await sql.query('delete from search_video_tags where tag = any($1::text[]) and video_id = $2', [removed, videoId]);
  }
  if (added.length > 0) {
    await sql.query(
      `insert into search_video_tags (tag, video_id, band) select unnest($1::text[]), $2, $3
       on conflict (tag, video_id) do update set band = excluded.band`,
      [added, videoId, band],
    );
  }
}

/** The video moved to another popularity band. */
export async function moveBand(sql: SqlExecutor, videoId: string, hashtags: readonly string[], band: number) {
  if (hashtags.length === 0) return;
  await sql.query('update search_video_tags set band = $3 where tag = any($1::text[]) and video_id = $2', [
    [...hashtags].sort(),
    videoId,
    band,
  ]);
}
