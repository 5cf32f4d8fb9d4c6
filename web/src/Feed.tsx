/**
 * The For You and Following feeds: full-screen items with scroll snapping. The item on screen plays, its
 * neighbours hold a ready player, and the prefetch engine warms the ones after. Paging is `useFeedPager`, moving
 * between items (swipe, wheel, keys) `useSnapNavigation`.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import type { FeedPage, Video } from './api/types.ts';
import type { FeedKind } from './api.ts';
import { useCurrentUser } from './auth.ts';
import { FeedItem } from './FeedItem.tsx';
import { type FeedPager, useFeedPager, useFeedPosition } from './feed/useFeedPager.ts';
import { isFeedKey, useSnapNavigation } from './feed/useSnapNavigation.ts';
import { ChevronDownIcon, ChevronUpIcon, LiveIcon, SearchIcon } from './icons.tsx';
import { MuteToggle } from './MuteToggle.tsx';
import { toggleMuted } from './mute.ts';
import { preloadPlayer } from './player.ts';
import { prefetch, mode as prefetchMode, warmPoster } from './prefetch/index.ts';
import { Link } from './router.tsx';
import { learnFollow } from './social.ts';
import { NavTabs } from './ui/Tabs.tsx';

function FeedMessage({ title, children, alert }: { title: string; children?: ReactNode; alert?: boolean }) {
  return (
    <section className="feed-message" role={alert ? 'alert' : undefined}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

const FEED_TABS = [
  { to: '/following', label: 'Following' },
  { to: '/', label: 'For You' },
] as const;

function FeedTabs({ kind }: { kind: FeedKind }) {
  const current = kind === 'following' ? '/following' : '/';
  return <NavTabs label="Feeds" tabs={FEED_TABS} current={current} className="feed-tabs" tabClassName="feed-tab" />;
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

/** What a page of the feed tells the rest of the app: the prefetch hints, and whom a Following page shows. */
function takePage(kind: FeedKind, page: FeedPage, first: boolean): void {
  if (first && prefetch.enabled) prefetch.seed(page.prefetch_hints ?? []);
  for (const hint of page.prefetch_hints ?? []) if (hint.poster) warmPoster(hint.poster);
  if (kind === 'following') for (const v of page.videos) learnFollow(v.author.username, 'following');
}

/** The prefetch engine follows the feed and the position in it. */
function usePrefetchQueue(videos: Video[], active: number): void {
  useEffect(() => {
    if (!prefetch.enabled) return;
    prefetch.setQueue(
      videos.map((v) => ({
        id: v.id,
        hls: v.status === 'ready' ? (v.playback_urls?.hls ?? null) : null,
        poster: v.thumbnails?.poster ?? null,
      })),
    );
  }, [videos]);
  useEffect(() => {
    if (prefetch.enabled) prefetch.setPosition(active);
  }, [active]);
}

/** `m` mutes or unmutes, wherever the focus is in the feed. */
function useMuteKey(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'm' && isFeedKey(e)) toggleMuted();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function FeedList({ kind, userId }: { kind: FeedKind; userId: string | null }) {
  useEffect(() => {
    void preloadPlayer().catch(() => {});
  }, []);
  const containerRef = useRef<HTMLDivElement>(null);
  const feed = useFeedPager(kind, userId, (page, first) => takePage(kind, page, first));
  const { videos, hasMore, status } = feed;
  const { active, move, backToTop } = useSnapNavigation(containerRef, videos.length, feed.restoredActive ?? 0);
  useFeedPosition(feed, userId, active);
  usePrefetchQueue(videos, active);
  useMuteKey();

  const setSize = hasMore ? -1 : videos.length;
  const neighbours = prefetchMode !== 'off';
  const source = kind === 'following' ? 'following' : 'fyp';

  return (
    <>
      {videos.length > 0 && (
        <div className="feed-tools">
          <MuteToggle />
        </div>
      )}
      {videos.length > 0 && <FeedNav atStart={active === 0} atEnd={active >= videos.length} move={move} />}
      <div
        ref={containerRef}
        className="feed"
        data-testid="feed"
        data-state={status}
        data-kind={kind}
        data-active-index={active}
        role="feed"
        aria-label={kind === 'following' ? 'Videos from accounts you follow' : 'For You videos'}
        aria-busy={status === 'loading' || feed.loadingMore}
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
            <p>{feed.error}</p>
            <button type="button" className="button primary" onClick={feed.retry}>
              Retry
            </button>
          </FeedMessage>
        )}
        {status === 'ready' && videos.length === 0 && <EmptyFeed kind={kind} />}
        {videos.length > 0 && (
          // Always present after the last video (so the layout never shifts); being on it means no video plays.
          <div className="feed-end" data-index={videos.length}>
            <FeedEnd feed={feed} backToTop={backToTop} />
          </div>
        )}
      </div>
    </>
  );
}

/** The up/down buttons, for mouse and keyboard users (and screen readers, whose arrow keys the page never sees). */
function FeedNav({ atStart, atEnd, move }: { atStart: boolean; atEnd: boolean; move: (delta: 1 | -1) => void }) {
  return (
    <div className="feed-nav">
      <button
        type="button"
        className="icon-button"
        aria-label="Previous video"
        disabled={atStart}
        onClick={() => move(-1)}
      >
        <ChevronUpIcon />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next video"
        disabled={atEnd}
        onClick={() => move(1)}
        data-testid="next-video"
      >
        <ChevronDownIcon />
      </button>
    </div>
  );
}

/** What a feed that loaded nothing says, and where it sends the person. */
function EmptyFeed({ kind }: { kind: FeedKind }) {
  return kind === 'following' ? (
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
  );
}

/** After the last video: the next page's error or spinner, or the end of the feed. */
function FeedEnd({ feed, backToTop }: { feed: FeedPager; backToTop: () => void }) {
  if (feed.moreError) {
    return (
      <>
        <p role="alert">{feed.moreError}</p>
        <button type="button" className="button primary" onClick={feed.retryMore}>
          Retry
        </button>
      </>
    );
  }
  if (feed.hasMore) return <div className="spinner inline" role="status" aria-label="Loading more videos" />;
  return (
    <>
      <p>You're all caught up.</p>
      <button type="button" className="button" onClick={backToTop}>
        Back to the top
      </button>
    </>
  );
}
