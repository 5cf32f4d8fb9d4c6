/**
 * The For You and Following feeds: full-screen items with scroll snapping. The item on screen plays, its
 * neighbours hold a ready player, and the prefetch engine warms the ones after. A touch swipe, a wheel gesture, or
 * ArrowUp/ArrowDown (j/k) moves one item; a key or wheel move starts the next video at once, while it scrolls in.
 */
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Video } from './api/types.ts';
import { errorMessage, type FeedKind, getFeed, isAbort } from './api.ts';
import { useCurrentUser } from './auth.ts';
import { FeedItem } from './FeedItem.tsx';
import { restoreFeed, saveFeed } from './feedCache.ts';
import { ChevronDownIcon, ChevronUpIcon, LiveIcon, SearchIcon } from './icons.tsx';
import { MuteToggle } from './MuteToggle.tsx';
import { toggleMuted } from './mute.ts';
import { preloadPlayer } from './player.ts';
import { prefetch, mode as prefetchMode, warmPoster } from './prefetch/index.ts';
import { Link } from './router.tsx';
import { learnFollow } from './social.ts';

const PAGE_SIZE = 10;
const LOAD_MORE_WITHIN = 3;
/** How long a key or wheel move owns the active item while its smooth scroll runs. */
const MOVE_MS = 700;

interface FeedData {
  videos: Video[];
  cursor: string | null;
  hasMore: boolean;
}

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.tagName === 'INPUT' ||
      target.tagName === 'TEXTAREA' ||
      target.tagName === 'SELECT')
  );
}

/**
 * Starts the video of item `index` at once if its player is ready, before React renders the move: the swipe's
 * first frame does not wait for a render and an effect. The item's own effects then find it playing.
 */
function startEarly(root: HTMLElement, index: number): void {
  const video = root.querySelector<HTMLVideoElement>(`[data-testid="feed-item"][data-index="${index}"] video`);
  if (!video?.paused || video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) return;
  for (const other of root.querySelectorAll<HTMLVideoElement>('[data-testid="feed-item"] video')) {
    if (other !== video && !other.paused) other.pause();
  }
  video.play().catch(() => {
    // Autoplay refused or superseded: the item's own effect deals with it.
  });
}

