/** /live, the LIVE tab: who is on air now, accounts this person follows first (the server's order), refreshed often. */
import { useEffect } from 'react';
import { getLiveNow } from '../api.ts';
import { useSession } from '../auth.ts';
import { useResource } from '../hooks/useResource.ts';
import { LiveIcon } from '../icons.tsx';
import { Link } from '../router.tsx';
import { LiveCard } from './LiveCard.tsx';
import { rememberOnAir } from './liveNow.ts';

const REFRESH_MS = 15_000;

export function LiveListPage() {
  const signedIn = useSession() !== null;
  const list = useResource((signal) => getLiveNow(signal), [signedIn]);
  const streams = (list.data?.streams ?? []).filter((stream) => stream.status === 'live');
  const { reload, data } = list;

  useEffect(() => {
    if (data) rememberOnAir(data.streams);
  }, [data]);
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <main className="page live-page">
      <header className="page-header live-header">
        <h1>LIVE</h1>
        {signedIn && (
          <Link to="/go-live" className="button primary" data-testid="go-live-link">
            Go LIVE
          </Link>
        )}
      </header>
      {list.status === 'loading' && !data && <div className="spinner inline" role="status" aria-label="Loading" />}
      {list.error && (
        <div className="empty" role="alert">
          <p>{list.error}</p>
          <button type="button" className="button" onClick={reload}>
            Retry
          </button>
        </div>
      )}
      {data && streams.length === 0 && (
        <section className="empty" data-testid="live-empty">
          <div className="coming-icon" aria-hidden="true">
            <LiveIcon />
          </div>
          <h2>Nobody is live right now</h2>
          <p className="muted">When someone goes live, they show up here — people you follow first.</p>
        </section>
      )}
      {streams.length > 0 && (
        <ul className="live-list" aria-label="Live now">
          {streams.map((stream) => (
            <LiveCard key={stream.id} stream={stream} />
          ))}
        </ul>
      )}
    </main>
  );
}
