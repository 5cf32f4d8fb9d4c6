import type { VideoResponse } from '../videos/presenter.ts';
import type { VideoService } from '../videos/service.ts';
import type { FeedPosition } from '../videos/store.ts';

export interface PrefetchHint {
  video_id: string;
  hls: string;
  poster: string | null;
}

export interface FeedPage {
  videos: VideoResponse[];
  next: FeedPosition | null;
  prefetch_hints: PrefetchHint[];
}

const PREFETCH_DEPTH = 5;

/**
 * The For You feed. Until the recommender lands it is the newest ready public videos, the same for everyone;
 * the page shape (cursor, prefetch hints) is already the one the ranked feed will keep.
 */
export class FeedService {
  readonly #videos: VideoService;

  constructor(videos: VideoService) {
    this.#videos = videos;
  }

  async forYou(after: FeedPosition | null, count: number): Promise<FeedPage> {
    const page = await this.#videos.listPublicReady(after, count);
    return { ...page, prefetch_hints: prefetchHints(page.videos) };
  }
}

/** What the client should warm first: the videos after the one it is about to play. */
export function prefetchHints(videos: readonly VideoResponse[]): PrefetchHint[] {
  return videos
    .slice(1, 1 + PREFETCH_DEPTH)
    .filter((video) => video.playback_urls)
    .map((video) => ({
      video_id: video.id,
      hls: video.playback_urls?.hls ?? '',
      poster: video.thumbnails?.poster ?? null,
    }));
}
