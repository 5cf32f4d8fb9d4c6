import type { SqlExecutor } from '../../platform/db/database.ts';

export type VideoStatus = 'uploading' | 'processing' | 'ready' | 'failed' | 'removed';
export type Visibility = 'public' | 'friends' | 'private';

export interface VideoRow {
  id: string;
  author_id: string;
  status: VideoStatus;
  visibility: Visibility;
  caption: string;
  hashtags: string[];
  progress: number;
  source_key: string | null;
  hls_key: string | null;
  poster_key: string | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  error_code: string | null;
  error_message: string | null;
  view_count: string | number;
  like_count: string | number;
  comment_count: string | number;
  share_count: string | number;
  created_at: Date;
  ready_at: Date | null;
  /** Timestamps as PostgreSQL prints them, to the microsecond, for keyset cursors (a JS Date keeps ms). */
  created_at_exact: string;
  ready_at_exact: string | null;
}

export interface Rendition {
  hlsKey: string;
  posterKey: string;
  durationMs: number;
  width: number;
  height: number;
}

/** Keyset position in a newest-first list. */
export interface FeedPosition {
  at: string;
  id: string;
}

const COLUMNS = `id, author_id, status, visibility, caption, hashtags, progress, source_key, hls_key, poster_key,
  duration_ms, width, height, error_code, error_message, view_count, like_count, comment_count, share_count,
  created_at, ready_at, created_at::text as created_at_exact, ready_at::text as ready_at_exact`;

/** Data access for the videos table; no decisions here. */
export class VideoStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async insert(video: {
    id: string;
    author_id: string;
    caption: string;
    hashtags: string[];
    source_key: string;
    status: VideoStatus;
  }): Promise<void> {
    await this.#db.query(
      'insert into videos (id, author_id, caption, hashtags, source_key, status) values ($1, $2, $3, $4, $5, $6)',
      [video.id, video.author_id, video.caption, video.hashtags, video.source_key, video.status],
    );
  }

  async find(id: string): Promise<VideoRow | null> {
    const { rows } = await this.#db.query<VideoRow>(`select ${COLUMNS} from videos where id = $1`, [id]);
    return rows[0] ?? null;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.#db.query(
      "update videos set progress = $2, updated_at = now() where id = $1 and status = 'processing'",
      [id, progress],
    );
  }

  /** Returns false when the video was not processing any more (removed meanwhile, or already done). */
  async markReady(id: string, rendition: Rendition): Promise<boolean> {
    const result = await this.#db.query(
      `update videos set status = 'ready', progress = 100, hls_key = $2, poster_key = $3, duration_ms = $4,
         width = $5, height = $6, ready_at = now(), updated_at = now(), error_code = null, error_message = null
       where id = $1 and status = 'processing'`,
      [id, rendition.hlsKey, rendition.posterKey, rendition.durationMs, rendition.width, rendition.height],
    );
    return result.rowCount === 1;
  }

  async markFailed(id: string, code: string, message: string): Promise<boolean> {
    const result = await this.#db.query(
      `update videos set status = 'failed', error_code = $2, error_message = $3, updated_at = now()
       where id = $1 and status = 'processing'`,
      [id, code, message],
    );
    return result.rowCount === 1;
  }

  async addView(id: string): Promise<void> {
    await this.#db.query('update videos set view_count = view_count + 1 where id = $1', [id]);
  }

  async listPublicReady(after: FeedPosition | null, limit: number): Promise<VideoRow[]> {
    const { rows } = await this.#db.query<VideoRow>(
      `select ${COLUMNS} from videos
       where status = 'ready' and visibility = 'public'
         and ($1::timestamptz is null or (ready_at, id) < ($1::timestamptz, $2::uuid))
       order by ready_at desc, id desc limit $3`,
      [after?.at ?? null, after?.id ?? null, limit],
    );
    return rows;
  }

  /** `includeUnfinished`: the author's own view, with videos still processing or failed. */
  async listByAuthor(
    authorId: string,
    includeUnfinished: boolean,
    after: FeedPosition | null,
    limit: number,
  ): Promise<VideoRow[]> {
    const { rows } = await this.#db.query<VideoRow>(
      `select ${COLUMNS} from videos
       where author_id = $1 and status <> 'removed'
         and ($2 or (status = 'ready' and visibility = 'public'))
         and ($3::timestamptz is null or (created_at, id) < ($3::timestamptz, $4::uuid))
       order by created_at desc, id desc limit $5`,
      [authorId, includeUnfinished, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows;
  }
}
