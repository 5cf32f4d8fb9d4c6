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
  created_at: Date;
  ready_at: Date | null;
  /** Timestamps as PostgreSQL prints them, to the microsecond, for keyset cursors (a JS Date keeps ms). */
  created_at_exact: string;
  ready_at_exact: string | null;
  allow_download: boolean;
  /** Effects chosen at upload, as stored (see media/effects.ts). */
  effects: unknown;
  sound_id: string | null;
  rendition_id: string | null;
  processing_rendition_id: string | null;
  preview_key: string | null;
  sprite_vtt_key: string | null;
  download_key: string | null;
  /** When others may see it; null while an unscheduled upload is not ready. */
  publish_at: Date | null;
  publish_at_exact: string | null;
  /** When it became visible to others (VideoPublished). */
  published_at: Date | null;
}

/** Options chosen at upload that processing and publishing follow. */
export interface UploadSettings {
  allow_download?: boolean;
  effects?: unknown;
  /** A sound chosen to replace the video's own audio. */
  sound_id?: string | null;
  /** Scheduled publication; absent or null: as soon as it is ready. */
  publish_at?: Date | null;
}

export interface Rendition {
  /** The processing run that wrote these files (the `<rendition id>` in their keys). */
  renditionId: string;
  hlsKey: string;
  posterKey: string;
  previewKey: string | null;
  spriteVttKey: string | null;
  downloadKey: string | null;
  /** The video's sound: the one chosen at upload or its original sound; null without audio. */
  soundId: string | null;
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
  duration_ms, width, height, error_code, error_message, view_count, created_at, ready_at, created_at::text as created_at_exact, ready_at::text as ready_at_exact,
  allow_download, effects, sound_id, rendition_id, processing_rendition_id, preview_key, sprite_vtt_key, download_key,
  publish_at, publish_at::text as publish_at_exact, published_at`;

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
    settings?: UploadSettings;
  }): Promise<void> {
    const settings = video.settings ?? {};
    await this.#db.query(
      `insert into videos (id, author_id, caption, hashtags, source_key, status, allow_download, effects, sound_id,
         publish_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
      [
        video.id,
        video.author_id,
        video.caption,
        video.hashtags,
        video.source_key,
        video.status,
        settings.allow_download ?? true,
        JSON.stringify(settings.effects ?? {}),
        settings.sound_id ?? null,
        settings.publish_at ?? null,
      ],
    );
  }

  async find(id: string): Promise<VideoRow | null> {
    const { rows } = await this.#db.query<VideoRow>(`select ${COLUMNS} from videos where id = $1`, [id]);
    return rows[0] ?? null;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.#db.query(
      // Progress never goes back, not even when a retried run starts over.
      "update videos set progress = greatest(progress, $2), updated_at = now() where id = $1 and status = 'processing'",
      [id, progress],
    );
  }

  /**
   * Names the processing run that may finish the video; false when it is not processing. A run that was presumed
   * dead and handed to another worker is no longer named, so it cannot mark the video ready with its files.
   */
  async beginRendition(id: string, renditionId: string): Promise<boolean> {
    const result = await this.#db.query(
      `update videos set processing_rendition_id = $2, updated_at = now() where id = $1 and status = 'processing'`,
      [id, renditionId],
    );
    return result.rowCount === 1;
  }

  /**
   * Ready with the files of the named run, and due for publication at the scheduled time or now, whichever is
   * later. Returns that time; null when the run was not the named one or the video was not processing any more.
   */
  async markReady(
    id: string,
    rendition: Rendition,
    from: readonly VideoStatus[],
  ): Promise<{ publish_at: Date; publish_due: boolean } | null> {
    const { rows } = await this.#db.query<{ publish_at: Date; publish_due: boolean }>(
      `update videos set status = 'ready', progress = 100, rendition_id = $2, hls_key = $3, poster_key = $4,
         preview_key = $5, sprite_vtt_key = $6, download_key = $7, sound_id = $8, duration_ms = $9, width = $10,
         height = $11, publish_at = greatest(coalesce(publish_at, now()), now()), ready_at = now(),
         updated_at = now(), error_code = null, error_message = null
       where id = $1 and status = any($12::text[]) and processing_rendition_id = $2
       returning publish_at, publish_at <= now() as publish_due`,
      [
        id,
        rendition.renditionId,
        rendition.hlsKey,
        rendition.posterKey,
        rendition.previewKey,
        rendition.spriteVttKey,
        rendition.downloadKey,
        rendition.soundId,
        rendition.durationMs,
        rendition.width,
        rendition.height,
        from,
      ],
    );
    return rows[0] ?? null;
  }

  /** Records that the video became visible to others; false when it is not due yet or was already recorded. */
  async markPublished(id: string, from: readonly VideoStatus[]): Promise<boolean> {
    const result = await this.#db.query(
      `update videos set published_at = now(), updated_at = now()
       where id = $1 and status = any($2::text[]) and published_at is null and publish_at <= now()`,
      [id, from],
    );
    return result.rowCount === 1;
  }

  /** Failed with a code its author sees; false when the video was not in one of the `from` statuses. */
  async markFailed(id: string, code: string, message: string, from: readonly VideoStatus[]): Promise<boolean> {
    const result = await this.#db.query(
      `update videos set status = 'failed', error_code = $2, error_message = $3, updated_at = now()
       where id = $1 and status = any($4::text[])`,
      [id, code, message, from],
    );
    return result.rowCount === 1;
  }

  /** Processing once a resumable upload's bytes are stored; false when it was not in one of the `from` statuses. */
  async markUploaded(id: string, from: readonly VideoStatus[]): Promise<boolean> {
    const result = await this.#db.query(
      "update videos set status = 'processing', updated_at = now() where id = $1 and status = any($2::text[])",
      [id, from],
    );
    return result.rowCount === 1;
  }

  async addView(id: string): Promise<void> {
    await this.#db.query('update videos set view_count = view_count + 1 where id = $1', [id]);
  }

  async listPublicReady(after: FeedPosition | null, limit: number): Promise<VideoRow[]> {
    const { rows } = await this.#db.query<VideoRow>(
      `select ${COLUMNS} from videos
       where status = 'ready' and visibility = 'public' and publish_at <= now()
         and ($1::timestamptz is null or (publish_at, id) < ($1::timestamptz, $2::uuid))
       order by publish_at desc, id desc limit $3`,
      [after?.at ?? null, after?.id ?? null, limit],
    );
    return rows;
  }

  /**
   * `includeUnfinished`: the author's own view, with videos still processing or failed (and private ones).
   * `includeFriends`: the viewer is the author's friend and sees friends-only videos too.
   */
  async listByAuthor(
    authorId: string,
    includeUnfinished: boolean,
    after: FeedPosition | null,
    limit: number,
    includeFriends = false,
  ): Promise<VideoRow[]> {
    const { rows } = await this.#db.query<VideoRow>(
      `select ${COLUMNS} from videos
       where author_id = $1 and status <> 'removed'
         and ($2 or (status = 'ready' and publish_at <= now()
           and (visibility = 'public' or (visibility = 'friends' and $6))))
         and ($3::timestamptz is null or (created_at, id) < ($3::timestamptz, $4::uuid))
       order by created_at desc, id desc limit $5`,
      [authorId, includeUnfinished, after?.at ?? null, after?.id ?? null, limit, includeFriends],
    );
    return rows;
  }

  // ---- for the social modules ----

  /** Published public and friends-only videos of several authors, newest first; the caller filters per author. */
  async listByAuthors(authorIds: readonly string[], after: FeedPosition | null, limit: number): Promise<VideoRow[]> {
    const { rows } = await this.#db.query<VideoRow>(
      `select ${COLUMNS} from videos
       where author_id = any($1::uuid[]) and status = 'ready' and visibility in ('public', 'friends')
         and publish_at <= now()
         and ($2::timestamptz is null or (publish_at, id) < ($2::timestamptz, $3::uuid))
       order by publish_at desc, id desc limit $4`,
      [authorIds, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows;
  }

  async findMany(ids: readonly string[]): Promise<VideoRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#db.query<VideoRow>(`select ${COLUMNS} from videos where id = any($1::uuid[])`, [ids]);
    return rows;
  }

  /** `visibilities` null: the author's own count, scheduled videos included; else published ones of those kinds. */
  async countReadyByAuthor(authorId: string, visibilities: readonly string[] | null): Promise<number> {
    const { rows } = await this.#db.query<{ count: string }>(
      `select count(*) as count from videos where author_id = $1 and status = 'ready'
         and ($2::text[] is null or (visibility = any($2::text[]) and publish_at <= now()))`,
      [authorId, visibilities],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Returns the row as it now is, or null when there is no such video left to change. */
  async updateDetails(
    id: string,
    changes: { caption?: string; hashtags?: string[]; visibility?: Visibility },
  ): Promise<VideoRow | null> {
    const { rows } = await this.#db.query<VideoRow>(
      `update videos set caption = coalesce($2, caption), hashtags = coalesce($3, hashtags),
         visibility = coalesce($4, visibility), updated_at = now()
       where id = $1 and status <> 'removed' returning ${COLUMNS}`,
      [id, changes.caption ?? null, changes.hashtags ?? null, changes.visibility ?? null],
    );
    return rows[0] ?? null;
  }

  /** Nobody sees it any more; false when it was not in one of the `from` statuses (already removed). */
  async markRemoved(id: string, from: readonly VideoStatus[]): Promise<boolean> {
    const result = await this.#db.query(
      "update videos set status = 'removed', updated_at = now() where id = $1 and status = any($2::text[])",
      [id, from],
    );
    return result.rowCount === 1;
  }
}
