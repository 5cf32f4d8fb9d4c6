import type { SqlExecutor } from '../../platform/db/database.ts';

type Visibility = 'public' | 'friends' | 'private';

/** What the recommender needs of a recommendable video: ready, not removed, public, its publication time come. */
export interface CatalogueRow {
  video_id: string;
  author_id: string;
  caption: string;
  hashtags: string[];
  sound_id: string | null;
  duration_ms: number;
  publish_at: Date;
}

/** A place in the newest-first list of recommendable videos. */
export interface CataloguePosition {
  publishAt: Date;
  videoId: string;
}

/** Caption, hashtags and visibility come from the newest event that carries them (`details_at`). */
const NEWER = '(c.details_at is null or c.details_at <= excluded.details_at)';

/**
 * `recsys_catalogue`, the recommender's read-model of the videos module's events. Every write is an upsert keyed by
 * the video, so events may arrive in any order and more than once.
 */
export class CatalogueStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async ready(
    at: Date,
    video: {
      videoId: string;
      authorId: string;
      caption: string;
      hashtags: string[];
      soundId: string | null;
      durationMs: number;
      visibility: Visibility | null;
      publishAt: Date;
    },
  ): Promise<void> {
    await this.#db.query(
      `insert into recsys_catalogue as c
         (video_id, author_id, caption, hashtags, sound_id, duration_ms, visibility, ready, publish_at, details_at)
       values ($1, $2, $3, $4, $5, $6, $7, true, $8, $9)
       on conflict (video_id) do update set
         author_id = excluded.author_id,
         sound_id = excluded.sound_id,
         duration_ms = excluded.duration_ms,
         ready = true,
         publish_at = coalesce(c.publish_at, excluded.publish_at),
         caption = case when ${NEWER} then excluded.caption else c.caption end,
         hashtags = case when ${NEWER} then excluded.hashtags else c.hashtags end,
         visibility = case when ${NEWER} and excluded.visibility is not null then excluded.visibility
                      else c.visibility end,
         details_at = greatest(c.details_at, excluded.details_at),
         updated_at = now()`,
      [
        video.videoId,
        video.authorId,
        video.caption,
        video.hashtags,
        video.soundId,
        video.durationMs,
        video.visibility,
        video.publishAt.toISOString(),
        at.toISOString(),
      ],
    );
  }

  async published(videoId: string, authorId: string, publishAt: Date): Promise<void> {
    await this.#db.query(
      `insert into recsys_catalogue as c (video_id, author_id, publish_at, published_at) values ($1, $2, $3, $3)
       on conflict (video_id) do update set
         author_id = coalesce(c.author_id, excluded.author_id),
         publish_at = coalesce(c.publish_at, excluded.publish_at),
         published_at = coalesce(c.published_at, excluded.published_at),
         updated_at = now()`,
      [videoId, authorId, publishAt.toISOString()],
    );
  }

  async updated(
    at: Date,
    video: { videoId: string; authorId: string; caption: string; hashtags: string[]; visibility: Visibility },
  ): Promise<void> {
    await this.#db.query(
      `insert into recsys_catalogue as c (video_id, author_id, caption, hashtags, visibility, details_at)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (video_id) do update set
         author_id = coalesce(c.author_id, excluded.author_id),
         caption = case when ${NEWER} then excluded.caption else c.caption end,
         hashtags = case when ${NEWER} then excluded.hashtags else c.hashtags end,
         visibility = case when ${NEWER} then excluded.visibility else c.visibility end,
         details_at = greatest(c.details_at, excluded.details_at),
         updated_at = now()`,
      [video.videoId, video.authorId, video.caption, video.hashtags, video.visibility, at.toISOString()],
    );
  }

  /** Final: no later event brings the video back. */
  async removed(videoId: string, authorId: string): Promise<void> {
    await this.#db.query(
      `insert into recsys_catalogue as c (video_id, author_id, removed) values ($1, $2, true)
       on conflict (video_id) do update set removed = true, updated_at = now()`,
      [videoId, authorId],
    );
  }

  /** Recommendable videos, newest publication first, after `after`. */
  async recommendable(after: CataloguePosition | null, limit: number): Promise<CatalogueRow[]> {
    const { rows } = await this.#db.query<CatalogueRow>(
      `select video_id, author_id, caption, hashtags, sound_id, duration_ms, publish_at from recsys_catalogue
       where ready and not removed and publish_at <= now() and coalesce(visibility, 'public') = 'public'
         and ($1::timestamptz is null or (publish_at, video_id) < ($1::timestamptz, $2::uuid))
       order by publish_at desc, video_id desc limit $3`,
      [after?.publishAt.toISOString() ?? null, after?.videoId ?? null, limit],
    );
    return rows.map((row) => ({ ...row, duration_ms: Number(row.duration_ms), publish_at: new Date(row.publish_at) }));
  }
}
