import { SqlStore } from '../../platform/db/sql-store.ts';

export interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  title: string | null;
  created_by: string;
  /** Position in the list: the seq of its last message, or of its creation. */
  activity_seq: string;
  last_message_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface MemberRow {
  conversation_id: string;
  user_id: string;
  last_read_seq: string;
}

export interface MessageRow {
  id: string;
  seq: string;
  conversation_id: string;
  sender_id: string;
  text: string | null;
  video_id: string | null;
  created_at: Date;
}

const CONVERSATION =
  'c.id, c.kind, c.title, c.created_by, c.activity_seq::text as activity_seq, c.last_message_id, c.created_at, c.updated_at';
const MESSAGE = 'id, seq::text as seq, conversation_id, sender_id, text, video_id, created_at';

/** Data access for conversations, their members and messages; no decisions here. */
export class MessagingStore extends SqlStore {
  /** False when a 1:1 with this `direct_key` already exists. */
  async insertConversation(row: {
    id: string;
    kind: 'direct' | 'group';
    title: string | null;
    direct_key: string | null;
    created_by: string;
  }): Promise<boolean> {
    const result = await this.db.query(
      `insert into conversations (id, kind, title, direct_key, created_by) values ($1, $2, $3, $4, $5)
       on conflict (direct_key) do nothing`,
      [row.id, row.kind, row.title, row.direct_key, row.created_by],
    );
    return result.rowCount === 1;
  }

  async insertMembers(conversationId: string, userIds: readonly string[]): Promise<void> {
    await this.db.query(
      `insert into conversation_members (conversation_id, user_id)
       select $1, unnest($2::uuid[]) on conflict do nothing`,
      [conversationId, userIds],
    );
  }

  async findDirect(directKey: string): Promise<ConversationRow | null> {
    const { rows } = await this.db.query<ConversationRow>(
      `select ${CONVERSATION} from conversations c where c.direct_key = $1`,
      [directKey],
    );
    return rows[0] ?? null;
  }

  /** The conversation, only when `userId` is a member. */
  async findForMember(conversationId: string, userId: string): Promise<ConversationRow | null> {
    const { rows } = await this.db.query<ConversationRow>(
      `select ${CONVERSATION} from conversations c
       join conversation_members m on m.conversation_id = c.id and m.user_id = $2
       where c.id = $1`,
      [conversationId, userId],
    );
    return rows[0] ?? null;
  }

  /** Latest activity first; `beforeSeq` is the cursor. */
  async listForMember(userId: string, beforeSeq: string | null, limit: number): Promise<ConversationRow[]> {
    const { rows } = await this.db.query<ConversationRow>(
      `select ${CONVERSATION} from conversation_members m
       join conversations c on c.id = m.conversation_id
       where m.user_id = $1 and ($2::bigint is null or c.activity_seq < $2::bigint)
       order by c.activity_seq desc limit $3`,
      [userId, beforeSeq, limit],
    );
    return rows;
  }

  async members(conversationIds: readonly string[]): Promise<MemberRow[]> {
    if (conversationIds.length === 0) return [];
    const { rows } = await this.db.query<MemberRow>(
      `select conversation_id, user_id, last_read_seq::text as last_read_seq from conversation_members
       where conversation_id = any($1::uuid[]) order by joined_at, user_id`,
      [conversationIds],
    );
    return rows;
  }

  /** Per conversation: messages of others after `userId`'s read position. */
  async unreadCounts(userId: string, conversationIds: readonly string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const { rows } = await this.db.query<{ conversation_id: string; unread: string }>(
      `select m.conversation_id, count(msg.id) as unread
       from conversation_members m
       left join messages msg on msg.conversation_id = m.conversation_id
         and msg.seq > m.last_read_seq and msg.sender_id <> m.user_id
       where m.user_id = $1 and m.conversation_id = any($2::uuid[])
       group by m.conversation_id`,
      [userId, conversationIds],
    );
    return new Map(rows.map((row) => [row.conversation_id, Number(row.unread)]));
  }

  async insertMessage(row: {
    id: string;
    conversation_id: string;
    sender_id: string;
    text: string | null;
    video_id: string | null;
  }): Promise<MessageRow> {
    const { rows } = await this.db.query<MessageRow>(
      `insert into messages (id, conversation_id, sender_id, text, video_id) values ($1, $2, $3, $4, $5)
       returning ${MESSAGE}`,
      [row.id, row.conversation_id, row.sender_id, row.text, row.video_id],
    );
    if (!rows[0]) throw new Error('a message insert returned no row');
    return rows[0];
  }

  /** Moves the conversation to the top of its members' lists. */
  async touchConversation(conversationId: string, message: MessageRow): Promise<void> {
    await this.db.query(
      `update conversations set activity_seq = greatest(activity_seq, $2::bigint), last_message_id = $3, updated_at = now()
       where id = $1`,
      [conversationId, message.seq, message.id],
    );
  }

  /** Never moves a read position back; true when it moved. */
  async markRead(conversationId: string, userId: string, seq: string): Promise<boolean> {
    const result = await this.db.query(
      `update conversation_members set last_read_seq = $3::bigint
       where conversation_id = $1 and user_id = $2 and last_read_seq < $3::bigint`,
      [conversationId, userId, seq],
    );
    return result.rowCount === 1;
  }

  /** Newest first; `beforeSeq` is the cursor. */
  async history(conversationId: string, beforeSeq: string | null, limit: number): Promise<MessageRow[]> {
    const { rows } = await this.db.query<MessageRow>(
      `select ${MESSAGE} from messages
       where conversation_id = $1 and ($2::bigint is null or seq < $2::bigint)
       order by messages.seq desc limit $3`,
      [conversationId, beforeSeq, limit],
    );
    return rows;
  }

  async findMessage(conversationId: string, messageId: string): Promise<MessageRow | null> {
    const { rows } = await this.db.query<MessageRow>(
      `select ${MESSAGE} from messages where id = $1 and conversation_id = $2`,
      [messageId, conversationId],
    );
    return rows[0] ?? null;
  }

  async messagesByIds(ids: readonly string[]): Promise<MessageRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<MessageRow>(`select ${MESSAGE} from messages where id = any($1::uuid[])`, [
      ids,
    ]);
    return rows;
  }

  async hasWritten(conversationId: string, userId: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'select 1 from messages where conversation_id = $1 and sender_id = $2 limit 1',
      [conversationId, userId],
    );
    return rows.length > 0;
  }
}