function FeedMessage({ title, children, alert }: { title: string; children?: ReactNode; alert?: boolean }) {
  return (
    <section className="feed-message" role={alert ? 'alert' : undefined}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function FeedTabs({ kind }: { kind: FeedKind }) {
  return (
    <nav className="feed-tabs" aria-label="Feeds">
      <Link to="/following" className="feed-tab" aria-current={kind === 'following' ? 'page' : undefined}>
        Following
      </Link>
      <Link to="/" className="feed-tab" aria-current={kind === 'fyp' ? 'page' : undefined}>
        For You
      </Link>
    </nav>
  );
}

export function Feed({ kind = 'fyp' }: { kind?: FeedKind }) {
  const user = useCurrentUser();
  const userId = user?.id ?? null;
  const needsAccount = kind === 'following' && !user;

  return (
    <main className="feed-page">
      <header className="feed-header">
        <Link to="/live" className="icon-button header-left" aria-label="LIVE">
          <LiveIcon />
        </Link>
        <FeedTabs kind={kind} />
        <Link to="/search" className="icon-button header-right" aria-label="Search">
          <SearchIcon />
        </Link>
      </header>
      {needsAccount ? (
        <div className="feed" data-testid="feed" data-state="signed-out">
          <FeedMessage title="See videos from creators you follow">
            <p>Log in to follow creators and watch their newest videos here.</p>
            <div className="row">
              <Link to="/login" className="button primary">
                Log in
              </Link>
              <Link to="/signup" className="button">
                Sign up
              </Link>
            </div>
          </FeedMessage>
        </div>
      ) : (
        <FeedList key={`${kind}:${userId ?? ''}`} kind={kind} userId={userId} />
      )}
    </main>
  );
}

function FeedList({ kind, userId }: { kind: FeedKind; userId: string | null }) {
  const [restored] = useState(() => restoreFeed(kind, userId));
  const [data, setData] = useState<FeedData>(() => restored ?? { videos: [], cursor: null, hasMore: true });
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>(restored ? 'ready' : 'loading');
  const [error, setError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [active, setActive] = useState(restored?.active ?? 0);
  const containerRef = useRef<HTMLDivElement>(null);
  const request = useRef<AbortController | null>(null);
  const activeRef = useRef(active);
  activeRef.current = active;
  /** Where a keyboard/wheel move is heading while its smooth scroll runs, so quick repeats keep counting. */
  const heading = useRef<{ index: number; until: number } | null>(null);
  const source = kind === 'following' ? 'following' : 'fyp';

  const load = useCallback(
    async (cursor: string | null) => {
      if (request.current) return;
      const ctrl = new AbortController();
      request.current = ctrl;
      if (cursor === null) setStatus('loading');
      else {
        setLoadingMore(true);
        setMoreError(null);
      }
      try {
        let page = await getFeed(cursor, PAGE_SIZE, ctrl.signal, kind);
        // Everything ranked for this person was already shown: rather than an empty screen, the newest videos.
        if (cursor === null && kind === 'fyp' && page.videos.length === 0) {
          page = await getFeed(null, PAGE_SIZE, ctrl.signal, kind, 'latest');
        }
        if (cursor === null && prefetch.enabled) prefetch.seed(page.prefetch_hints ?? []);
        for (const hint of page.prefetch_hints ?? []) if (hint.poster) warmPoster(hint.poster);
        if (kind === 'following') for (const v of page.videos) learnFollow(v.author.username, 'following');
        setData((prev) => {
          const base = cursor === null ? [] : prev.videos;
          const seen = new Set(base.map((v) => v.id));
          const fresh = (page.videos ?? []).filter((v) => !seen.has(v.id));
          return {
            videos: [...base, ...fresh],
            cursor: page.cursor,
            // A page with nothing new would loop forever; treat it as the end.
            hasMore: page.has_more && page.cursor !== null && fresh.length > 0,
          };
        });
        setStatus('ready');
      } catch (err) {
        if (isAbort(err)) return;
        if (cursor === null) {
          setError(errorMessage(err));
          setStatus('error');
        } else {
          setMoreError(errorMessage(err));
        }
      } finally {
        if (request.current === ctrl) request.current = null;
        setLoadingMore(false);
      }
    },
    [kind],
  );

  useEffect(() => {
    void preloadPlayer().catch(() => {});
    if (!restored) void load(null);
    return () => {
      request.current?.abort();
      request.current = null;
    };
  }, [load, restored]);

  useEffect(() => {
    if (status === 'ready') saveFeed({ ...data, active, kind, userId, savedAt: Date.now() });
  }, [data, active, status, kind, userId]);

  // The prefetch engine follows the feed and the position in it.
  useEffect(() => {
    if (!prefetch.enabled) return;
    prefetch.setQueue(
      data.videos.map((v) => ({
        id: v.id,
        hls: v.status === 'ready' ? (v.playback_urls?.hls ?? null) : null,
        poster: v.thumbnails?.poster ?? null,
      })),
    );
  }, [data.videos]);
  useEffect(() => {
    if (prefetch.enabled) prefetch.setPosition(active);
  }, [active]);

  useLayoutEffect(() => {
    const root = containerRef.current;
    if (root && restored) root.scrollTop = restored.active * root.clientHeight;
  }, [restored]);

  useEffect(() => {
    const { videos, hasMore, cursor } = data;
    if (status === 'ready' && hasMore && !moreError && active >= videos.length - LOAD_MORE_WITHIN) void load(cursor);
  }, [data, status, active, moreError, load]);

  // The item on screen is the one the scroll position rounds to (past half-way the next one starts), except while
  // a key or wheel move runs: that move already chose its item.
  const itemCount = data.videos.length;
  useEffect(() => {
    const root = containerRef.current;
    if (!root || itemCount === 0) return;
    const settle = () => {
      const h = root.clientHeight;
      if (!h) return;
      const move = heading.current;
      if (move && move.until > performance.now()) return;
      heading.current = null;
      const index = Math.max(0, Math.min(itemCount, Math.round(root.scrollTop / h)));
      if (index !== activeRef.current) startEarly(root, index);
      setActive(index);
    };
    const onScrollEnd = () => {
      heading.current = null;
      settle();
    };
    root.addEventListener('scroll', settle, { passive: true });
    root.addEventListener('scrollend', onScrollEnd);
    return () => {
      root.removeEventListener('scroll', settle);
      root.removeEventListener('scrollend', onScrollEnd);
    };
  }, [itemCount]);

  const move = useCallback(
    (delta: 1 | -1) => {
      const root = containerRef.current;
      if (!root) return;
      const now = performance.now();
      const from = heading.current && heading.current.until > now ? heading.current.index : activeRef.current;
      const target = Math.max(0, Math.min(itemCount, from + delta));
      if (target === from) return;
      heading.current = { index: target, until: now + MOVE_MS };
      startEarly(root, target);
      setActive(target);
      root.scrollTo({ top: target * root.clientHeight, behavior: reducedMotion() ? 'auto' : 'smooth' });
    },
    [itemCount],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (document.querySelector('[data-sheet-open]')) return;
      if (e.key === 'ArrowDown' || e.key === 'j' || e.key === 'PageDown') {
        e.preventDefault();
        move(1);
      } else if (e.key === 'ArrowUp' || e.key === 'k' || e.key === 'PageUp') {
        e.preventDefault();
        move(-1);
      } else if (e.key === 'm') {
        toggleMuted();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  // One wheel gesture (a notch, or a trackpad swipe with its inertia) moves one item.
  useEffect(() => {
    const root = containerRef.current;
    if (!root) return;
    let lastEvent = 0;
    let lastMove = 0;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || Math.abs(e.deltaY) <= Math.abs(e.deltaX)) return;
      if (e.target instanceof Element && e.target.closest('[data-sheet-open]')) return;
      e.preventDefault();
      const now = performance.now();
      const newGesture = now - lastEvent > 200;
      lastEvent = now;
      if (!newGesture && now - lastMove < 1200) return;
      lastMove = now;
      move(e.deltaY > 0 ? 1 : -1);
    };
    root.addEventListener('wheel', onWheel, { passive: false });
    return () => root.removeEventListener('wheel', onWheel);
  }, [move]);

  const backToTop = () => {
    heading.current = { index: 0, until: performance.now() + 1500 };
    setActive(0);
    containerRef.current?.scrollTo({ top: 0, behavior: reducedMotion() ? 'auto' : 'smooth' });
  };

  const { videos, hasMore } = data;
  const setSize = hasMore ? -1 : videos.length;
  const neighbours = prefetchMode !== 'off';

  return (
    <>
      {videos.length > 0 && (
        <div className="feed-tools">
          <MuteToggle />
        </div>
      )}
      {videos.length > 0 && (
        // For mouse and keyboard users (and screen readers, whose arrow keys the page never sees).
        <div className="feed-nav">
          <button
            type="button"
            className="icon-button"
            aria-label="Previous video"
            disabled={active === 0}
            onClick={() => move(-1)}
          >
            <ChevronUpIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Next video"
            disabled={active >= videos.length}
            onClick={() => move(1)}
            data-testid="next-video"
          >
            <ChevronDownIcon />
          </button>
        </div>
      )}
      <div
        ref={containerRef}
        className="feed"
        data-testid="feed"
        data-state={status}
        data-kind={kind}
        data-active-index={active}
        role="feed"
        aria-label={kind === 'following' ? 'Videos from accounts you follow' : 'For You videos'}
        aria-busy={status === 'loading' || loadingMore}
      >
        {videos.map((video, i) => (
          <FeedItem
            key={video.id}
            video={video}
            index={i}
            setSize={setSize}
            active={i === active}
            attached={neighbours ? Math.abs(i - active) <= 1 : i === active}
            source={source}
          />
        ))}

        {status === 'loading' && (
          <FeedMessage title="Loading videos…">
            <div className="spinner inline" aria-hidden="true" />
          </FeedMessage>
        )}
        {status === 'error' && (
          <FeedMessage title="Couldn't load videos" alert>
            <p>{error}</p>
            <button type="button" className="button primary" onClick={() => void load(null)}>
              Retry
            </button>
          </FeedMessage>
        )}
        {status === 'ready' &&
          videos.length === 0 &&
          (kind === 'following' ? (
            <FeedMessage title="No videos from people you follow yet">
              <p>Follow creators you like and their new videos show up here.</p>
              <Link to="/" className="button primary">
                Find creators in For You
              </Link>
            </FeedMessage>
          ) : (
            <FeedMessage title="No videos yet — be the first to upload">
              <p>Share a short clip and it will show up here.</p>
              <Link to="/upload" className="button primary">
                Upload a video
              </Link>
            </FeedMessage>
          ))}
        {videos.length > 0 && (
          // Always present after the last video (so the layout never shifts); being on it means no video plays.
          <div className="feed-end" data-index={videos.length}>
            {moreError ? (
              <>
                <p role="alert">{moreError}</p>
                <button type="button" className="button primary" onClick={() => void load(data.cursor)}>
                  Retry
                </button>
              </>
            ) : hasMore ? (
              <div className="spinner inline" role="status" aria-label="Loading more videos" />
            ) : (
              <>
                <p>You're all caught up.</p>
                <button type="button" className="button" onClick={backToTop}>
                  Back to the top
                </button>
              </>
            )}
          </div>
        )}
      </div>
    </>
  );
}
