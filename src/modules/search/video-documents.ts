import { SqlStore } from '../../platform/db/sql-store.ts';
import { lockDocument } from './document-locks.ts';
import { moveBand, movePostings } from './tag-postings.ts';
import { addTopicViews, moveContribution, type VideoContribution } from './topic-totals.ts';
import { addToVocabulary } from './vocabulary.ts';

type Visibility = 'public' | 'friends' | 'private';

/** What a video's index document says; `textAt`/`visibilityAt` are the event times (ms) those fields come from. */
interface VideoDocument {
  authorId: string | null;
  caption: string;
  hashtags: string[];
  soundId: string | null;
  visibility: Visibility | string;
  ready: boolean;
  published: boolean;
  removed: boolean;
  textAt: number;
  visibilityAt: number;
}

interface DocumentRow {
  author_id: string | null;
  caption: string;
  hashtags: string[];
  sound_id: string | null;
  visibility: string;
  ready: boolean;
  published: boolean;
  removed: boolean;
  text_ms: number;
  visibility_ms: number;
  searchable: boolean;
  view_count: number | string;
}

/** The band of the counts after adding `excluded`'s (in an upsert on `search_videos as v`). */
const NEW_BAND = `search_popularity_band(search_video_popularity(v.view_count + excluded.view_count,
  v.like_count + excluded.like_count, v.share_count + excluded.share_count))`;

export interface VideoText {
  caption: string;
  hashtags: string[];
}

const contribution = (doc: VideoDocument, searchable: boolean, views: number): VideoContribution => ({
  hashtags: doc.hashtags,
  soundId: doc.soundId,
  searchable,
  views,
});

/**
 * Index documents of videos, changed by the videos module's events in any order: flags only ever turn on (ready,
 * published, removed), text and visibility follow the newest event that set them. Every change keeps the totals
 * of the video's hashtags and sound exact.
 */
