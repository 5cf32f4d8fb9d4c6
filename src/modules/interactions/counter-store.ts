import type { SqlExecutor } from '../../platform/db/database.ts';
import type { VideoEngagement } from '../videos/stats.ts';
import type { Deltas } from './counter-buffer.ts';

/** The counters each kind of subject has: `v:<video id>`, `u:<creator id>`, `c:<comment id>`. */
export const COUNTER_FIELDS = {
  v: ['likes', 'comments', 'shares', 'saves'],
  u: ['likes'],
  c: ['likes', 'replies'],
} as const;

const ZERO: VideoEngagement = { likes: 0, comments: 0, shares: 0, saves: 0 };

function byKind(batch: Map<string, Deltas>, kind: keyof typeof COUNTER_FIELDS) {
  return [...batch]
    .filter(([subject]) => subject.startsWith(`${kind}:`))
    .map(([subject, deltas]) => ({ id: subject.slice(kind.length + 1), deltas }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Stored counters; flushed deltas are added in id order so concurrent flushes lock rows in the same order. */
export class CounterStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async apply(batch: Map<string, Deltas>): Promise<void> {
    const videos = byKind(batch, 'v');
    const column = (rows: typeof videos, field: string) => rows.map((row) => row.deltas[field] ?? 0);
    if (videos.length > 0) {
      await this.#db.query(
        `insert into video_counters (video_id, likes, comments, shares, saves)
         select * from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[])
         on conflict (video_id) do update set likes = video_counters.likes + excluded.likes,
           comments = video_counters.comments + excluded.comments, shares = video_counters.shares + excluded.shares,
           saves = video_counters.saves + excluded.saves`,
        [
          videos.map((row) => row.id),
          column(videos, 'likes'),
          column(videos, 'comments'),
          column(videos, 'shares'),
          column(videos, 'saves'),
        ],
      );
    }
    const creators = byKind(batch, 'u');
    if (creators.length > 0) {
      await this.#db.query(
        `insert into creator_counters (user_id, likes) select * from unnest($1::uuid[], $2::bigint[])
         on conflict (user_id) do update set likes = creator_counters.likes + excluded.likes`,
        [creators.map((row) => row.id), column(creators, 'likes')],
      );
    }
    const comments = byKind(batch, 'c');
    if (comments.length > 0) {
      // A comment deleted meanwhile simply has no row to update.
      await this.#db.query(
        `update comments set like_count = comments.like_count + d.likes, reply_count = comments.reply_count + d.replies
         from unnest($1::uuid[], $2::bigint[], $3::bigint[]) as d(id, likes, replies) where comments.id = d.id`,
        [comments.map((row) => row.id), column(comments, 'likes'), column(comments, 'replies')],
      );
    }
  }

  async videoCounts(videoIds: readonly string[]): Promise<Map<string, VideoEngagement>> {
    const { rows } = await this.#db.query<{
      video_id: string;
      likes: string;
      comments: string;
      shares: string;
      saves: string;
    }>('select video_id, likes, comments, shares, saves from video_counters where video_id = any($1::uuid[])', [
      videoIds,
    ]);
    const counts = new Map(videoIds.map((id) => [id, { ...ZERO }]));
    for (const row of rows) {
      counts.set(row.video_id, {
        likes: Number(row.likes),
        comments: Number(row.comments),
        shares: Number(row.shares),
        saves: Number(row.saves),
      });
    }
    return counts;
  }

  async commentCounts(commentIds: readonly string[]): Promise<Map<string, { likes: number; replies: number }>> {
    const { rows } = await this.#db.query<{ id: string; like_count: string; reply_count: string }>(
      'select id, like_count, reply_count from comments where id = any($1::uuid[])',
      [commentIds],
    );
    return new Map(rows.map((row) => [row.id, { likes: Number(row.like_count), replies: Number(row.reply_count) }]));
  }

  async creatorLikes(userId: string): Promise<number> {
    const { rows } = await this.#db.query<{ likes: string }>('select likes from creator_counters where user_id = $1', [
      userId,
    ]);
    return Number(rows[0]?.likes ?? 0);
  }
}
