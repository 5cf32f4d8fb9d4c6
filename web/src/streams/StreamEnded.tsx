/** What a stream's page shows once it is over: that it ended, its replay when there is one, and the way back. */
import type { LiveStream } from '../api/types.ts';
import { Link } from '../router.tsx';

export function StreamEnded({ stream }: { stream: LiveStream }) {
  const host = stream.host;
  return (
    <section className="empty stream-ended" data-testid="stream-ended">
      <h2>This LIVE has ended</h2>
      {host && <p className="muted">Thanks for watching @{host.username}.</p>}
      <div className="stream-ended-actions">
        {stream.replay_video_id && (
          <Link to={`/v/${stream.replay_video_id}`} className="button primary">
            Watch the replay
          </Link>
        )}
        {host && (
          <Link to={`/@${host.username}`} className="button">
            Profile
          </Link>
        )}
        <Link to="/live" className="button">
          More LIVE
        </Link>
      </div>
    </section>
  );
}
