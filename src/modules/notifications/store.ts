import type { SqlExecutor } from '../../platform/db/database.ts';
import type { NotificationIntent, NotificationType } from './intents.ts';

export interface NotificationRow {
  id: string;
  recipient_id: string;
  type: NotificationType;
  video_id: string | null;
  comment_id: string | null;
  text: string | null;
  actor_ids: string[];
  actor_count: number;
  seq: string;
  read_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id::text as id, recipient_id, type, video_id, comment_id, text, actor_ids, actor_count, seq::text as seq, read_at, created_at, updated_at';

/** Data access for notifications and their actors; no decisions here. */
export class NotificationStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  /**
   * Adds the intent's actor to the recipient's notification of that group, creating it if needed. Run it in a
   * transaction: the upsert locks the row, so concurrent likes of one video take turns. Returns the notification's
   * id when something changed; null when the actor was already there (a repeat or a redelivered event).
   */
  async addActor(intent: NotificationIntent, keepActors: number): Promise<string | null> {
    const { rows } = await this.#db.query<{ id: string }>(
      `insert into notifications (recipient_id, group_key, type, video_id, comment_id, text)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (recipient_id, group_key) do update set group_key = excluded.group_key
       returning id::text as id`,
      [intent.recipientId, intent.groupKey, intent.type, intent.videoId, intent.commentId, intent.text],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('a notification upsert returned no row');
    const added = await this.#db.query(
      'insert into notification_actors (notification_id, actor_id) values ($1, $2) on conflict do nothing',
      [id, intent.actorId],
    );
    if (added.rowCount !== 1) return null;
    await this.#db.query(
      `update notifications
       set actor_count = actor_count + 1,
           actor_ids = (array[$2::uuid] || array_remove(actor_ids, $2::uuid))[1:$3::int],
           seq = nextval('notification_seq'), read_at = null, updated_at = now()
       where id = $1`,
      [id, intent.actorId, keepActors],
    );
    return id;
  }

  async find(recipientId: string, id: string): Promise<NotificationRow | null> {
    const { rows } = await this.#db.query<NotificationRow>(
      `select ${COLUMNS} from notifications where id = $1 and recipient_id = $2`,
      [id, recipientId],
    );
    return rows[0] ?? null;
  }

  /** Newest change first; `beforeSeq` is the cursor. */
  async list(recipientId: string, beforeSeq: string | null, limit: number): Promise<NotificationRow[]> {
    const { rows } = await this.#db.query<NotificationRow>(
      `select ${COLUMNS} from notifications
       where recipient_id = $1 and ($2::bigint is null or seq < $2::bigint)
       order by seq desc limit $3`,
      [recipientId, beforeSeq, limit],
    );
    return rows;
  }

  async unreadCount(recipientId: string): Promise<number> {
    const { rows } = await this.#db.query<{ count: string }>(
      'select count(*) as count from notifications where recipient_id = $1 and read_at is null',
      [recipientId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Marks read everything at or below `upToSeq` in list order; everything when null. */
  async markRead(recipientId: string, upToSeq: string | null): Promise<void> {
    await this.#db.query(
      `update notifications set read_at = now()
       where recipient_id = $1 and read_at is null and ($2::bigint is null or seq <= $2::bigint)`,
      [recipientId, upToSeq],
    );
  }
}
