import { SqlStore } from '../../platform/db/sql-store.ts';
import type { VideoEngagement } from '../videos/stats.ts';

export type VideoCounterField = keyof VideoEngagement;
export type CommentCounterField = 'likes' | 'replies';

/** One counter moved by one fact; recorded in the transaction that stores the fact. */
export type CounterChange =
  | { video: string; author: string | null; field: VideoCounterField; by: number }
  | { comment: string; field: CommentCounterField; by: number };

const VIDEO_FIELDS: readonly VideoCounterField[] = ['likes', 'comments', 'shares', 'saves'];
const ZERO: VideoEngagement = { likes: 0, comments: 0, shares: 0, saves: 0 };

/**
 * Serialises flush passes and reconciliation passes across every node, so a reconciliation reads counters and
 * pending deltas that no flush is moving between each other.
 */
const FLUSH_LOCK = 7270016;

type CountRow = Record<VideoCounterField, string> & { video_id: string };

function toEngagement(row: CountRow): VideoEngagement {
  return {
    likes: Number(row.likes),
    comments: Number(row.comments),
    shares: Number(row.shares),
    saves: Number(row.saves),
  };
}

/** What one reconcile batch did: its last key (null when there were none left) and how many counts it corrected. */
export interface Reconciled {
  last: string | null;
  corrected: number;
}

/** The interactions module's counter tables: deltas written with their facts, folded into counters by a flush. */
export class CounterStore extends SqlStore {
  /** Writes the deltas of `changes`; call it with the transaction that stores the facts they count. */
  async record(changes: readonly CounterChange[]): Promise<void> {
    const videos = changes.filter((change) => 'video' in change);
    const comments = changes.filter((change) => 'comment' in change);
    if (videos.length > 0) {
      const column = (field: VideoCounterField) => videos.map((change) => (change.field === field ? change.by : 0));
      await this.db.query(
        `insert into video_counter_deltas (video_id, author_id, likes, comments, shares, saves)
         select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::int[], $6::int[])`,
        [videos.map((change) => change.video), videos.map((change) => change.author), ...VIDEO_FIELDS.map(column)],
      );
    }
    if (comments.length > 0) {
      await this.db.query(
        `insert into comment_counter_deltas (comment_id, likes, replies)
         select * from unnest($1::uuid[], $2::int[], $3::int[])`,
        [
          comments.map((change) => change.comment),
          comments.map((change) => (change.field === 'likes' ? change.by : 0)),
          comments.map((change) => (change.field === 'replies' ? change.by : 0)),
        ],
      );
    }
  }

  /** Counts as shown: stored plus pending, read in one statement (one snapshot), so never half a flush. */
  async videoCounts(videoIds: readonly string[]): Promise<Map<string, VideoEngagement>> {
    const { rows } = await this.db.query<CountRow>(
      `select v.id as video_id,
         coalesce(c.likes, 0) + coalesce(p.likes, 0) as likes,
         coalesce(c.comments, 0) + coalesce(p.comments, 0) as comments,
         coalesce(c.shares, 0) + coalesce(p.shares, 0) as shares,
         coalesce(c.saves, 0) + coalesce(p.saves, 0) as saves
       from unnest($1::uuid[]) as v(id)
       left join video_counters c on c.video_id = v.id
       left join lateral (
         select sum(likes) as likes, sum(comments) as comments, sum(shares) as shares, sum(saves) as saves
         from video_counter_deltas d where d.video_id = v.id
       ) p on true`,
      [videoIds],
    );
    return new Map(rows.map((row) => [row.video_id, toEngagement(row)]));
  }

  /** The folded and the pending part of a video's counts, for tests, benchmarks and operators. */
  async videoCounterState(videoId: string): Promise<{ stored: VideoEngagement; pending: VideoEngagement }> {
    const { rows } = await this.db.query<{ part: 'stored' | 'pending' } & CountRow>(
      `select 'stored' as part, video_id, likes, comments, shares, saves from video_counters where video_id = $1
       union all
       select 'pending', $1, coalesce(sum(likes), 0), coalesce(sum(comments), 0), coalesce(sum(shares), 0),
         coalesce(sum(saves), 0)
       from video_counter_deltas where video_id = $1`,
      [videoId],
    );
    const part = (name: 'stored' | 'pending') => {
      const row = rows.find((candidate) => candidate.part === name);
      return row ? toEngagement(row) : { ...ZERO };
    };
    return { stored: part('stored'), pending: part('pending') };
  }

