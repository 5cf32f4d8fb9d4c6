/** A profile's videos as a grid of posters, loading further pages as the end scrolls into view. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, getUserVideos, isAbort } from './api.ts';
import { formatCount } from './format.ts';
import { PlayIcon } from './icons.tsx';
import { Link } from './router.tsx';
import type { Video } from './types.ts';

const PAGE_SIZE = 18;

const BADGE: Partial<Record<Video['status'], string>> = {
  uploading: 'Uploading',
  processing: 'Processing',
  failed: 'Failed',
  removed: 'Removed',
};

export function VideoGrid({ username, isMe }: { username: string; isMe: boolean }) {
  const [videos, setVideos] = useState<Video[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useRef<AbortController | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (from: string | null) => {
      if (request.current) return;
      const ctrl = new AbortController();
      request.current = ctrl;
      setLoading(true);
      setError(null);
      try {
        const page = await getUserVideos(username, from, PAGE_SIZE, ctrl.signal);
        setVideos((prev) => {
          const base = from === null ? [] : prev;
          const seen = new Set(base.map((v) => v.id));
          const fresh = page.videos.filter((v) => !seen.has(v.id));
          return [...base, ...fresh];
        });
        setCursor(page.cursor);
        setHasMore(page.has_more && page.cursor !== null && page.videos.length > 0);
      } catch (err) {
        if (!isAbort(err)) setError(errorMessage(err));
      } finally {
        if (request.current === ctrl) {
          request.current = null;
          setLoading(false);
        }
      }
    },
    [username],
  );

  useEffect(() => {
    setVideos([]);
    setCursor(null);
    setHasMore(true);
    void load(null);
    return () => {
      request.current?.abort();
      request.current = null;
    };
  }, [load]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loading || error || videos.length === 0) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void load(cursor);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, error, cursor, videos.length, load]);

  return (
    <section className="video-grid-section" aria-label="Videos" aria-busy={loading}>
      {videos.length > 0 && (
        <ul className="video-grid">
          {videos.map((v) => (
            <li key={v.id}>
              <Link
                to={`/v/${encodeURIComponent(v.id)}`}
                state={{ source: 'profile' }}
                className="tile"
                aria-label={`${v.caption.trim() || 'Video'} — ${formatCount(v.stats.views)} views`}
              >
                {v.thumbnails?.poster ? (
                  <img src={v.thumbnails.poster} alt="" loading="lazy" decoding="async" />
                ) : (
                  <span className="tile-blank" />
                )}
                {BADGE[v.status] && <span className="tile-badge">{BADGE[v.status]}</span>}
                <span className="tile-views" aria-hidden="true">
                  <PlayIcon size={14} />
                  {formatCount(v.stats.views)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}

      {!loading && !error && videos.length === 0 && (
        <div className="empty">
          <p>{isMe ? "You haven't posted any videos yet." : 'No videos yet.'}</p>
          {isMe && (
            <Link to="/upload" className="button primary">
              Upload your first video
            </Link>
          )}
        </div>
      )}
      {error && (
        <div className="empty" role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={() => void load(videos.length ? cursor : null)}>
            Retry
          </button>
        </div>
      )}
      {loading && <div className="spinner inline" role="status" aria-label="Loading videos" />}
      <div ref={sentinel} className="sentinel" />
    </section>
  );
}
