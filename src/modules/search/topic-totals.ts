import type { SqlExecutor } from '../../platform/db/database.ts';

/** What a video contributes to its hashtags' and sound's totals: only a searchable video counts. */
export interface VideoContribution {
  hashtags: readonly string[];
  soundId: string | null;
  searchable: boolean;
  views: number;
}

type Deltas = Map<string, { videos: number; views: number }>;

function add(deltas: Deltas, key: string, videos: number, views: number): void {
  const entry = deltas.get(key) ?? { videos: 0, views: 0 };
  entry.videos += videos;
  entry.views += views;
  deltas.set(key, entry);
}

function collect(before: VideoContribution | null, after: VideoContribution | null) {
  const tags: Deltas = new Map();
  const sounds: Deltas = new Map();
  for (const [state, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!state?.searchable) continue;
    for (const tag of new Set(state.hashtags)) add(tags, tag, sign, sign * state.views);
    if (state.soundId) add(sounds, state.soundId, sign, sign * state.views);
  }
  const changed = (deltas: Deltas) =>
    [...deltas].filter(([, delta]) => delta.videos !== 0 || delta.views !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  return { tags: changed(tags), sounds: changed(sounds) };
}

/**
 * Moves a video's contribution from `before` to `after`, so each hashtag and sound holds the number and views of the
 * searchable videos using it. Rows are changed in key order, so two videos sharing tags never deadlock.
 */
export async function moveContribution(
  sql: SqlExecutor,
  before: VideoContribution | null,
  after: VideoContribution | null,
): Promise<void> {
  const { tags, sounds } = collect(before, after);
  await addTotals(sql, { table: 'search_hashtags', key: 'name', type: 'text' }, tags);
  await addTotals(sql, { table: 'search_sounds', key: 'id', type: 'uuid' }, sounds);
}

/** New views of a searchable video count for its hashtags and sound too. */
export async function addTopicViews(
  sql: SqlExecutor,
  video: Omit<VideoContribution, 'views'>,
  views: number,
): Promise<void> {
  if (views === 0) return;
  await moveContribution(sql, { ...video, views: 0 }, { ...video, views });
}

/** Adds each topic's deltas (already in key order) to its totals row, creating the row when it is new. */
async function addTotals(
  sql: SqlExecutor,
  totals: { table: string; key: string; type: 'text' | 'uuid' },
  deltas: ReadonlyArray<readonly [string, { videos: number; views: number }]>,
): Promise<void> {
  if (deltas.length === 0) return;
  const { table, key, type } = totals;
  await sql.query(
    `insert into ${table} as t (${key}, video_count, view_count)
     select * from unnest($1::${type}[], $2::bigint[], $3::bigint[]) order by 1
     on conflict (${key}) do update set video_count = t.video_count + excluded.video_count,
       view_count = t.view_count + excluded.view_count`,
    [deltas.map(([name]) => name), deltas.map(([, d]) => d.videos), deltas.map(([, d]) => d.views)],
  );
}
