import type { MediaAudience } from '../videos/media-fields.ts';

/** How long a video's media audience is remembered: a visibility change reaches `/media/*` within this. */
export const MEDIA_AUDIENCE_CACHE_MS = 3_000;
const MAX_ENTRIES = 10_000;

export type MediaAudienceLookup = (videoId: string) => Promise<MediaAudience | null>;

/**
 * Remembers each video's answer for `ttlMs`, so the segments of one playback do not each ask the store. Requests
 * arriving together share one lookup; a failed lookup is not remembered. The oldest entries go beyond `MAX_ENTRIES`.
 */
export function cacheMediaAudience(lookup: MediaAudienceLookup, ttlMs = MEDIA_AUDIENCE_CACHE_MS): MediaAudienceLookup {
  const entries = new Map<string, { until: number; answer: Promise<MediaAudience | null> }>();
  return (videoId) => {
    const now = Date.now();
    const cached = entries.get(videoId);
    if (cached && cached.until > now) return cached.answer;
    entries.delete(videoId);
    const answer = lookup(videoId);
    entries.set(videoId, { until: now + ttlMs, answer });
    answer.catch(() => entries.delete(videoId));
    if (entries.size > MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    return answer;
  };
}
