import type { SqlExecutor } from '../../platform/db/database.ts';

export interface ChatMessageRow {
  id: string;
  stream_id: string;
  author_id: string;
  text: string;
  created_at: string;
}

/** One account's standing in one stream; an account without a row is a plain viewer. */
export interface MemberStanding {
  moderator: boolean;
  muted: boolean;
  banned: boolean;
}

const MESSAGE_COLUMNS = 'id, stream_id, author_id, text, created_at::text';
const PLAIN: MemberStanding = { moderator: false, muted: false, banned: false };
const STANDING_COLUMNS = { moderator: 'moderator', muted: 'muted', banned: 'banned' } as const;

/** Data access for a stream's chat, its members' standing and its slow mode; no decisions here. */
export class ChatStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async insert(message: { id: string; streamId: string; authorId: string; text: string }): Promise<ChatMessageRow> {
    const result = await this.#db.query<ChatMessageRow>(
      `insert into live_chat_messages (id, stream_id, author_id, text) values ($1, $2, $3, $4)
       returning ${MESSAGE_COLUMNS}`,
      [message.id, message.streamId, message.authorId, message.text],
    );
    const row = result.rows[0];
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  async find(streamId: string, messageId: string): Promise<ChatMessageRow | null> {
    const result = await this.#db.query<ChatMessageRow>(
      `select ${MESSAGE_COLUMNS} from live_chat_messages where stream_id = $1 and id = $2 and deleted_at is null`,
      [streamId, messageId],
    );
    return result.rows[0] ?? null;
  }

  /** Hides the message; true when it was shown until now. */
  async markDeleted(streamId: string, messageId: string): Promise<boolean> {
    const result = await this.#db.query(
      `update live_chat_messages set deleted_at = now() where stream_id = $1 and id = $2 and deleted_at is null`,
      [streamId, messageId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** The newest `limit` shown messages not written by `hiddenAuthors`, oldest first. */
  async recent(streamId: string, hiddenAuthors: readonly string[], limit: number): Promise<ChatMessageRow[]> {
    const result = await this.#db.query<ChatMessageRow>(
      `select ${MESSAGE_COLUMNS} from live_chat_messages
       where stream_id = $1 and deleted_at is null and not (author_id = any($2::uuid[]))
       order by created_at desc, id desc limit $3`,
      [streamId, hiddenAuthors, limit],
    );
    return result.rows.reverse();
  }

  async standing(streamId: string, userId: string): Promise<MemberStanding> {
    const result = await this.#db.query<MemberStanding>(
      'select moderator, muted, banned from live_stream_members where stream_id = $1 and user_id = $2',
      [streamId, userId],
    );
    return result.rows[0] ?? PLAIN;
  }

  /** Sets one standing of the account in the stream (the column comes from the type, never from input). */
  async setStanding(streamId: string, userId: string, standing: keyof MemberStanding, value: boolean): Promise<void> {
    const column = STANDING_COLUMNS[standing];
    await this.#db.query(
      `insert into live_stream_members (stream_id, user_id, ${column}) values ($1, $2, $3)
       on conflict (stream_id, user_id) do update set ${column} = excluded.${column}`,
      [streamId, userId, value],
    );
  }

  async setSlowMode(streamId: string, seconds: number): Promise<void> {
    await this.#db.query('update live_streams set slow_mode_seconds = $2 where id = $1', [streamId, seconds]);
  }
}