export class VideoDocuments extends SqlStore {
  /** VideoReady: processed, with the text and sound it was published with. */
  ready(at: number, video: { id: string; authorId: string; text: VideoText; soundId: string | null; due: boolean }) {
    return this.#change(video.id, video.soundId, (doc) => ({
      authorId: video.authorId,
      soundId: video.soundId,
      ready: true,
      published: doc.published || video.due,
      ...(at >= doc.textAt ? { ...video.text, textAt: at } : {}),
    }));
  }

  /** VideoPublished: others may see it now. */
  published(video: { id: string; authorId: string }) {
    return this.#change(video.id, undefined, () => ({ authorId: video.authorId, published: true }));
  }

  /** VideoUpdated: its author changed the caption or who may see it. */
  updated(at: number, video: { id: string; authorId: string; text: VideoText; visibility: Visibility }) {
    return this.#change(video.id, undefined, (doc) => ({
      authorId: video.authorId,
      ...(at >= doc.textAt ? { ...video.text, textAt: at } : {}),
      ...(at >= doc.visibilityAt ? { visibility: video.visibility, visibilityAt: at } : {}),
    }));
  }

  /** VideoRemoved: gone for good. */
  removed(id: string) {
    return this.#change(id, undefined, () => ({ removed: true }));
  }

  /** Adds views, likes and shares (negative to take back) unless the counts already include events up to `at`. */
  async count(id: string, at: string, delta: { views?: number; likes?: number; shares?: number }): Promise<void> {
    const views = delta.views ?? 0;
    const { rows } = await this.db.query<{
      searchable: boolean;
      hashtags: string[];
      sound_id: string | null;
      band: number;
      old_band: number;
    }>(
      `insert into search_videos as v (id, view_count, like_count, share_count) values ($1, $2, $3, $4)
       on conflict (id) do update set view_count = v.view_count + excluded.view_count,
         like_count = v.like_count + excluded.like_count, share_count = v.share_count + excluded.share_count,
         band = ${NEW_BAND},
         document = case when v.band = ${NEW_BAND} then v.document
           else search_video_document(v.caption, v.hashtags, v.sound_title, ${NEW_BAND}) end
       where v.counted_from <= $5
       returning searchable, hashtags, sound_id::text, band,
         search_popularity_band(search_video_popularity(view_count - $2, like_count - $3, share_count - $4)) as old_band`,
      [id, views, delta.likes ?? 0, delta.shares ?? 0, at],
    );
    const row = rows[0];
    if (!row?.searchable) return;
    await addTopicViews(this.db, { hashtags: row.hashtags, soundId: row.sound_id, searchable: true }, views);
    if (row.band !== row.old_band) await moveBand(this.db, id, row.hashtags, row.band);
  }

  /**
   * A rebuild: the owning modules' counts as of `at` (ISO) replace ours when larger, and events before `at` no longer
   * count (they are in these counts). The video's hashtags and sound get the difference in views.
   */
  async setCounts(id: string, at: string, counts: { views: number; likes: number; shares: number }): Promise<void> {
    const { rows } = await this.db.query<{ views: number; likes: number; shares: number }>(
      `select view_count::float8 as views, like_count::float8 as likes, share_count::float8 as shares
       from search_videos where id = $1 for update`,
      [id],
    );
    const old = rows[0];
    if (!old) return;
    await this.count(id, 'infinity', {
      views: Math.max(0, counts.views - old.views),
      likes: Math.max(0, counts.likes - old.likes),
      shares: Math.max(0, counts.shares - old.shares),
    });
    await this.db.query('update search_videos set counted_from = greatest(counted_from, $2) where id = $1', [id, at]);
  }

  /** SoundCreated: the sound's title becomes part of the searchable videos playing it. */
  async soundNamed(soundId: string, title: string): Promise<void> {
    await this.db.query(
      `update search_videos set sound_title = $2, document = search_video_document(caption, hashtags, $2, band)
       where sound_id = $1 and searchable and sound_title is distinct from $2`,
      [soundId, title],
    );
  }

  /** `soundId`: the video's sound when the event names it; otherwise the one the document has. */
  async #change(
    id: string,
    soundId: string | null | undefined,
    edit: (doc: VideoDocument) => Partial<VideoDocument>,
  ): Promise<void> {
    // The sound's title is copied into the document: wait for a SoundCreated of it in flight (document-locks.ts).
    const sound = soundId !== undefined ? soundId : await this.#soundOf(id);
    if (sound) await lockDocument(this.db, 'sound', sound);
    // The row exists before it is locked, so two first events of a video cannot both start from nothing.
    await this.db.query('insert into search_videos (id) values ($1) on conflict (id) do nothing', [id]);
    const { rows } = await this.db.query<DocumentRow>(
      `select author_id::text, caption, hashtags, sound_id::text, visibility, ready, published, removed,
         extract(epoch from text_at) * 1000 as text_ms, extract(epoch from visibility_at) * 1000 as visibility_ms,
         searchable, view_count
       from search_videos where id = $1 for update`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new Error(`search document of video ${id} vanished`);
    const before: VideoDocument = {
      authorId: row.author_id,
      caption: row.caption,
      hashtags: row.hashtags,
      soundId: row.sound_id,
      visibility: row.visibility,
      ready: row.ready,
      published: row.published,
      removed: row.removed,
      textAt: Number(row.text_ms),
      visibilityAt: Number(row.visibility_ms),
    };
    const after = { ...before, ...edit(before) };
    const updated = await this.db.query<{ searchable: boolean; band: number }>(
      `update search_videos set author_id = $2, caption = $3, hashtags = $4, sound_id = $5,
         sound_title = (select title from search_sounds where id = $5), visibility = $6, ready = $7, published = $8,
         removed = $9, text_at = to_timestamp($10::float8 / 1000), visibility_at = to_timestamp($11::float8 / 1000),
         band = search_popularity_band(popularity),
         document = search_video_document($3, $4, (select title from search_sounds where id = $5),
           search_popularity_band(popularity))
       where id = $1 returning searchable, band`,
      [
        id,
        after.authorId,
        after.caption,
        after.hashtags,
        after.soundId,
        after.visibility,
        after.ready,
        after.published,
        after.removed,
        after.textAt,
        after.visibilityAt,
      ],
    );
    const searchable = updated.rows[0]?.searchable ?? false;
    const views = Number(row.view_count);
    await moveContribution(
      this.db,
      contribution(before, row.searchable, views),
      contribution(after, searchable, views),
    );
    await movePostings(
      this.db,
      id,
      { searchable: row.searchable, hashtags: before.hashtags },
      { searchable, hashtags: after.hashtags },
      updated.rows[0]?.band ?? 0,
    );
    if (searchable && (!row.searchable || after.textAt !== before.textAt)) {
      await addToVocabulary(this.db, [after.caption, ...after.hashtags]);
    }
  }

  async #soundOf(id: string): Promise<string | null> {
    const { rows } = await this.db.query<{ sound_id: string | null }>(
      'select sound_id::text from search_videos where id = $1',
      [id],
    );
    return rows[0]?.sound_id ?? null;
  }
}
