/**
 * The live connection for a signed-in person (`/v1/ws?token=`): notifications and messages as they happen,
 * and the unread count for the nav badge. Reconnects with backoff; a fresh token is sent before the old expires.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Message, Notification } from './api/types.ts';
import { getUnreadCount } from './api.ts';
import { getAccessToken, getSession, subscribeSession } from './auth.ts';
import type { StreamRoomFrame } from './streams/protocol.ts';

export type LiveEvent =
  | { type: 'notification'; notification: Notification; unread_count: number }
  | { type: 'notification_updated'; notification: Notification; unread_count: number }
  | { type: 'notification_withdrawn'; notification_id: string; unread_count: number }
  | { type: 'message'; message: Message }
  | { type: 'read'; conversation_id: string; user_id: string; message_id: string }
  | StreamRoomFrame;

const NOTIFICATION_FRAMES = new Set(['notification', 'notification_updated', 'notification_withdrawn']);

const handlers = new Set<(event: LiveEvent) => void>();
const badgeListeners = new Set<() => void>();
/** Told each time a socket is (again) authenticated, so stream rooms can be joined afresh. */
const readyListeners = new Set<() => void>();
let ready = false;
let unread = 0;
let socket: WebSocket | null = null;
let userId: string | null = null;
let retry = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let refreshTimer: ReturnType<typeof setInterval> | undefined;

function setUnread(count: number): void {
  if (count === unread) return;
  unread = count;
  for (const listener of badgeListeners) listener();
}

function close(): void {
  clearTimeout(retryTimer);
  clearInterval(refreshTimer);
  const s = socket;
  socket = null;
  ready = false;
  if (s) {
    s.onclose = null;
    s.close();
  }
}

async function connect(): Promise<void> {
  const token = await getAccessToken();
  const session = getSession();
  if (!token || !session || session.user.id !== userId || typeof WebSocket !== 'function') return;
  const url = new URL('/v1/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  const ws = new WebSocket(url);
  socket = ws;
  ws.onmessage = (msg) => {
    let event: { type?: string; unread_count?: number } & Record<string, unknown>;
    try {
      event = JSON.parse(String(msg.data));
    } catch {
      return;
    }
    if (event.type === 'ready') {
      retry = 0;
      ready = true;
      for (const listener of readyListeners) listener();
      getUnreadCount()
        .then((r) => setUnread(r.unread_count))
        .catch(() => {});
      return;
    }
    const type = event.type ?? '';
    if (NOTIFICATION_FRAMES.has(type) && typeof event.unread_count === 'number') setUnread(event.unread_count);
    // Stream room frames (protocol.md) all start with `live_`.
    if (NOTIFICATION_FRAMES.has(type) || type === 'message' || type === 'read' || type.startsWith('live_')) {
      for (const handler of handlers) handler(event as unknown as LiveEvent);
    }
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = null;
    ready = false;
    clearInterval(refreshTimer);
    retry = Math.min(retry + 1, 6);
    retryTimer = setTimeout(() => void connect(), 500 * 2 ** retry);
  };
  // Access tokens are short-lived: hand the socket a fresh one now and then, before the old one expires.
  clearInterval(refreshTimer);
  refreshTimer = setInterval(async () => {
    const fresh = await getAccessToken();
    if (fresh && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'auth', token: fresh }));
  }, 60_000);
}

function sync(): void {
  const id = getSession()?.user.id ?? null;
  if (id === userId) return;
  close();
  userId = id;
  setUnread(0);
  retry = 0;
  if (id) void connect();
}

let started = false;
/** Keeps the connection in step with the session (sign-in connects, sign-out disconnects). */
export function useLiveConnection(): void {
  useEffect(() => {
    if (started) return;
    started = true;
    sync();
    subscribeSession(sync);
  }, []);
}

export function useLiveEvents(handler: (event: LiveEvent) => void): void {
  useEffect(() => {
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
    };
  }, [handler]);
}

/** Sends a frame on the authenticated socket; false when there is none right now (it is re-sent on `onLiveReady`). */
export function sendLiveFrame(frame: Record<string, unknown>): boolean {
  if (!ready || !socket || socket.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(frame));
  return true;
}

/** Calls `listener` whenever the socket becomes ready (now too, if it is); returns the unsubscribe. */
export function onLiveReady(listener: () => void): () => void {
  readyListeners.add(listener);
  if (ready) listener();
  return () => readyListeners.delete(listener);
}

export function useUnreadCount(): number {
  return useSyncExternalStore(
    (listener) => {
      badgeListeners.add(listener);
      return () => badgeListeners.delete(listener);
    },
    () => unread,
  );
}

export { setUnread };