  async commentCounts(commentIds: readonly string[]): Promise<Map<string, { likes: number; replies: number }>> {
    const { rows } = await this.db.query<{ id: string; likes: string; replies: string }>(
      `select c.id, c.like_count + coalesce(p.likes, 0) as likes, c.reply_count + coalesce(p.replies, 0) as replies
       from comments c
       left join lateral (
         select sum(likes) as likes, sum(replies) as replies from comment_counter_deltas d where d.comment_id = c.id
       ) p on true
       where c.id = any($1::uuid[])`,
      [commentIds],
    );
    return new Map(rows.map((row) => [row.id, { likes: Number(row.likes), replies: Number(row.replies) }]));
  }

  async creatorLikes(userId: string): Promise<number> {
    const { rows } = await this.db.query<{ likes: string }>(
      `select coalesce((select likes from creator_counters where user_id = $1), 0)
         + coalesce((select sum(likes) from video_counter_deltas where author_id = $1), 0) as likes`,
      [userId],
    );
    return Number(rows[0]?.likes ?? 0);
  }

  /** Takes the flush lock for the transaction this store runs in; false when another node's pass holds it. */
  async tryLockCounters(): Promise<boolean> {
    const { rows } = await this.db.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [
      FLUSH_LOCK,
    ]);
    return rows[0]?.locked === true;
  }

  async lockCounters(): Promise<void> {
    await this.db.query('select pg_advisory_xact_lock($1)', [FLUSH_LOCK]);
  }

  /**
   * Folds the oldest `limit` video deltas into the video and creator counters and deletes them, in one statement;
   * returns how many deltas it folded.
   */
  async foldVideoDeltas(limit: number): Promise<number> {
    const { rows } = await this.db.query<{ folded: string }>(
      `with taken as (
         delete from video_counter_deltas where id in (select id from video_counter_deltas order by id limit $1)
         returning video_id, author_id, likes, comments, shares, saves
       ), per_video as (
         select video_id, (array_agg(author_id) filter (where author_id is not null))[1] as author_id,
           sum(likes) as likes, sum(comments) as comments, sum(shares) as shares, sum(saves) as saves
         from taken group by video_id
       ), videos as (
         insert into video_counters (video_id, author_id, likes, comments, shares, saves)
         select * from per_video order by video_id
         on conflict (video_id) do update set author_id = coalesce(video_counters.author_id, excluded.author_id),
           likes = video_counters.likes + excluded.likes, comments = video_counters.comments + excluded.comments,
           shares = video_counters.shares + excluded.shares, saves = video_counters.saves + excluded.saves
       ), creators as (
         insert into creator_counters (user_id, likes)
         select author_id, sum(likes) from taken where author_id is not null
         group by author_id having sum(likes) <> 0 order by author_id
         on conflict (user_id) do update set likes = creator_counters.likes + excluded.likes
       )
       select count(*) as folded from taken`,
      [limit],
    );
    return Number(rows[0]?.folded ?? 0);
  }

  /** Folds the oldest `limit` comment deltas; those of a comment deleted meanwhile simply go. */
  async foldCommentDeltas(limit: number): Promise<number> {
    const { rows } = await this.db.query<{ folded: string }>(
      `with taken as (
         delete from comment_counter_deltas where id in (select id from comment_counter_deltas order by id limit $1)
         returning comment_id, likes, replies
       ), per_comment as (
         select comment_id, sum(likes) as likes, sum(replies) as replies from taken group by comment_id
       ), updated as (
         update comments set like_count = comments.like_count + d.likes, reply_count = comments.reply_count + d.replies
         from per_comment d where comments.id = d.comment_id
       )
       select count(*) as folded from taken`,
      [limit],
    );
    return Number(rows[0]?.folded ?? 0);
  }

  /**
   * Sets the counters of up to `limit` videos after `after` (in id order) to what their rows say, less what is still
   * pending; returns the last video id looked at (null when none was left) and how many were wrong.
   * Call it holding the flush lock, so no pending delta moves meanwhile.
   */
  reconcileVideos(after: string, limit: number): Promise<Reconciled> {
    return this.#reconcile(
      `with ids as (
         select video_id from (
           (select video_id from video_counters where video_id > $1 order by video_id limit $2)
           union (select video_id from video_likes where video_id > $1 order by video_id limit $2)
           union (select video_id from video_saves where video_id > $1 order by video_id limit $2)
           union (select video_id from video_shares where video_id > $1 order by video_id limit $2)
           union (select video_id from comments where video_id > $1 and parent_id is null order by video_id limit $2)
         ) found order by video_id limit $2
       ), truth as (
         select ids.video_id,
           (select count(*) from video_likes s where s.video_id = ids.video_id) - coalesce(p.likes, 0) as likes,
           (select count(*) from comments s where s.video_id = ids.video_id) - coalesce(p.comments, 0) as comments,
           (select count(*) from video_shares s where s.video_id = ids.video_id) - coalesce(p.shares, 0) as shares,
           (select count(*) from video_saves s where s.video_id = ids.video_id) - coalesce(p.saves, 0) as saves
         from ids left join lateral (
           select sum(likes) as likes, sum(comments) as comments, sum(shares) as shares, sum(saves) as saves
           from video_counter_deltas d where d.video_id = ids.video_id
         ) p on true
       ), wrong as (
         select truth.* from truth left join video_counters c on c.video_id = truth.video_id
         where (coalesce(c.likes, 0), coalesce(c.comments, 0), coalesce(c.shares, 0), coalesce(c.saves, 0))
           <> (truth.likes, truth.comments, truth.shares, truth.saves)
       ), corrected as (
         insert into video_counters (video_id, likes, comments, shares, saves)
         select video_id, likes, comments, shares, saves from wrong order by video_id
         on conflict (video_id) do update set likes = excluded.likes, comments = excluded.comments,
           shares = excluded.shares, saves = excluded.saves
         returning 1
       )`,
      'video_id',
      after,
      limit,
    );
  }

  /** As `reconcileVideos`, for comments' like and reply counts. */
  reconcileComments(after: string, limit: number): Promise<Reconciled> {
    return this.#reconcile(
      `with ids as (
         select id from comments where id > $1 order by id limit $2
       ), truth as (
         select ids.id,
           (select count(*) from comment_likes s where s.comment_id = ids.id) - coalesce(p.likes, 0) as likes,
           (select count(*) from comments s where s.parent_id = ids.id) - coalesce(p.replies, 0) as replies
         from ids left join lateral (
           select sum(likes) as likes, sum(replies) as replies from comment_counter_deltas d where d.comment_id = ids.id
         ) p on true
       ), corrected as (
         update comments set like_count = truth.likes, reply_count = truth.replies from truth
         where comments.id = truth.id
           and (comments.like_count, comments.reply_count) is distinct from (truth.likes, truth.replies)
         returning 1
       )`,
      'id',
      after,
      limit,
    );
  }

  /**
   * As `reconcileVideos`, for creators' like totals: the sum of the folded likes of their videos (pending likes are
   * pending on both sides).
   */
  reconcileCreators(after: string, limit: number): Promise<Reconciled> {
    return this.#reconcile(
      `with ids as (
         select user_id from (
           (select user_id from creator_counters where user_id > $1 order by user_id limit $2)
           union (select author_id from video_counters where author_id > $1 order by author_id limit $2)
         ) found order by user_id limit $2
       ), truth as (
         select ids.user_id,
           coalesce((select sum(likes) from video_counters v where v.author_id = ids.user_id), 0) as likes
         from ids
       ), wrong as (
         select truth.* from truth left join creator_counters c on c.user_id = truth.user_id
         where coalesce(c.likes, 0) <> truth.likes
       ), corrected as (
         insert into creator_counters (user_id, likes) select user_id, likes from wrong order by user_id
         on conflict (user_id) do update set likes = excluded.likes
         returning 1
       )`,
      'user_id',
      after,
      limit,
    );
  }

  /**
   * Runs one reconcile over the batch of keys after `after`: `steps` name the batch `ids` (its key column `key`) and
   * the rows they fixed `corrected`; this answers the batch's last key and how many were fixed.
   */
  async #reconcile(steps: string, key: string, after: string, limit: number): Promise<Reconciled> {
    const { rows } = await this.db.query<{ last: string | null; corrected: string }>(
      `${steps}
       select (select ${key} from ids order by ${key} desc limit 1) as last, (select count(*) from corrected) as corrected`,
      [after, limit],
    );
    return { last: rows[0]?.last ?? null, corrected: Number(rows[0]?.corrected ?? 0) };
  }
}
