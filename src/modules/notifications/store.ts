import { SqlStore } from '../../platform/db/sql-store.ts';
import type { NotificationIntent, NotificationType } from './intents.ts';
import type { Liker } from './like-withdrawal.ts';

export interface NotificationRow {
  id: string;
  recipient_id: string;
  type: NotificationType;
  video_id: string | null;
  comment_id: string | null;
  stream_id: string | null;
  text: string | null;
  actor_ids: string[];
  actor_count: number;
  seq: string;
  read_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A like notification whose every liker unliked stays (liking again restores it) but is not shown. */
const SHOWN = 'actor_count > 0';

const COLUMNS =
  'id::text as id, recipient_id, type, video_id, comment_id, stream_id, text, actor_ids, actor_count, seq::text as seq, read_at, created_at, updated_at';

/** Data access for notifications and their actors; no decisions here. */
export class NotificationStore extends SqlStore {
  /**
   * Adds the intent's actor to the recipient's notification of that group, creating it if needed. Run it in a
   * transaction: the upsert locks the row, so concurrent likes of one video take turns. Returns the notification's
   * id when it has news for the recipient; null when the actor was already there (a repeat or a redelivered event)
   * or comes back after a withdrawal (counted and named again, without a new alert).
   */
  async addActor(intent: NotificationIntent, keepActors: number): Promise<string | null> {
    const { rows } = await this.db.query<{ id: string }>(
      `insert into notifications (recipient_id, group_key, type, video_id, comment_id, stream_id, text)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (recipient_id, group_key) do update set group_key = excluded.group_key
       returning id::text as id`,
      [
        intent.recipientId,
        intent.groupKey,
        intent.type,
        intent.videoId,
        intent.commentId,
        intent.streamId,
        intent.text,
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('a notification upsert returned no row');
    const added = await this.db.query(
      'insert into notification_actors (notification_id, actor_id) values ($1, $2) on conflict do nothing',
      [id, intent.actorId],
    );
    if (added.rowCount !== 1) {
      await this.#flagActor([id], intent.actorId, false, keepActors);
      return null;
    }
    await this.db.query(
      `update notifications
       set actor_count = actor_count + 1,
           actor_ids = (array[$2::uuid] || array_remove(actor_ids, $2::uuid))[1:$3::int],
           seq = nextval('notification_seq'), read_at = null, updated_at = now()
       where id = $1`,
      [id, intent.actorId, keepActors],
    );
    return id;
  }

  /**
   * Withdraws the liker from the recipient's like notifications of the video (one per window), which then count and
   * name only the others; or, with `withdrawn` false, restores them. Run it in a transaction: it locks those
   * notifications first, as addActor does. Returns the ids of the notifications it changed.
   */
  async flagLiker(liker: Liker, withdrawn: boolean, keepActors: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `select id::text as id from notifications where recipient_id = $1 and type = 'like' and video_id = $2
       order by id for update`,
      [liker.recipientId, liker.videoId],
    );
    if (rows.length === 0) return [];
    return this.#flagActor(
      rows.map((row) => row.id),
      liker.actorId,
      withdrawn,
      keepActors,
    );
  }

  /** Deletes every notification about these comments; returns what it deleted (nothing when redelivered). */
  async removeOfComments(commentIds: readonly string[]): Promise<Array<{ id: string; recipient_id: string }>> {
    const { rows } = await this.db.query<{ id: string; recipient_id: string }>(
      `delete from notifications where comment_id = any($1::uuid[])
       returning id::text as id, recipient_id`,
      [commentIds],
    );
    return rows;
  }

  /** Deletes the recipient's notification of one group, if there is one. */
  async remove(recipientId: string, groupKey: string): Promise<void> {
    await this.db.query('delete from notifications where recipient_id = $1 and group_key = $2', [
      recipientId,
      groupKey,
    ]);
  }

  /**
   * Flags the actor withdrawn (or not) where it is not yet, then moves those notifications' counts and names the
   * newest actors left. A restored actor keeps its old place, so the outcome does not hang on the order of events.
   * Returns the ids of the notifications it changed.
   */
  async #flagActor(ids: string[], actorId: string, withdrawn: boolean, keepActors: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `update notification_actors set withdrawn = $3
       where notification_id = any($1::bigint[]) and actor_id = $2 and withdrawn <> $3
       returning notification_id::text as id`,
      [ids, actorId, withdrawn],
    );
    for (const row of rows) {
      await this.db.query(
        `update notifications set actor_count = actor_count + $2,
           actor_ids = array(select actor_id from notification_actors where notification_id = $1 and not withdrawn
                             order by added_at desc, actor_id desc limit $3)
         where id = $1`,
        [row.id, withdrawn ? -1 : 1, keepActors],
      );
    }
    return rows.map((row) => row.id);
  }

  async find(recipientId: string, id: string): Promise<NotificationRow | null> {
    const { rows } = await this.db.query<NotificationRow>(
      `select ${COLUMNS} from notifications where id = $1 and recipient_id = $2 and ${SHOWN}`,
      [id, recipientId],
    );
    return rows[0] ?? null;
  }

  /** Newest change first; `beforeSeq` is the cursor. */
  async list(recipientId: string, beforeSeq: string | null, limit: number): Promise<NotificationRow[]> {
    const { rows } = await this.db.query<NotificationRow>(
      `select ${COLUMNS} from notifications
       where recipient_id = $1 and ${SHOWN} and ($2::bigint is null or seq < $2::bigint)
       order by seq desc limit $3`,
      [recipientId, beforeSeq, limit],
    );
    return rows;
  }

  async unreadCount(recipientId: string): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(
      `select count(*) as count from notifications where recipient_id = $1 and read_at is null and ${SHOWN}`,
      [recipientId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Marks read everything at or below `upToSeq` in list order; everything when null. */
  async markRead(recipientId: string, upToSeq: string | null): Promise<void> {
    await this.db.query(
      `update notifications set read_at = now()
       where recipient_id = $1 and read_at is null and ($2::bigint is null or seq <= $2::bigint)`,
      [recipientId, upToSeq],
    );
  }
}
