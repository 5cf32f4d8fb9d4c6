/** A LIVE ring and label around an avatar whose owner is on air now (see liveNow.ts). */
import type { ReactNode } from 'react';
import { useLiveStreamOf } from './liveNow.ts';

export function LiveRing({ userId, children }: { userId: string | null | undefined; children: ReactNode }) {
  const stream = useLiveStreamOf(userId);
  if (!stream) return <>{children}</>;
  return (
    <span className="live-ring" data-testid="live-ring" data-stream-id={stream.id}>
      {children}
      <span className="live-ring-label">LIVE</span>
    </span>
  );
}
