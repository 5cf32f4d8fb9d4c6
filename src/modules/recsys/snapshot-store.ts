import { base64Param, fromBase64Column } from '../../platform/db/binary.ts';
import type { Database } from '../../platform/db/database.ts';
import { SqlStore } from '../../platform/db/sql-store.ts';

const PART_BYTES = 4 * 1024 * 1024;
/** Complete snapshots kept: the newest, and one before it in case the newest turns out unreadable. */
const KEPT = 2;

export interface StoredSnapshot {
  watermark: number;
  data: Buffer;
  takenAt: number;
}

/** Data access for recsys_snapshots / recsys_snapshot_parts; no decisions here. */
export class SnapshotStore extends SqlStore<Database> {
  /** Writes a snapshot in parts, marks it complete, and drops all but the newest few. */
  async save(nodeId: string, watermark: number, data: Buffer): Promise<void> {
    const parts = Math.max(1, Math.ceil(data.length / PART_BYTES));
    const { rows } = await this.db.query<{ id: string }>(
      `insert into recsys_snapshots (node_id, watermark, byte_size, parts) values ($1, $2, $3, $4) returning id::text`,
      [nodeId, new Date(watermark).toISOString(), data.length, parts],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('snapshot row was not created');
    for (let part = 0; part < parts; part++) {
      await this.db.query(
        `insert into recsys_snapshot_parts (snapshot_id, part, data) values ($1, $2, decode($3, 'base64'))`,
        [id, part, base64Param(data.subarray(part * PART_BYTES, (part + 1) * PART_BYTES))],
      );
    }
    await this.db.transaction(async (tx) => {
      await tx.query('update recsys_snapshots set complete = true where id = $1', [id]);
      await tx.query(
        `delete from recsys_snapshots where id not in (
           select id from recsys_snapshots where complete order by taken_at desc, id desc limit $1)
         and (complete or taken_at < now() - interval '1 hour')`,
        [KEPT],
      );
    });
  }

  /** When the newest complete snapshot was taken (any node), to avoid several nodes writing one each. */
  async latestTakenAt(): Promise<number | null> {
    const { rows } = await this.db.query<{ taken_at: Date }>(
      'select taken_at from recsys_snapshots where complete order by taken_at desc limit 1',
    );
    return rows[0] ? new Date(rows[0].taken_at).getTime() : null;
  }

  async loadLatest(): Promise<StoredSnapshot | null> {
    const { rows } = await this.db.query<{ id: string; watermark: Date; taken_at: Date; parts: number }>(
      `select id::text, watermark, taken_at, parts from recsys_snapshots where complete
       order by taken_at desc, id desc limit 1`,
    );
    const snapshot = rows[0];
    if (!snapshot) return null;
    const parts = await this.db.query<{ data: string }>(
      `select encode(data, 'base64') as data from recsys_snapshot_parts where snapshot_id = $1 order by part`,
      [snapshot.id],
    );
    if (parts.rows.length !== snapshot.parts) return null;
    return {
      watermark: new Date(snapshot.watermark).getTime(),
      takenAt: new Date(snapshot.taken_at).getTime(),
      data: Buffer.concat(parts.rows.map((row) => fromBase64Column(row.data))),
    };
  }
}
