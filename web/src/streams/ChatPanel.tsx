/** A stream's chat: the history and new messages, newest at the bottom, and the send box (or why there is none). */
import { useEffect, useRef } from 'react';
import { Link } from '../router.tsx';
import { ChatComposer } from './ChatComposer.tsx';
import { ChatMessageRow } from './ChatMessageRow.tsx';
import { SlowModeSelect } from './SlowModeSelect.tsx';
import type { StreamRoom } from './useStreamRoom.ts';

interface Props {
  streamId: string;
  room: StreamRoom;
  myId: string | null;
  hostId: string | null;
  canModerate: boolean;
  live: boolean;
}

export function ChatPanel({ streamId, room, myId, hostId, canModerate, live }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const count = room.messages.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new message (the count) is what scrolls.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);

  if (room.chat === 'signed-out') {
    return (
      <section className="chat-panel" aria-label="Chat">
        <p className="muted chat-note">
          <Link to="/login">Log in</Link> to chat and send gifts.
        </p>
      </section>
    );
  }
  if (room.chat === 'unavailable' || room.banned) {
    return (
      <section className="chat-panel" aria-label="Chat">
        <p className="muted chat-note" data-testid="chat-unavailable">
          {room.banned ? 'You are banned from this stream’s chat.' : 'Chat isn’t available for this stream.'}
        </p>
      </section>
    );
  }
  const blocked = room.muted ? 'You are muted in this stream' : live ? null : 'The stream has ended';
  return (
    <section className="chat-panel" aria-label="Chat">
      {canModerate && live && (
        <SlowModeSelect streamId={streamId} seconds={room.slowModeSeconds} onChange={room.setSlowModeSeconds} />
      )}
      <ol className="chat-messages" ref={listRef} aria-label="Chat messages" aria-live="polite">
        {room.chat === 'loading' && <li className="muted chat-note">Loading chat…</li>}
        {room.messages.map((message) => (
          <ChatMessageRow
            key={message.id}
            streamId={streamId}
            message={message}
            canModerate={canModerate}
            mine={message.author.id === myId}
            hostId={hostId}
            onDeleted={room.removeMessage}
          />
        ))}
      </ol>
      {room.chat === 'ready' && (
        <ChatComposer
          streamId={streamId}
          slowModeSeconds={room.slowModeSeconds}
          blocked={blocked}
          onSent={room.addMessage}
        />
      )}
    </section>
  );
}
