/**
 * One stream's room for this page: joins it over the live socket (again after every reconnect), loads the chat
 * history over REST as well (the room may not exist on this server yet), and keeps messages, viewers, slow mode,
 * this person's standing and the end of the stream up to date from the room's frames.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getChat, isAbort } from '../api.ts';
import { type LiveEvent, onLiveReady, sendLiveFrame, useLiveEvents } from '../live.ts';
import type { ChatMessage, GiftFrame, RoomRole } from './protocol.ts';

/** How many messages a page keeps; older ones scroll away. */
const KEEP_MESSAGES = 200;

export type ChatStatus = 'loading' | 'ready' | 'unavailable' | 'signed-out';

export interface StreamRoom {
  chat: ChatStatus;
  messages: ChatMessage[];
  viewers: { now: number; peak: number } | null;
  slowModeSeconds: number;
  /** From the room; null until it answers (then the page falls back to "host or not"). */
  role: RoomRole | null;
  muted: boolean;
  banned: boolean;
  ended: boolean;
  /** A message this page sent, shown at once (its `live_chat` frame is then ignored as a duplicate). */
  addMessage(message: ChatMessage): void;
  removeMessage(id: string): void;
  setSlowModeSeconds(seconds: number): void;
}

function withMessage(list: ChatMessage[], message: ChatMessage): ChatMessage[] {
  if (list.some((m) => m.id === message.id)) return list;
  return [...list, message].slice(-KEEP_MESSAGES);
}

export function useStreamRoom(streamId: string, signedIn: boolean, onGift: (frame: GiftFrame) => void): StreamRoom {
  const [chat, setChat] = useState<ChatStatus>(signedIn ? 'loading' : 'signed-out');
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [viewers, setViewers] = useState<{ now: number; peak: number } | null>(null);
  const [slowModeSeconds, setSlowModeSeconds] = useState(0);
  const [role, setRole] = useState<RoomRole | null>(null);
  const [muted, setMuted] = useState(false);
  const [banned, setBanned] = useState(false);
  const [ended, setEnded] = useState(false);
  const joined = useRef(false);
  const giftRef = useRef(onGift);
  giftRef.current = onGift;

  useEffect(() => {
    if (!signedIn) {
      setChat('signed-out');
      return;
    }
    const controller = new AbortController();
    getChat(streamId, controller.signal)
      .then((items) => {
        if (joined.current) return;
        setMessages(items.slice(-KEEP_MESSAGES));
        setChat('ready');
      })
      .catch((err: unknown) => {
        if (isAbort(err) || joined.current) return;
        if (err instanceof ApiError && err.code === 'BANNED_FROM_STREAM') setBanned(true);
        setChat('unavailable');
      });
    const stopListening = onLiveReady(() => {
      sendLiveFrame({ type: 'live_join', stream_id: streamId });
    });
    return () => {
      controller.abort();
      stopListening();
      sendLiveFrame({ type: 'live_leave', stream_id: streamId });
      joined.current = false;
    };
  }, [streamId, signedIn]);

  const onFrame = useCallback(
    (event: LiveEvent) => {
      if (!event.type.startsWith('live_') || !('stream_id' in event) || event.stream_id !== streamId) return;
      switch (event.type) {
        case 'live_joined':
          joined.current = true;
          setMessages(event.chat.slice(-KEEP_MESSAGES));
          setViewers(event.viewers);
          setSlowModeSeconds(event.slow_mode_seconds);
          setRole(event.you.role);
          setMuted(event.you.muted);
          setChat('ready');
          break;
        case 'live_error':
          if (event.code === 'BANNED_FROM_STREAM') {
            setBanned(true);
            setChat('unavailable');
          }
          break;
        case 'live_chat':
          setMessages((list) => withMessage(list, event.message));
          break;
        case 'live_chat_deleted':
          setMessages((list) => list.filter((m) => m.id !== event.message_id));
          break;
        case 'live_viewers':
          setViewers({ now: event.now, peak: event.peak });
          break;
        case 'live_slow_mode':
          setSlowModeSeconds(event.seconds);
          break;
        case 'live_ended':
          setEnded(true);
          break;
        case 'live_moderation':
          if (event.action === 'muted' || event.action === 'unmuted') setMuted(event.action === 'muted');
          else setBanned(event.action === 'banned');
          break;
        case 'live_gift':
          giftRef.current(event);
          break;
      }
    },
    [streamId],
  );
  useLiveEvents(onFrame);

  return {
    chat,
    messages,
    viewers,
    slowModeSeconds,
    role,
    muted,
    banned,
    ended,
    addMessage: useCallback((message: ChatMessage) => setMessages((list) => withMessage(list, message)), []),
    removeMessage: useCallback((id: string) => setMessages((list) => list.filter((m) => m.id !== id)), []),
    setSlowModeSeconds,
  };
}
