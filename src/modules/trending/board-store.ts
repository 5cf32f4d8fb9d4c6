import { base64Param, fromBase64Column } from '../../platform/db/binary.ts';
import type { Database } from '../../platform/db/database.ts';
import { SqlStore } from '../../platform/db/sql-store.ts';
import type { Board } from './board.ts';

/** Detectors' boards and sketches in the `trending_nodes` table. */
export class BoardStore extends SqlStore<Database> {
  async publish(nodeId: string, board: Board): Promise<void> {
    await this.db.query(
      `insert into trending_nodes (node_id, board, updated_at) values ($1, $2::jsonb, now())
       on conflict (node_id) do update set board = excluded.board, updated_at = now()`,
      [nodeId, JSON.stringify(board)],
    );
  }

  async saveState(nodeId: string, board: Board, state: Uint8Array): Promise<void> {
    await this.db.query(
      `insert into trending_nodes (node_id, board, state, snapshot_at, updated_at) values ($1, $2::jsonb, decode($3, 'base64'), now(), now())
       on conflict (node_id) do update set board = excluded.board, state = excluded.state, snapshot_at = now(),
         updated_at = now()`,
      [nodeId, JSON.stringify(board), base64Param(state)],
    );
  }

  /**
   * A clean stop: the last state (null: the one saved last is still current), and a board nobody reads any more, so
   * the next detector adopts it at once.
   */
  async retire(nodeId: string, board: Board, state: Uint8Array | null): Promise<void> {
    await this.db.query(
      `insert into trending_nodes (node_id, board, state, snapshot_at, updated_at)
       values ($1, $2::jsonb, decode($3, 'base64'), now(), '-infinity')
       on conflict (node_id) do update set board = excluded.board,
         state = coalesce(excluded.state, trending_nodes.state), snapshot_at = now(), updated_at = '-infinity'`,
      [nodeId, JSON.stringify(board), state && base64Param(state)],
    );
  }

  /** Takes the sketches of every stopped detector (nothing written for `staleMs`); each goes to one taker. */
  async adoptStale(staleMs: number): Promise<Uint8Array[]> {
    const { rows } = await this.db.query<{ state: string | null }>(
      `delete from trending_nodes where updated_at < now() - $1::double precision * interval '1 millisecond'
       returning encode(state, 'base64') as state`,
      [staleMs],
    );
    return rows.flatMap((row) => (row.state ? [fromBase64Column(row.state)] : []));
  }

  /** The boards of running detectors other than `exceptNodeId`. */
  async freshBoards(exceptNodeId: string, staleMs: number): Promise<Board[]> {
    const { rows } = await this.db.query<{ board: Board }>(
      `select board from trending_nodes
       where node_id <> $1 and updated_at >= now() - $2::double precision * interval '1 millisecond'`,
      [exceptNodeId, staleMs],
    );
    return rows.map((row) => row.board);
  }
}
