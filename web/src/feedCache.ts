/**
 * The For You feed as the person left it (videos, cursor, position), so Home comes back where they were after
 * visiting another screen. Kept per signed-in user, for a few minutes, and dropped after they post a video.
 */
import type { Video } from './types.ts';

export interface FeedSnapshot {
  videos: Video[];
  cursor: string | null;
  hasMore: boolean;
  active: number;
  userId: string | null;
  savedAt: number;
}

const MAX_AGE_MS = 10 * 60_000;

let saved: FeedSnapshot | null = null;

export function saveFeed(snapshot: FeedSnapshot): void {
  saved = snapshot;
}

/** The saved feed for this user, if it is recent and not empty. */
export function restoreFeed(userId: string | null): FeedSnapshot | null {
  if (!saved || saved.userId !== userId || saved.videos.length === 0) return null;
  if (Date.now() - saved.savedAt > MAX_AGE_MS) return null;
  return saved;
}

export function invalidateFeed(): void {
  saved = null;
}
