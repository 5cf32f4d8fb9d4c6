/** Where the host's stream stands: waiting for the picture, on air, reconnecting, refused or over. */
import type { LiveStream } from '../api/types.ts';
import type { IngestState } from './browserIngest.ts';

export function IngestStatus({ stream, ingest }: { stream: LiveStream | null; ingest: IngestState | null }) {
  let text = 'Waiting for your stream…';
  if (stream?.status === 'ended') text = 'Your LIVE has ended.';
  else if (ingest?.status === 'failed') text = ingest.message;
  else if (ingest?.status === 'reconnecting') text = `Connection lost — reconnecting (try ${ingest.attempt})…`;
  else if (stream?.status === 'live') text = "You're LIVE";
  else if (ingest?.status === 'connecting') text = 'Connecting…';
  const live = stream?.status === 'live';
  return (
    <p className={live ? 'ingest-status on-air' : 'ingest-status'} role="status" data-testid="ingest-status">
      {live && <span className="live-badge">LIVE</span>} {text}
    </p>
  );
}
