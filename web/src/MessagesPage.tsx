/** /messages: your conversations; /messages/{id}: one conversation with a composer, updated live. */
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Avatar } from './Avatar.tsx';
import type { Conversation, Message, UserRef } from './api/types.ts';
import {
  errorMessage,
  getConversation,
  getConversations,
  getMessages,
  isAbort,
  markConversationRead,
  sendMessage,
} from './api.ts';
import { useCurrentUser } from './auth.ts';
import { timeAgo } from './format.ts';
import { useResource } from './hooks/useResource.ts';
import { InboxTabs } from './InboxPage.tsx';
import { BackIcon } from './icons.tsx';
import { type LiveEvent, useLiveEvents } from './live.ts';
import { goBack, Link } from './router.tsx';

function titleOf(conversation: Conversation, meId: string | undefined): string {
  if (conversation.title) return conversation.title;
  const others = conversation.members.filter((m) => m.id !== meId);
  return others.map((m) => m.display_name || m.username).join(', ') || 'Just you';
}

function otherOf(conversation: Conversation, meId: string | undefined): UserRef | undefined {
  return conversation.members.find((m) => m.id !== meId);
}

export function ConversationList() {
  const me = useCurrentUser();
  const list = useResource(async (signal) => (await getConversations(null, signal)).conversations, []);
  const { reload, error } = list;
  const items = list.data ?? [];
  const loading = list.status === 'loading';

  useLiveEvents(
    useCallback(
      (event: LiveEvent) => {
        if (event.type === 'message') reload();
      },
      [reload],
    ),
  );

  return (
    <main className="page inbox-page">
      <h1>Inbox</h1>
      <InboxTabs current="messages" />
      {items.length > 0 && (
        <ul className="list" aria-label="Conversations">
          {items.map((c) => {
            const other = otherOf(c, me?.id);
            const last = c.last_message;
            return (
              <li key={c.id}>
                <Link to={`/messages/${encodeURIComponent(c.id)}`} className="list-row">
                  <Avatar
                    name={other?.display_name || other?.username || '?'}
                    url={other?.avatar_url ?? null}
                    size={48}
                  />
                  <span className="notification-text">
                    <strong>{titleOf(c, me?.id)}</strong>
                    <span className="muted">
                      {last ? (last.text ?? 'Shared a video') : 'No messages yet'}
                      {last && ` · ${timeAgo(last.created_at)}`}
                    </span>
                  </span>
                  {c.unread_count > 0 && (
                    <span className="badge">
                      {c.unread_count}
                      <span className="sr-only"> unread</span>
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {!loading && !error && items.length === 0 && (
        <div className="empty">
          <p>No conversations yet. Open a profile and press Message to start one.</p>
        </div>
      )}
      {error && (
        <div className="empty" role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={reload}>
            Retry
          </button>
        </div>
      )}
      {loading && <div className="spinner inline" role="status" aria-label="Loading conversations" />}
    </main>
  );
}

export function ConversationPage({ id }: { id: string }) {
  const me = useCurrentUser();
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all([getConversation(id, ctrl.signal), getMessages(id, null, ctrl.signal)])
      .then(([c, page]) => {
        setConversation(c);
        setMessages([...page.messages].reverse());
        setCursor(page.cursor);
        setHasMore(page.has_more);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(errorMessage(err));
      });
    return () => ctrl.abort();
  }, [id]);

  const lastId = messages[messages.length - 1]?.id;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    if (lastId) markConversationRead(id, lastId).catch(() => {});
  }, [id, lastId]);

  useLiveEvents(
    useCallback(
      (event: LiveEvent) => {
        if (event.type !== 'message' || event.message.conversation_id !== id) return;
        setMessages((prev) => (prev.some((m) => m.id === event.message.id) ? prev : [...prev, event.message]));
      },
      [id],
    ),
  );

  const older = async () => {
    try {
      const page = await getMessages(id, cursor);
      setMessages((prev) => [...[...page.messages].reverse(), ...prev]);
      setCursor(page.cursor);
      setHasMore(page.has_more);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    try {
      const message = await sendMessage(id, { text: body });
      setMessages((prev) => (prev.some((m) => m.id === message.id) ? prev : [...prev, message]));
      setText('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <main className="page conversation-page">
      <header className="page-header">
        <button type="button" className="icon-button plain" aria-label="Back" onClick={() => goBack('/messages')}>
          <BackIcon />
        </button>
        <h1>{conversation ? titleOf(conversation, me?.id) : 'Conversation'}</h1>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {hasMore && (
        <button type="button" className="button block" onClick={() => void older()}>
          Older messages
        </button>
      )}
      <ol className="messages" aria-label="Messages" aria-live="polite">
        {messages.map((m) => (
          <li key={m.id} className={m.sender.id === me?.id ? 'message mine' : 'message'}>
            {m.text && <p>{m.text}</p>}
            {m.video && (
              <Link to={`/v/${encodeURIComponent(m.video.id)}`} className="message-video">
                {m.video.thumbnails?.poster && <img src={m.video.thumbnails.poster} alt="" />}
                <span>@{m.video.author.username}</span>
              </Link>
            )}
            <span className="muted small">{timeAgo(m.created_at)}</span>
          </li>
        ))}
      </ol>
      <div ref={bottom} />
      <form className="composer sticky" onSubmit={submit}>
        <div className="composer-row">
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Message…"
            aria-label="Message"
            maxLength={1000}
          />
          <button type="submit" className="button primary" disabled={sending || !text.trim()}>
            Send
          </button>
        </div>
      </form>
    </main>
  );
}
