/** Shapes of the Looply HTTP API (v1) as the web client uses them. */

export interface User {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_url: string | null;
  created_at: string;
}

export interface AuthResponse {
  user: User;
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export type VideoStatus = 'uploading' | 'processing' | 'ready' | 'failed' | 'removed';

export interface VideoAuthor {
  id: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
}

export interface Video {
  id: string;
  status: VideoStatus;
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

export interface VideoPage {
  videos: Video[];
  cursor: string | null;
  has_more: boolean;
}

export interface PrefetchHint {
  video_id: string;
  hls: string;
  poster: string;
}

export interface FeedPage extends VideoPage {
  prefetch_hints: PrefetchHint[];
}

export interface UploadAccepted {
  video_id: string;
  status: 'processing';
  upload_url: string;
  estimated_processing_time_seconds: number;
}

export type ViewSource = 'fyp' | 'profile' | 'video';

export interface ViewEvent {
  watch_time_ms: number;
  completion_rate: number;
  replay_count: number;
  source: ViewSource;
}
