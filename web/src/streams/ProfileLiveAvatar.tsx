/** A profile's big avatar: while its owner is live, in a LIVE ring that opens their stream. */
import { Avatar } from '../Avatar.tsx';
import { Link } from '../router.tsx';
import { useLiveStreamOf } from './liveNow.ts';

interface Props {
  userId: string;
  name: string;
  url: string | null;
  size: number;
}

export function ProfileLiveAvatar({ userId, name, url, size }: Props) {
  const stream = useLiveStreamOf(userId);
  if (!stream) return <Avatar name={name} url={url} size={size} />;
  return (
    <Link
      to={`/live/${stream.id}`}
      className="live-ring"
      data-testid="live-ring"
      data-stream-id={stream.id}
      aria-label={`${name} is LIVE: watch`}
    >
      <Avatar name={name} url={url} size={size} />
      <span className="live-ring-label">LIVE</span>
    </Link>
  );
}
