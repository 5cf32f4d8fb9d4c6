import type { SqlExecutor } from '../../platform/db/database.ts';
import { keysetParams, keysetTail } from '../../platform/db/keyset.ts';
import { PairTable } from '../../platform/db/pair-table.ts';
import { SqlStore } from '../../platform/db/sql-store.ts';
import type { Position } from './store.ts';

export interface CommentRow {
  id: string;
  video_id: string;
  user_id: string;
  parent_id: string | null;
  content: string;
  mentions: string[];
  created_at: Date;
  /** As PostgreSQL prints it, to the microsecond, for keyset cursors. */
  created_at_exact: string;
}

/** Without the counts: those are read with their buffered deltas (InteractionCounters.commentCounts). */
const COLUMNS = 'id, video_id, user_id, parent_id, content, mentions, created_at, created_at::text as created_at_exact';

/** Data access for comments and their likes; no decisions here. */
export class CommentStore extends SqlStore {
  readonly #likes: PairTable;

  constructor(db: SqlExecutor) {
    super(db);
    this.#likes = new PairTable(db, 'comment_likes', ['comment_id', 'user_id']);
  }

  async insert(comment: Omit<CommentRow, 'created_at' | 'created_at_exact'>): Promise<CommentRow> {
    const { rows } = await this.db.query<CommentRow>(
      `insert into comments (id, video_id, user_id, parent_id, content, mentions) values ($1, $2, $3, $4, $5, $6)
       returning ${COLUMNS}`,
      [comment.id, comment.video_id, comment.user_id, comment.parent_id, comment.content, comment.mentions],
    );
    return rows[0] as CommentRow;
  }

  async find(id: string): Promise<CommentRow | null> {
    const { rows } = await this.db.query<CommentRow>(`select ${COLUMNS} from comments where id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Holds the comment until the transaction ends; false when it does not exist. */
  async lock(id: string): Promise<boolean> {
    const { rows } = await this.db.query('select 1 from comments where id = $1 for key share', [id]);
    return rows.length > 0;
  }

  /** Deletes a comment with its replies; returns every row deleted. */
  async deleteWithReplies(id: string): Promise<Array<{ id: string; parent_id: string | null }>> {
    const { rows } = await this.db.query<{ id: string; parent_id: string | null }>(
      'delete from comments where id = $1 or parent_id = $1 returning id, parent_id',
      [id],
    );
    return rows;
  }

  /** Top-level comments, newest first, except those written by `hiddenAuthors`. */
  listTopLevel(videoId: string, hiddenAuthors: readonly string[], after: Position | null, limit: number) {
    return this.#list('video_id = $1 and parent_id is null', 'newest first', videoId, hiddenAuthors, after, limit);
  }

  /** Replies in the order they were written, so a thread reads as a conversation; none by `hiddenAuthors`. */
  listReplies(parentId: string, hiddenAuthors: readonly string[], after: Position | null, limit: number) {
    return this.#list('parent_id = $1', 'oldest first', parentId, hiddenAuthors, after, limit);
  }

  async #list(
    where: string,
    order: 'newest first' | 'oldest first',
    parent: string,
    hiddenAuthors: readonly string[],
    after: Position | null,
    limit: number,
  ): Promise<CommentRow[]> {
    const { rows } = await this.db.query<CommentRow>(
      `select ${COLUMNS} from comments
       where ${where} and user_id <> all($2::uuid[]) and ${keysetTail(order, 3)}`,
      [parent, hiddenAuthors, ...keysetParams(after, limit)],
    );
    return rows;
  }

  insertLike(commentId: string, userId: string): Promise<boolean> {
    return this.#likes.add(commentId, userId);
  }

  deleteLike(commentId: string, userId: string): Promise<boolean> {
    return this.#likes.remove(commentId, userId);
  }

  async likedBy(userId: string, commentIds: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.db.query<{ comment_id: string }>(
      'select comment_id from comment_likes where user_id = $1 and comment_id = any($2::uuid[])',
      [userId, commentIds],
    );
    return new Set(rows.map((row) => row.comment_id));
  }
}
