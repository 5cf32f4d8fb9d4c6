/** Engagement counts of a video; the interactions module owns them. */
export interface VideoEngagement {
  likes: number;
  comments: number;
  shares: number;
  saves: number;
}

/** What the signed-in viewer has done to a video. */
export interface ViewerState {
  liked: boolean;
  saved: boolean;
}

export interface VideoSocialStats {
  counts: VideoEngagement;
  /** null for a visitor. */
  viewer: ViewerState | null;
}

/** Injected into the videos module so it can show counts without reading the interactions tables. */
export interface VideoStatsProvider {
  statsFor(videoIds: readonly string[], viewerId: string | null): Promise<Map<string, VideoSocialStats>>;
}
