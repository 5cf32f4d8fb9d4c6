/**
 * /live/<id> (also the stream's share_url): the stream at the live edge, its host and viewer count, the chat, the
 * gift picker and the gifts arriving; "waiting" before the host goes on air and "ended" after.
 */
import { useCallback, useEffect, useState } from 'react';
import type { GiftReceipt } from '../api/types.ts';
import { getLiveStream } from '../api.ts';
import { useSession } from '../auth.ts';
import { useResource } from '../hooks/useResource.ts';
import { ChatPanel } from './ChatPanel.tsx';
import { GiftAnimations } from './GiftAnimations.tsx';
import { GiftPicker } from './GiftPicker.tsx';
import { LivePlayer } from './LivePlayer.tsx';
import type { GiftFrame } from './protocol.ts';
import { StreamEnded } from './StreamEnded.tsx';
import { StreamHeader } from './StreamHeader.tsx';
import { useGiftCatalogue } from './useGiftCatalogue.ts';
import { useGiftShow } from './useGiftShow.ts';
import { useStreamRoom } from './useStreamRoom.ts';

/** Status and viewer count are read again this often (the room's frames are quicker where it exists). */
const POLL_MS = 5000;

export function WatchPage({ id }: { id: string }) {
  const session = useSession();
  const myId = session?.user.id ?? null;
  const stream = useResource((signal) => getLiveStream(id, signal), [id]);
  const catalogue = useGiftCatalogue();
  const gifts = catalogue.data?.gifts ?? [];
  const { shown, show } = useGiftShow();
  const [picking, setPicking] = useState(false);
  const [playerEnded, setPlayerEnded] = useState(false);

  const onGiftFrame = useCallback(
    (frame: GiftFrame) => {
      // This page showed its own gifts when they were charged.
      if (frame.from && frame.from.id === myId) return;
      show({
        giftId: frame.gift_id,
        quantity: frame.quantity,
        from: frame.from ? frame.from.display_name || frame.from.username : 'Someone',
      });
    },
    [myId, show],
  );
  const room = useStreamRoom(id, myId !== null, onGiftFrame);

  const data = stream.data;
  const ended = data?.status === 'ended' || room.ended || playerEnded;
  const { reload } = stream;
  useEffect(() => {
    if (ended && data?.status === 'ended') return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [ended, data?.status, reload]);
  useEffect(() => {
    if (data) document.title = `${data.title} · LIVE · Looply`;
  }, [data]);

  // A replayed receipt is a retry of a send whose answer was lost: this page has not shown that gift yet either.
  const onSent = useCallback(
    (receipt: GiftReceipt) => show({ giftId: receipt.gift_id, quantity: receipt.quantity, from: 'You' }),
    [show],
  );

  if (!data) {
    return (
      <main className="page watch-page">
        {stream.error ? (
          <section className="empty" role="alert">
            <h1>LIVE not found</h1>
            <p>{stream.error}</p>
          </section>
        ) : (
          <div className="spinner" role="status" aria-label="Loading" />
        )}
      </main>
    );
  }

  const hostId = data.host?.id ?? null;
  const isHost = myId !== null && myId === hostId;
  const canModerate = room.role === 'host' || room.role === 'moderator' || (room.role === null && isHost);
  const live = data.status === 'live' && !ended;
  const viewers = room.viewers?.now ?? data.viewers.now;

  return (
    <main className="watch-page" data-testid="watch-page">
      <StreamHeader stream={data} viewers={viewers} />
      <div className="watch-stage">
        {live && data.playback_url ? (
          <LivePlayer src={data.playback_url} onEnded={() => setPlayerEnded(true)} />
        ) : ended ? (
          <StreamEnded stream={data} />
        ) : (
          <section className="empty" data-testid="stream-waiting">
            <h2>Starting soon</h2>
            <p className="muted">The host hasn’t gone live yet. This page starts playing when they do.</p>
          </section>
        )}
        <GiftAnimations shown={shown} gifts={gifts} />
      </div>
      <div className="watch-bottom">
        <ChatPanel streamId={id} room={room} myId={myId} hostId={hostId} canModerate={canModerate} live={live} />
        {live && myId !== null && !isHost && (
          <button
            type="button"
            className="button gift-button"
            data-testid="open-gifts"
            onClick={() => setPicking(true)}
          >
            🎁 Gift
          </button>
        )}
      </div>
      {picking && live && <GiftPicker streamId={id} gifts={gifts} onSent={onSent} onClose={() => setPicking(false)} />}
    </main>
  );
}
