/** /v/{id}: one video, played with the feed's item component. */
import { useEffect, useState } from 'react';
import type { Video, ViewSource } from './api/types.ts';
import { ApiError, errorMessage, getVideo, isAbort } from './api.ts';
import { FeedItem } from './FeedItem.tsx';
import { BackIcon } from './icons.tsx';
import { MuteToggle } from './MuteToggle.tsx';
import { prefetch } from './prefetch/index.ts';
import { goBack, historyState, Link } from './router.tsx';

const SOURCES: readonly ViewSource[] = ['profile', 'tag', 'search', 'following', 'fyp'];

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; missing: boolean }
  | { kind: 'ready'; video: Video };

const PENDING = new Set(['uploading', 'processing']);

export function VideoPage({ id }: { id: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [source] = useState<ViewSource>(() => {
    const from = historyState('source');
    return SOURCES.find((s) => s === from) ?? 'video';
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` refetches after "Retry".
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ kind: 'loading' });
    getVideo(id, ctrl.signal)
      .then((video) => {
        setState({ kind: 'ready', video });
        document.title = `${video.caption.trim().slice(0, 60) || `Video by @${video.author.username}`} · Looply`;
        if (prefetch.enabled && video.playback_urls) {
          prefetch.setQueue([{ id: video.id, hls: video.playback_urls.hls, poster: video.thumbnails?.poster ?? null }]);
          prefetch.setPosition(0);
        }
      })
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        // 400: not a well-formed video id.
        const missing = err instanceof ApiError && (err.status === 404 || err.status === 400);
        setState({ kind: 'error', message: errorMessage(err), missing });
      });
    return () => ctrl.abort();
  }, [id, attempt]);

  // Still processing (the author followed a link early): check again every two seconds.
  const pending = state.kind === 'ready' && PENDING.has(state.video.status);
  useEffect(() => {
    if (!pending) return;
    const ctrl = new AbortController();
    const timer = setInterval(() => {
      getVideo(id, ctrl.signal)
        .then((video) => setState({ kind: 'ready', video }))
        .catch(() => {});
    }, 2000);
    return () => {
      clearInterval(timer);
      ctrl.abort();
    };
  }, [id, pending]);

  return (
    <main className="feed-page">
      <header className="feed-header">
        <button type="button" className="icon-button back-button" aria-label="Back" onClick={() => goBack('/')}>
          <BackIcon />
        </button>
        {state.kind === 'ready' && <MuteToggle />}
      </header>
      <div className="feed single" data-testid="feed" data-state={state.kind}>
        {state.kind === 'ready' && <FeedItem video={state.video} active attached source={source} />}
        {state.kind === 'loading' && (
          <section className="feed-message" aria-busy="true">
            <h1>Loading video…</h1>
            <div className="spinner inline" aria-hidden="true" />
          </section>
        )}
        {state.kind === 'error' && (
          <section className="feed-message" role="alert">
            <h1>{state.missing ? "This video isn't available" : "Couldn't load this video"}</h1>
            <p>{state.message}</p>
            {state.missing ? (
              <Link to="/" className="button primary">
                Go to the feed
              </Link>
            ) : (
              <button type="button" className="button primary" onClick={() => setAttempt((n) => n + 1)}>
                Retry
              </button>
            )}
          </section>
        )}
      </div>
    </main>
  );
}
