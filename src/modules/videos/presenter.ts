import type { PublicUser } from '../accounts/service.ts';
import type { VideoRow } from './store.ts';

export interface VideoAuthor {
  id: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
}

export interface VideoResponse {
  id: string;
  status: VideoRow['status'];
  visibility: VideoRow['visibility'];
  progress: number;
  error: { code: string; message: string } | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  author: VideoAuthor;
  caption: string;
  hashtags: string[];
  stats: { views: number; likes: number; comments: number; shares: number };
  playback_urls: { hls: string } | null;
  thumbnails: { poster: string } | null;
  created_at: string;
}

export const mediaUrl = (key: string) => `/media/${key}`;

const MISSING_AUTHOR: VideoAuthor = { id: '', username: 'deleted', display_name: 'Deleted account', avatar_url: null };

export function toVideoResponse(row: VideoRow, author: PublicUser | undefined): VideoResponse {
  const ready = row.status === 'ready';
  return {
    id: row.id,
    status: row.status,
    visibility: row.visibility,
    progress: Math.round(row.progress),
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    duration_ms: row.duration_ms,
    width: row.width,
    height: row.height,
    author: author
      ? { id: author.id, username: author.username, display_name: author.display_name, avatar_url: author.avatar_url }
      : { ...MISSING_AUTHOR, id: row.author_id },
    caption: row.caption,
    hashtags: row.hashtags,
    stats: {
      views: Number(row.view_count),
      likes: Number(row.like_count),
      comments: Number(row.comment_count),
      shares: Number(row.share_count),
    },
    playback_urls: ready && row.hls_key ? { hls: mediaUrl(row.hls_key) } : null,
    thumbnails: ready && row.poster_key ? { poster: mediaUrl(row.poster_key) } : null,
    created_at: new Date(row.created_at).toISOString(),
  };
}
