import { SqlStore } from '../../platform/db/sql-store.ts';

export type UploadState = 'open' | 'finished' | 'cancelled' | 'expired';

export interface UploadRow {
  id: string;
  owner_id: string;
  size: number;
  state: UploadState;
  expires_at: Date;
}

const COLUMNS = 'id, owner_id, size::float8 as size, state, expires_at';

/** Data access for the resumable_uploads table; no decisions here. */
export class UploadStore extends SqlStore {
  async insert(upload: { id: string; owner_id: string; size: number; expires_at: Date }): Promise<void> {
    await this.db.query('insert into resumable_uploads (id, owner_id, size, expires_at) values ($1, $2, $3, $4)', [
      upload.id,
      upload.owner_id,
      upload.size,
      upload.expires_at,
    ]);
  }

  async find(id: string): Promise<UploadRow | null> {
    const { rows } = await this.db.query<UploadRow>(`select ${COLUMNS} from resumable_uploads where id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Returns false when the upload had already ended (another node or an earlier attempt got there first). */
  async end(id: string, state: Exclude<UploadState, 'open'>): Promise<boolean> {
    const result = await this.db.query(
      "update resumable_uploads set state = $2, ended_at = now() where id = $1 and state = 'open'",
      [id, state],
    );
    return result.rowCount === 1;
  }

  /** Open uploads in id order after `afterId`, a page at a time. */
  async listOpen(afterId: string | null, limit: number): Promise<UploadRow[]> {
    const { rows } = await this.db.query<UploadRow>(
      `select ${COLUMNS} from resumable_uploads
       where state = 'open' and ($1::uuid is null or id > $1::uuid) order by id limit $2`,
      [afterId, limit],
    );
    return rows;
  }

  async listExpired(now: Date, limit: number): Promise<UploadRow[]> {
    const { rows } = await this.db.query<UploadRow>(
      `select ${COLUMNS} from resumable_uploads where state = 'open' and expires_at <= $1
       order by expires_at, id limit $2`,
      [now, limit],
    );
    return rows;
  }
}
