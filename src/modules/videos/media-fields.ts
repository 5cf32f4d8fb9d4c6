import type { Static } from 'typebox';
import type { VideoSchema } from './schemas.ts';
import type { VideoRow } from './store.ts';

export const mediaUrl = (key: string) => `/media/${key}`;

/**
 * Who may fetch a video's media files: `open` when a signed-out visitor may see the video (ready, published,
 * public, of a public account): plain cacheable URLs; `signed` otherwise: only URLs signed for its rendition.
 */
export type MediaAudience = 'open' | 'signed';

/** Turns a media key of the video into the URL the API hands out (signed or not). */
export type MediaLink = (key: string) => string;

/** The fields of a video's JSON that come from processing: where to play, preview and download it, its sound. */
export type VideoMediaFields = Pick<
  Static<typeof VideoSchema>,
  'playback_urls' | 'thumbnails' | 'allow_download' | 'download_url' | 'sound' | 'publish_at'
>;

export function videoMediaFields(row: VideoRow, soundTitle: string | undefined, link: MediaLink): VideoMediaFields {
  const ready = row.status === 'ready';
  return {
    playback_urls: ready && row.hls_key ? { hls: link(row.hls_key) } : null,
    thumbnails:
      ready && row.poster_key
        ? {
            poster: link(row.poster_key),
            preview: row.preview_key ? link(row.preview_key) : null,
            sprite_vtt: row.sprite_vtt_key ? link(row.sprite_vtt_key) : null,
          }
        : null,
    allow_download: row.allow_download,
    download_url: ready && row.allow_download && row.download_key ? link(row.download_key) : null,
    sound: row.sound_id && soundTitle !== undefined ? { id: row.sound_id, title: soundTitle } : null,
    publish_at: row.publish_at ? new Date(row.publish_at).toISOString() : null,
  };
}
