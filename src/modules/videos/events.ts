/** Events the videos module publishes. `version` 1 for each. */
export const VideoEvents = {
  uploaded: 'VideoUploaded',
  ready: 'VideoReady',
  failed: 'VideoFailed',
  viewLogged: 'ViewLogged',
} as const;

export interface VideoUploadedData {
  video_id: string;
  author_id: string;
}

export interface VideoReadyData {
  video_id: string;
  author_id: string;
  caption: string;
  hashtags: string[];
  duration_ms: number;
}

export interface VideoFailedData {
  video_id: string;
  author_id: string;
  error_code: string;
}

export interface ViewLoggedData {
  video_id: string;
  user_id: string | null;
  watch_time_ms: number;
  completion_rate: number;
  replay_count: number;
  skipped: boolean;
  source: string;
}
