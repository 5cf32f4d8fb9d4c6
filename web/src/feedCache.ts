/**
 * Each feed as the person left it (videos, cursor, position), so Home comes back where they were after visiting
 * another screen. Kept per feed and signed-in user, for a few minutes, and dropped after they post a video.
 */

import type { Video } from './api/types.ts';
import type { FeedKind } from './api.ts';

export interface FeedSnapshot {
  videos: Video[];
  cursor: string | null;
  hasMore: boolean;
  active: number;
  kind: FeedKind;
  userId: string | null;
  savedAt: number;
}

const MAX_AGE_MS = 10 * 60_000;

const saved = new Map<FeedKind, FeedSnapshot>();

export function saveFeed(snapshot: FeedSnapshot): void {
  saved.set(snapshot.kind, snapshot);
}

/** The saved feed for this user, if it is recent and not empty. */
export function restoreFeed(kind: FeedKind, userId: string | null): FeedSnapshot | null {
  const snapshot = saved.get(kind);
  if (!snapshot || snapshot.userId !== userId || snapshot.videos.length === 0) return null;
  if (Date.now() - snapshot.savedAt > MAX_AGE_MS) return null;
  return snapshot;
}

export function invalidateFeed(): void {
  saved.clear();
}
