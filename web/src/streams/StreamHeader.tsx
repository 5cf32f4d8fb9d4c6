/** The top of a stream's page: the host (in their LIVE ring), the title, how many watch, and the way out. */
import { Avatar } from '../Avatar.tsx';
import type { LiveStream } from '../api/types.ts';
import { Link } from '../router.tsx';
import { BackButton } from '../ui/PageHeader.tsx';
import { ViewerCount } from './ViewerCount.tsx';

export function StreamHeader({ stream, viewers }: { stream: LiveStream; viewers: number }) {
  const host = stream.host;
  const name = host ? host.display_name || host.username : 'Someone';
  return (
    <header className="stream-header">
      <BackButton fallback="/live" />
      {host ? (
        <Link to={`/@${host.username}`} className="stream-host" aria-label={`Profile of @${host.username}`}>
          <span className={stream.status === 'live' ? 'live-ring' : undefined}>
            <Avatar name={name} url={host.avatar_url} size={36} />
          </span>
        </Link>
      ) : null}
      <div className="stream-title">
        <h1>{stream.title}</h1>
        <span className="muted">{host ? `@${host.username}` : name}</span>
      </div>
      {stream.status === 'live' && <span className="live-badge">LIVE</span>}
      <ViewerCount now={viewers} />
    </header>
  );
}
