import type { SqlExecutor } from '../../platform/db/database.ts';
import { keysetParams, keysetTail } from '../../platform/db/keyset.ts';
import { PairTable } from '../../platform/db/pair-table.ts';
import { SqlStore } from '../../platform/db/sql-store.ts';

/** Keyset position in a newest-first list. */
export interface Position {
  at: string;
  id: string;
}

/**
 * Data access for likes, saves and shares; no decisions here. Inserting an existing like or deleting a missing
 * one changes nothing and says so, which is what keeps the counters exact when requests race.
 */
export class ReactionStore extends SqlStore {
  readonly #likes: PairTable;
  readonly #saves: PairTable;

  constructor(db: SqlExecutor) {
    super(db);
    this.#likes = new PairTable(db, 'video_likes', ['video_id', 'user_id']);
    this.#saves = new PairTable(db, 'video_saves', ['video_id', 'user_id']);
  }

  insertLike(videoId: string, userId: string): Promise<boolean> {
    return this.#likes.add(videoId, userId);
  }

  deleteLike(videoId: string, userId: string): Promise<boolean> {
    return this.#likes.remove(videoId, userId);
  }

  insertSave(videoId: string, userId: string): Promise<boolean> {
    return this.#saves.add(videoId, userId);
  }

  deleteSave(videoId: string, userId: string): Promise<boolean> {
    return this.#saves.remove(videoId, userId);
  }

  async insertShare(videoId: string, userId: string | null, channel: string): Promise<void> {
    await this.db.query('insert into video_shares (video_id, user_id, channel) values ($1, $2, $3)', [
      videoId,
      userId,
      channel,
    ]);
  }

  /** Which of `videoIds` the user liked and saved. */
  async viewerState(userId: string, videoIds: readonly string[]): Promise<{ liked: Set<string>; saved: Set<string> }> {
    const { rows } = await this.db.query<{ kind: string; video_id: string }>(
      `select 'liked' as kind, video_id from video_likes where user_id = $1 and video_id = any($2::uuid[])
       union all
       select 'saved', video_id from video_saves where user_id = $1 and video_id = any($2::uuid[])`,
      [userId, videoIds],
    );
    const state = { liked: new Set<string>(), saved: new Set<string>() };
    for (const row of rows) (row.kind === 'liked' ? state.liked : state.saved).add(row.video_id);
    return state;
  }

  async listSaved(userId: string, after: Position | null, limit: number): Promise<Position[]> {
    const { rows } = await this.db.query<Position>(
      `select video_id as id, created_at::text as at from video_saves
       where user_id = $1 and ${keysetTail('newest first', 2, { at: 'created_at', id: 'video_id' })}`,
      [userId, ...keysetParams(after, limit)],
    );
    return rows;
  }
}
