/**
 * The pages of a feed: the first page (or the feed as the person left it), the next one as the position nears the
 * end, load and retry for each, and For You's fallback to the newest videos when the ranking has nothing new.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FeedPage, Video } from '../api/types.ts';
import { errorMessage, type FeedKind, getFeed } from '../api.ts';
import { restoreFeed, saveFeed } from '../feedCache.ts';
import { appendUnique, LatestRequest } from '../hooks/latestRequest.ts';

/** Videos asked for per page: enough for a minute of quick swiping, small enough to answer fast. */
export const FEED_PAGE_SIZE = 10;
/** The next page is asked for this many items before the end, so a swipe never lands on a spinner. */
export const LOAD_MORE_WITHIN = 3;

export interface FeedPager {
  kind: FeedKind;
  videos: Video[];
  /** Where the next page starts. */
  cursor: string | null;
  hasMore: boolean;
  /** The first page: loading, failed (`error` says why) or in (`ready`, possibly empty). */
  status: 'loading' | 'ready' | 'error';
  error: string;
  loadingMore: boolean;
  /** Why the next page failed; paging stops until `retryMore`. */
  moreError: string | null;
  /** The position the person left this feed at, when it was restored rather than loaded. */
  restoredActive: number | null;
  loadMore: () => void;
  retry: () => void;
  retryMore: () => void;
}

interface Pages {
  videos: Video[];
  cursor: string | null;
  hasMore: boolean;
}

/** `page` after `pages` (or instead, for the first page), without repeating a video already in the feed. */
export function nextPages(pages: Pages, page: FeedPage, first: boolean): Pages {
  const { items, fresh } = appendUnique(first ? [] : pages.videos, page.videos ?? [], (v) => v.id);
  // A page with nothing new would be asked for again and again: treat it as the end.
  return { videos: items, cursor: page.cursor, hasMore: page.has_more && page.cursor !== null && fresh > 0 };
}

/** The first page; when the ranked For You has nothing new for this person, the newest videos rather than nothing. */
async function firstPage(kind: FeedKind, signal: AbortSignal): Promise<FeedPage> {
  const page = await getFeed(null, FEED_PAGE_SIZE, signal, kind);
  if (kind !== 'fyp' || page.videos.length > 0) return page;
  return getFeed(null, FEED_PAGE_SIZE, signal, kind, 'latest');
}

/** `onPage` hears of every page that arrives (for its prefetch hints), `first` for the first one. */
export function useFeedPager(
  kind: FeedKind,
  userId: string | null,
  onPage: (page: FeedPage, first: boolean) => void,
): FeedPager {
  const [restored] = useState(() => restoreFeed(kind, userId));
  const [pages, setPages] = useState<Pages>(() => restored ?? { videos: [], cursor: null, hasMore: true });
  const [status, setStatus] = useState<FeedPager['status']>(restored ? 'ready' : 'loading');
  const [error, setError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const request = useRef(new LatestRequest());
  const latest = useRef({ pages, onPage });
  latest.current = { pages, onPage };

  const load = useCallback(
    (cursor: string | null) => {
      if (request.current.busy) return;
      const first = cursor === null;
      if (first) setStatus('loading');
      else {
        setLoadingMore(true);
        setMoreError(null);
      }
      request.current.run(
        (signal) => (first ? firstPage(kind, signal) : getFeed(cursor, FEED_PAGE_SIZE, signal, kind)),
        {
          done: (page) => {
            latest.current.onPage(page, first);
            setPages((prev) => nextPages(prev, page, first));
            setStatus('ready');
            setLoadingMore(false);
          },
          failed: (err) => {
            if (first) {
              setError(errorMessage(err));
              setStatus('error');
            } else setMoreError(errorMessage(err));
            setLoadingMore(false);
          },
        },
      );
    },
    [kind],
  );

  useEffect(() => {
    if (!restored) load(null);
    const pending = request.current;
    return () => pending.abort();
  }, [load, restored]);

  const loadMore = useCallback(() => {
    const { pages: p } = latest.current;
    if (p.hasMore) load(p.cursor);
  }, [load]);

  return {
    kind,
    videos: pages.videos,
    cursor: pages.cursor,
    hasMore: pages.hasMore,
    status,
    error,
    loadingMore,
    moreError,
    restoredActive: restored?.active ?? null,
    loadMore,
    retry: useCallback(() => load(null), [load]),
    retryMore: useCallback(() => load(latest.current.pages.cursor), [load]),
  };
}

/**
 * Follows the person's position in the feed: asks for the next page when it comes within `LOAD_MORE_WITHIN` of
 * the end, and remembers the feed and position so Home comes back where they were.
 */
export function useFeedPosition(feed: FeedPager, userId: string | null, active: number): void {
  const { status, hasMore, moreError, videos, cursor, kind, loadMore } = feed;
  useEffect(() => {
    if (status === 'ready' && hasMore && !moreError && active >= videos.length - LOAD_MORE_WITHIN) loadMore();
  }, [status, hasMore, moreError, active, videos.length, loadMore]);

  useEffect(() => {
    if (status === 'ready') saveFeed({ videos, cursor, hasMore, active, kind, userId, savedAt: Date.now() });
  }, [videos, cursor, hasMore, active, status, kind, userId]);
}
