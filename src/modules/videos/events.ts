/** Events the videos module publishes. `version` 1 for each. */
export const VideoEvents = {
  uploaded: 'VideoUploaded',
  ready: 'VideoReady',
  failed: 'VideoFailed',
  viewLogged: 'ViewLogged',
  published: 'VideoPublished',
  updated: 'VideoUpdated',
  removed: 'VideoRemoved',
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
  /** When others may see it; later than now for a scheduled video (VideoPublished follows then). */
  publish_at?: string;
  sound_id?: string | null;
}

/** Others may now see it: when it became ready, or at its scheduled time. */
export interface VideoPublishedData {
  video_id: string;
  author_id: string;
  publish_at: string;
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

/** Its author changed the caption or who may see it. */
export interface VideoUpdatedData {
  video_id: string;
  author_id: string;
  caption: string;
  hashtags: string[];
  visibility: 'public' | 'friends' | 'private';
}

/** Its author deleted it: nobody sees it any more. */
export interface VideoRemovedData {
  video_id: string;
  author_id: string;
}
