/** /v/{id}: one video, played with the feed's item component. */
import { useEffect, useState } from 'react';
import type { Video, ViewSource } from './api/types.ts';
import { ApiError, getVideo } from './api.ts';
import { FeedItem } from './FeedItem.tsx';
import { useResource } from './hooks/useResource.ts';
import { MuteToggle } from './MuteToggle.tsx';
import { prefetch } from './prefetch/index.ts';
import { historyState, Link } from './router.tsx';
import { BackButton } from './ui/PageHeader.tsx';

const SOURCES: readonly ViewSource[] = ['profile', 'tag', 'search', 'following', 'fyp'];

const PENDING = new Set(['uploading', 'processing']);
/** While the video is still being processed (the author followed a link early), how often to look again. */
const PENDING_POLL_MS = 2000;

/** The video, with the page's title and the prefetch queue set for it. */
async function loadVideo(id: string, signal: AbortSignal): Promise<Video> {
  const video = await getVideo(id, signal);
  document.title = `${video.caption.trim().slice(0, 60) || `Video by @${video.author.username}`} · Looply`;
  if (prefetch.enabled && video.playback_urls) {
    prefetch.setQueue([{ id: video.id, hls: video.playback_urls.hls, poster: video.thumbnails?.poster ?? null }]);
    prefetch.setPosition(0);
  }
  return video;
}

export function VideoPage({ id }: { id: string }) {
  const { status, data: video, error, failure, reload, setData } = useResource((signal) => loadVideo(id, signal), [id]);
  const [source] = useState<ViewSource>(() => {
    const from = historyState('source');
    return SOURCES.find((s) => s === from) ?? 'video';
  });

  // 400: not a well-formed video id.
  const missing = failure instanceof ApiError && (failure.status === 404 || failure.status === 400);

  const pending = video !== undefined && PENDING.has(video.status);
  useEffect(() => {
    if (!pending) return;
    const ctrl = new AbortController();
    const timer = setInterval(() => {
      getVideo(id, ctrl.signal)
        .then(setData)
        .catch(() => {});
    }, PENDING_POLL_MS);
    return () => {
      clearInterval(timer);
      ctrl.abort();
    };
  }, [id, pending, setData]);

  return (
    <main className="feed-page">
      <header className="feed-header">
        <BackButton fallback="/" className="icon-button back-button" />
        {video && <MuteToggle />}
      </header>
      <div className="feed single" data-testid="feed" data-state={status}>
        {video && <FeedItem video={video} active attached source={source} />}
        {status === 'loading' && (
          <section className="feed-message" aria-busy="true">
            <h1>Loading video…</h1>
            <div className="spinner inline" aria-hidden="true" />
          </section>
        )}
        {status === 'error' && (
          <section className="feed-message" role="alert">
            <h1>{missing ? "This video isn't available" : "Couldn't load this video"}</h1>
            <p>{error}</p>
            {missing ? (
              <Link to="/" className="button primary">
                Go to the feed
              </Link>
            ) : (
              <button type="button" className="button primary" onClick={reload}>
                Retry
              </button>
            )}
          </section>
        )}
      </div>
    </main>
  );
}
