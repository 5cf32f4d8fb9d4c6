/**
 * Videos as a grid of posters that play their animated preview while hovered or focused, loading further pages
 * as the end scrolls into view. Used by profiles, saved videos, hashtag pages and search.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Video, VideoPage, ViewSource } from './api/types.ts';
import { formatCount } from './format.ts';
import { usePagedResource } from './hooks/usePagedResource.ts';
import { PlayIcon } from './icons.tsx';
import { Link } from './router.tsx';
import { ListStatus } from './ui/ListStatus.tsx';

const BADGE: Partial<Record<Video['status'], string>> = {
  uploading: 'Uploading',
  processing: 'Processing',
  failed: 'Failed',
  removed: 'Removed',
};

export function VideoTile({ video, source }: { video: Video; source: ViewSource }) {
  const [previewing, setPreviewing] = useState(false);
  const poster = video.thumbnails?.poster ?? null;
  const preview = video.thumbnails?.preview ?? null;
  const on = () => setPreviewing(true);
  const off = () => setPreviewing(false);
  return (
    <Link
      to={`/v/${encodeURIComponent(video.id)}`}
      state={{ source }}
      className="tile"
      data-testid="video-tile"
      aria-label={`${video.caption.trim() || 'Video'} — ${formatCount(video.stats.views)} views`}
      onPointerEnter={on}
      onPointerLeave={off}
      onFocus={on}
      onBlur={off}
    >
      {poster ? <img src={poster} alt="" loading="lazy" decoding="async" /> : <span className="tile-blank" />}
      {previewing && preview && <img className="tile-preview" src={preview} alt="" decoding="async" />}
      {BADGE[video.status] && <span className="tile-badge">{BADGE[video.status]}</span>}
      {video.visibility && video.visibility !== 'public' && (
        <span className="tile-badge right">{video.visibility === 'private' ? 'Only you' : 'Friends'}</span>
      )}
      <span className="tile-views" aria-hidden="true">
        <PlayIcon size={14} />
        {formatCount(video.stats.views)}
      </span>
    </Link>
  );
}

/** Posters in a grid, without paging (search results, what is trending). */
export function VideoTiles({ videos, source }: { videos: Video[]; source: ViewSource }) {
  return (
    <ul className="video-grid">
      {videos.map((v) => (
        <li key={v.id}>
          <VideoTile video={v} source={source} />
        </li>
      ))}
    </ul>
  );
}

interface Props {
  /** One page of videos after `cursor` (null: the first). */
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<VideoPage>;
  source: ViewSource;
  empty: ReactNode;
  label: string;
}

export function VideoGrid({ fetchPage, source, empty, label }: Props) {
  const list = usePagedResource(
    async (cursor, signal) => {
      const page = await fetchPage(cursor, signal);
      // A page with no videos would be asked for again and again: treat it as the end.
      return { items: page.videos, cursor: page.cursor, has_more: page.has_more && page.videos.length > 0 };
    },
    (video) => video.id,
    [fetchPage],
  );
  const { items: videos, hasMore, loading, error, loadMore } = list;
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loading || error || videos.length === 0) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, error, videos.length, loadMore]);

  return (
    <section className="video-grid-section" aria-label={label} aria-busy={loading}>
      {videos.length > 0 && <VideoTiles videos={videos} source={source} />}
      <ListStatus list={list} empty={<div className="empty">{empty}</div>} loadingLabel="Loading videos" />
      <div ref={sentinel} className="sentinel" />
    </section>
  );
}
