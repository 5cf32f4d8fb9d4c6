import type { SqlExecutor } from '../../platform/db/database.ts';

export type LiveVisibility = 'public' | 'friends' | 'private';
export type LiveStatus = 'idle' | 'live' | 'ended';

export interface LiveStreamRow {
  id: string;
  host_id: string;
  title: string;
  visibility: LiveVisibility;
  status: LiveStatus;
  key_expires_at: string;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  slow_mode_seconds: number;
  /** The most viewers presence has counted at once so far. */
  peak_viewers: number;
  /** The host asked for a replay: the recording becomes a video when the stream ends. */
  replay: boolean;
  replay_video_id: string | null;
}

/** Keyset position in the on-air list: when it started (as PostgreSQL prints it) and the stream. */
export interface OnAirPosition {
  at: string;
  id: string;
}

const COLUMNS = `id, host_id, title, visibility, status, key_expires_at::text, created_at::text, started_at::text,
  ended_at::text, slow_mode_seconds, peak_viewers, replay, replay_video_id`;

/** Data access for live streams; no decisions here. */
export class LiveStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async insert(stream: {
    id: string;
    hostId: string;
    title: string;
    visibility: LiveVisibility;
    keyHash: string;
    keyExpiresAt: Date;
    replay: boolean;
  }): Promise<LiveStreamRow> {
    const result = await this.#db.query<LiveStreamRow>(
      `insert into live_streams (id, host_id, title, visibility, key_hash, key_expires_at, replay)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
      [
        stream.id,
        stream.hostId,
        stream.title,
        stream.visibility,
        stream.keyHash,
        stream.keyExpiresAt.toISOString(),
        stream.replay,
      ],
    );
    const row = result.rows[0];
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  async find(id: string): Promise<LiveStreamRow | null> {
    const result = await this.#db.query<LiveStreamRow>(`select ${COLUMNS} from live_streams where id = $1`, [id]);
    return result.rows[0] ?? null;
  }

  /** The stream a key opens, whatever its state (the caller decides). */
  async findByKeyHash(keyHash: string): Promise<LiveStreamRow | null> {
    const result = await this.#db.query<LiveStreamRow>(`select ${COLUMNS} from live_streams where key_hash = $1`, [
      keyHash,
    ]);
    return result.rows[0] ?? null;
  }

  /** idle → live; a stream already live stays as it is. The row when it changed. */
  async markLive(id: string): Promise<LiveStreamRow | null> {
    const result = await this.#db.query<LiveStreamRow>(
      `update live_streams set status = 'live', started_at = now() where id = $1 and status = 'idle'
       returning ${COLUMNS}`,
      [id],
    );
    return result.rows[0] ?? null;
  }

  /** → ended, once; the row when it changed. */
  async markEnded(id: string): Promise<LiveStreamRow | null> {
    const result = await this.#db.query<LiveStreamRow>(
      `update live_streams set status = 'ended', ended_at = now() where id = $1 and status <> 'ended'
       returning ${COLUMNS}`,
      [id],
    );
    return result.rows[0] ?? null;
  }

  /** The stream's replay video id: `videoId` the first time, the one chosen then ever after. */
  async reserveReplayVideo(id: string, videoId: string): Promise<string | null> {
    const result = await this.#db.query<{ replay_video_id: string }>(
      `update live_streams set replay_video_id = coalesce(replay_video_id, $2) where id = $1
       returning replay_video_id`,
      [id, videoId],
    );
    return result.rows[0]?.replay_video_id ?? null;
  }

  /** Ended streams whose HLS is still kept, ended before `endedBefore`, oldest first. */
  async listMediaKept(endedBefore: Date, limit: number): Promise<string[]> {
    const result = await this.#db.query<{ id: string }>(
      `select id from live_streams where status = 'ended' and media_removed_at is null and ended_at < $1
       order by ended_at limit $2`,
      [endedBefore.toISOString(), limit],
    );
    return result.rows.map((row) => row.id);
  }

  async markMediaRemoved(id: string): Promise<void> {
    await this.#db.query(
      'update live_streams set media_removed_at = now() where id = $1 and media_removed_at is null',
      [id],
    );
  }

  /** Of `ids`, those that ended before `endedBefore` (what a node may remove of its own leftovers). */
  async endedBefore(ids: readonly string[], endedBefore: Date): Promise<string[]> {
    const result = await this.#db.query<{ id: string }>(
      `select id from live_streams where id = any($1::uuid[]) and status = 'ended' and ended_at < $2`,
      [ids, endedBefore.toISOString()],
    );
    return result.rows.map((row) => row.id);
  }

  /** Streams on air, most recently started first, after `after`, of the hosts in `hosts` or of all others. */
  async listOnAir(
    after: OnAirPosition | null,
    limit: number,
    hosts: { among: readonly string[] } | { except: readonly string[] },
  ): Promise<LiveStreamRow[]> {
    const among = 'among' in hosts;
    const result = await this.#db.query<LiveStreamRow>(
      `select ${COLUMNS} from live_streams
       where status = 'live'
         and ($1::timestamptz is null or (started_at, id) < ($1::timestamptz, $2::uuid))
         and (case when $3 then host_id = any($4::uuid[]) else not (host_id = any($4::uuid[])) end)
       order by started_at desc, id desc limit $5`,
      [after?.at ?? null, after?.id ?? null, among, 'among' in hosts ? hosts.among : hosts.except, limit],
    );
    return result.rows;
  }
}
