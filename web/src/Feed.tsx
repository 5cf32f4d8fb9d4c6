/**
 * The For You feed: full-screen items with scroll snapping, the one 60%+ in view plays, its neighbours preload.
 * Wheel and ArrowUp/ArrowDown/j/k move exactly one item; the next page loads three items before the end.
 */
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { errorMessage, getFeed, isAbort } from './api.ts';
import { useCurrentUser } from './auth.ts';
import { FeedItem } from './FeedItem.tsx';
import { restoreFeed, saveFeed } from './feedCache.ts';
import { MuteToggle } from './MuteToggle.tsx';
import { toggleMuted } from './mute.ts';
import { preloadPlayer } from './player.ts';
import { Link } from './router.tsx';
import type { PrefetchHint, Video } from './types.ts';

const PAGE_SIZE = 10;
const LOAD_MORE_WITHIN = 3;

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

const warmed = new Set<string>();
function warmPosters(hints: PrefetchHint[] | undefined): void {
  for (const hint of hints ?? []) {
    if (!hint.poster || warmed.has(hint.poster)) continue;
    warmed.add(hint.poster);
    new Image().src = hint.poster;
  }
}

function FeedMessage({ title, children, alert }: { title: string; children?: ReactNode; alert?: boolean }) {
  return (
    <section className="feed-message" role={alert ? 'alert' : undefined}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Feed() {
  const userId = useCurrentUser()?.id ?? null;
  const [restored] = useState(() => restoreFeed(userId));
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
  /** Where a keyboard/wheel move is heading while the smooth scroll runs, so quick repeats keep counting. */
  const heading = useRef<{ index: number; until: number } | null>(null);

  const load = useCallback(async (cursor: string | null) => {
    if (request.current) return;
    const ctrl = new AbortController();
    request.current = ctrl;
    if (cursor === null) setStatus('loading');
    else {
      setLoadingMore(true);
      setMoreError(null);
    }
    try {
      const page = await getFeed(cursor, PAGE_SIZE, ctrl.signal);
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
      warmPosters(page.prefetch_hints);
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
  }, []);

  useEffect(() => {
    void preloadPlayer().catch(() => {});
    if (!restored) void load(null);
    return () => {
      request.current?.abort();
      request.current = null;
    };
  }, [load, restored]);

  useEffect(() => {
    if (status === 'ready') saveFeed({ ...data, active, userId, savedAt: Date.now() });
  }, [data, active, status, userId]);

  useLayoutEffect(() => {
    const root = containerRef.current;
    if (root && restored) root.scrollTop = restored.active * root.clientHeight;
  }, [restored]);

  useEffect(() => {
    const { videos, hasMore, cursor } = data;
    if (status === 'ready' && hasMore && !moreError && active >= videos.length - LOAD_MORE_WITHIN) void load(cursor);
  }, [data, status, active, moreError, load]);

  // The active item is the one at least 60% in view.
  useEffect(() => {
    const root = containerRef.current;
    if (!root || data.videos.length === 0) return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting || entry.intersectionRatio < 0.6) continue;
          const index = Number((entry.target as HTMLElement).dataset.index);
          if (Number.isInteger(index)) setActive(index);
        }
      },
      { root, threshold: 0.6 },
    );
    for (const el of root.querySelectorAll('[data-index]')) observer.observe(el);
    return () => observer.disconnect();
  }, [data.videos.length]);

  const move = useCallback((delta: 1 | -1) => {
    const root = containerRef.current;
    if (!root) return;
    const now = performance.now();
    const from = heading.current && heading.current.until > now ? heading.current.index : activeRef.current;
    const target = Math.max(0, Math.min(root.children.length - 1, from + delta));
    const el = root.children[target];
    if (!(el instanceof HTMLElement) || target === from) return;
    heading.current = { index: target, until: now + 700 };
    root.scrollTo({ top: el.offsetTop, behavior: reducedMotion() ? 'auto' : 'smooth' });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.key === 'ArrowDown' || e.key === 'j') {
        e.preventDefault();
        move(1);
      } else if (e.key === 'ArrowUp' || e.key === 'k') {
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

  const { videos, hasMore } = data;
  const setSize = hasMore ? -1 : videos.length;

  return (
    <main className="feed-page">
      <header className="feed-header">
        <h1>For You</h1>
        {videos.length > 0 && <MuteToggle />}
      </header>
      <div
        ref={containerRef}
        className="feed"
        data-testid="feed"
        data-state={status}
        role="feed"
        aria-label="For You videos"
        aria-busy={status === 'loading' || loadingMore}
      >
        {videos.map((video, i) => (
          <FeedItem
            key={video.id}
            video={video}
            index={i}
            setSize={setSize}
            active={i === active}
            attached={Math.abs(i - active) <= 1}
            source="fyp"
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
        {status === 'ready' && videos.length === 0 && (
          <FeedMessage title="No videos yet — be the first to upload">
            <p>Share a short clip and it will show up here.</p>
            <Link to="/upload" className="button primary">
              Upload a video
            </Link>
          </FeedMessage>
        )}
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
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    containerRef.current?.scrollTo({ top: 0, behavior: reducedMotion() ? 'auto' : 'smooth' })
                  }
                >
                  Back to the top
                </button>
              </>
            )}
          </div>
        )}
      </div>
    </main>
  );
}
