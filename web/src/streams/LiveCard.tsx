/** One stream on the LIVE tab: the host's avatar in its ring, the title, who hosts it and how many watch. */
import { Avatar } from '../Avatar.tsx';
import type { LiveStream } from '../api/types.ts';
import { Link } from '../router.tsx';
import { ViewerCount } from './ViewerCount.tsx';

export function LiveCard({ stream }: { stream: LiveStream }) {
  const host = stream.host;
  const name = host ? host.display_name || host.username : 'Someone';
  return (
    <li>
      <Link to={`/live/${stream.id}`} className="live-card" data-testid="live-card" data-stream-id={stream.id}>
        <span className="live-ring" data-testid="live-ring">
          <Avatar name={name} url={host?.avatar_url ?? null} size={56} />
          <span className="live-ring-label">LIVE</span>
        </span>
        <span className="live-card-text">
          <strong className="live-card-title">{stream.title}</strong>
          <span className="muted">{host ? `@${host.username}` : name}</span>
        </span>
        <ViewerCount now={stream.viewers.now} />
      </Link>
    </li>
  );
}
