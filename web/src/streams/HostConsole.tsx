/**
 * The host's side of a started LIVE: the picture going out (the camera over the ingest socket, or OBS's details),
 * its status and viewers, the chat beside it, the gifts as they arrive, and the End button.
 */
import { useCallback, useEffect, useState } from 'react';
import type { LiveStarted } from '../api/types.ts';
import { useSession } from '../auth.ts';
import { Link } from '../router.tsx';
import { showToast } from '../toast.ts';
import { type IngestState, startBrowserIngest } from './browserIngest.ts';
import { CameraPreview } from './CameraPreview.tsx';
import { ChatPanel } from './ChatPanel.tsx';
import { GiftAnimations } from './GiftAnimations.tsx';
import type { LiveSource } from './GoLiveForm.tsx';
import { IngestStatus } from './IngestStatus.tsx';
import { ObsDetails } from './ObsDetails.tsx';
import type { GiftFrame } from './protocol.ts';
import type { Camera } from './useCamera.ts';
import { useGiftCatalogue } from './useGiftCatalogue.ts';
import { useGiftShow } from './useGiftShow.ts';
import { useHostStream } from './useHostStream.ts';
import { useStreamRoom } from './useStreamRoom.ts';
import { ViewerCount } from './ViewerCount.tsx';

const share = (url: string) =>
  navigator.clipboard
    ?.writeText(url)
    .then(() => showToast('Link copied'))
    .catch(() => showToast(url));

interface Props {
  started: LiveStarted;
  source: LiveSource;
  camera: Camera;
}

export function HostConsole({ started, source, camera }: Props) {
  const id = started.stream_id;
  const myId = useSession()?.user.id ?? null;
  const { stream, ending, end } = useHostStream(id);
  const [ingest, setIngest] = useState<IngestState | null>(null);
  const { shown, show } = useGiftShow();
  const gifts = useGiftCatalogue().data?.gifts ?? [];
  const onGift = useCallback(
    (frame: GiftFrame) =>
      show({
        giftId: frame.gift_id,
        quantity: frame.quantity,
        from: frame.from ? frame.from.display_name || frame.from.username : 'Someone',
      }),
    [show],
  );
  const room = useStreamRoom(id, myId !== null, onGift);
  const ended = stream?.status === 'ended' || room.ended;
  const media = camera.status === 'ready' ? camera.stream : null;
  const ingestUrl = started.whip_or_ws_url;

  useEffect(() => {
    if (source !== 'camera' || !media || !ingestUrl || ended) return;
    const running = startBrowserIngest(ingestUrl, started.stream_key, media, setIngest);
    return () => running.stop();
  }, [source, media, ingestUrl, started.stream_key, ended]);

  const cameraUnavailable = source === 'camera' && !ingestUrl;
  return (
    <div className="host-console" data-testid="host-console" data-stream-id={id}>
      <div className="host-stage">
        {source === 'camera' && <CameraPreview camera={camera} />}
        <GiftAnimations shown={shown} gifts={gifts} />
        <div className="host-stage-top">
          <IngestStatus stream={stream} ingest={ingest} />
          <ViewerCount now={room.viewers?.now ?? stream?.viewers.now ?? 0} />
        </div>
      </div>
      {cameraUnavailable && (
        <p className="form-error" role="alert">
          This server can't take video from the browser yet. Stream from OBS with the details below.
        </p>
      )}
      {source === 'obs' || cameraUnavailable ? (
        <ObsDetails rtmpUrl={started.rtmp_url} streamKey={started.stream_key} />
      ) : (
        <details className="obs-alternative">
          <summary>Stream from OBS instead</summary>
          <ObsDetails rtmpUrl={started.rtmp_url} streamKey={started.stream_key} />
        </details>
      )}
      <ChatPanel streamId={id} room={room} myId={myId} hostId={myId} canModerate live={!ended} />
      <div className="host-actions">
        <button type="button" className="button" onClick={() => void share(started.share_url)}>
          Copy link
        </button>
        {ended ? (
          <Link to="/live" className="button primary">
            Done
          </Link>
        ) : (
          <button
            type="button"
            className="button danger"
            data-testid="end-live"
            disabled={ending}
            onClick={() => void end()}
          >
            {ending ? 'Ending…' : 'End LIVE'}
          </button>
        )}
      </div>
    </div>
  );
}
