/** /inbox: your notifications, newest first, updated live; opening the page marks them read. */
import { useCallback, useEffect, useState } from 'react';
import { Avatar } from './Avatar.tsx';
import type { Notification } from './api/types.ts';
import { errorMessage, getNotifications, markNotificationsRead } from './api.ts';
import { timeAgo } from './format.ts';
import { type Page, usePagedResource } from './hooks/usePagedResource.ts';
import { type LiveEvent, setUnread, useLiveEvents } from './live.ts';
import { enablePush, pushEnabled, pushSupported } from './push.ts';
import { Link } from './router.tsx';
import { showToast } from './toast.ts';
import { ListStatus } from './ui/ListStatus.tsx';
import { NavTabs } from './ui/Tabs.tsx';

const INBOX_TABS = [
  { to: '/inbox', label: 'Notifications' },
  { to: '/messages', label: 'Messages' },
] as const;

export function InboxTabs({ current }: { current: (typeof INBOX_TABS)[number]['to'] }) {
  return <NavTabs label="Inbox" tabs={INBOX_TABS} current={current} className="tabs" tabClassName="tab" />;
}

function NotificationRow({ n }: { n: Notification }) {
  const actor = n.actors[0];
  const target = n.stream_id
    ? `/live/${encodeURIComponent(n.stream_id)}`
    : n.video_id
      ? `/v/${encodeURIComponent(n.video_id)}`
      : actor
        ? `/@${encodeURIComponent(actor.username)}`
        : '/inbox';
  return (
    <li className={n.read ? 'notification' : 'notification unread'} data-testid="notification">
      <Link to={target} className="list-row">
        {actor ? (
          <Avatar name={actor.display_name || actor.username} url={actor.avatar_url} size={44} />
        ) : (
          <span className="avatar avatar-letter" style={{ width: 44, height: 44 }} aria-hidden="true">
            L
          </span>
        )}
        <span className="notification-text">
          <span>{n.message}</span>
          {n.text && <span className="muted quote">“{n.text}”</span>}
          <span className="muted small">{timeAgo(n.updated_at || n.created_at)}</span>
        </span>
        {!n.read && <span className="sr-only">(unread)</span>}
      </Link>
    </li>
  );
}

function PushButton() {
  const [state, setState] = useState<'unknown' | 'off' | 'on'>('unknown');
  useEffect(() => {
    if (!pushSupported() || Notification.permission === 'denied') return;
    pushEnabled()
      .then((on) => setState(on ? 'on' : 'off'))
      .catch(() => setState('off'));
  }, []);
  if (state !== 'off') return null;
  const enable = () =>
    enablePush()
      .then((ok) => {
        setState(ok ? 'on' : 'off');
        showToast(ok ? 'Push notifications are on' : 'Notifications were not allowed');
      })
      .catch((err: unknown) => showToast(errorMessage(err)));
  return (
    <button type="button" className="button ghost push-button" onClick={() => void enable()}>
      Turn on push notifications
    </button>
  );
}

/** A page of notifications; the first one marks them all read (the inbox is open, so they are seen). */
async function loadNotifications(cursor: string | null, signal: AbortSignal): Promise<Page<Notification>> {
  const page = await getNotifications(cursor, signal);
  if (cursor === null && page.unread_count > 0) {
    markNotificationsRead()
      .then((r) => setUnread(r.unread_count))
      .catch(() => {});
  } else if (cursor === null) setUnread(0);
  return { items: page.notifications, cursor: page.cursor, has_more: page.has_more };
}

export function InboxPage() {
  const list = usePagedResource(loadNotifications, (n) => n.id, []);
  const { items, setItems } = list;

  useLiveEvents(
    useCallback(
      (event: LiveEvent) => {
        if (event.type === 'notification') {
          setItems((prev) => [event.notification, ...prev.filter((n) => n.id !== event.notification.id)]);
        } else if (event.type === 'notification_updated') {
          // Quiet: it keeps its place in the list.
          setItems((prev) => prev.map((n) => (n.id === event.notification.id ? event.notification : n)));
        } else if (event.type === 'notification_withdrawn') {
          setItems((prev) => prev.filter((n) => n.id !== event.notification_id));
        }
      },
      [setItems],
    ),
  );

  return (
    <main className="page inbox-page">
      <h1>Inbox</h1>
      <InboxTabs current="/inbox" />
      <PushButton />
      {items.length > 0 && (
        <ul className="list" aria-label="Notifications">
          {items.map((n) => (
            <NotificationRow key={n.id} n={n} />
          ))}
        </ul>
      )}
      <ListStatus
        list={list}
        empty={
          <div className="empty">
            <p>Nothing yet. Likes, comments, mentions and new followers show up here.</p>
          </div>
        }
        loadingLabel="Loading notifications"
        more="Older notifications"
      />
    </main>
  );
}
