/** /messages: your conversations; /messages/{id}: one conversation with a composer, updated live. */
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Avatar } from './Avatar.tsx';
import type { Conversation, Message, UserRef } from './api/types.ts';
import {
  errorMessage,
  getConversation,
  getConversations,
  getMessages,
  markConversationRead,
  sendMessage,
} from './api.ts';
import { useCurrentUser } from './auth.ts';
import { timeAgo } from './format.ts';
import { usePagedResource } from './hooks/usePagedResource.ts';
import { useResource } from './hooks/useResource.ts';
import { InboxTabs } from './InboxPage.tsx';
import { type LiveEvent, useLiveEvents } from './live.ts';
import { Link } from './router.tsx';
import { FormError } from './ui/form.tsx';
import { ListStatus } from './ui/ListStatus.tsx';
import { PageHeader } from './ui/PageHeader.tsx';

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
  // The first page, reloaded when a message arrives so that its conversation comes to the top.
  const list = usePagedResource(
    async (cursor, signal) => {
      const page = await getConversations(cursor, signal);
      return { items: page.conversations, cursor: page.cursor, has_more: page.has_more };
    },
    (conversation) => conversation.id,
    [],
  );
  const { items, reload } = list;

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
      <InboxTabs current="/messages" />
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
      <ListStatus
        list={list}
        empty={
          <div className="empty">
            <p>No conversations yet. Open a profile and press Message to start one.</p>
          </div>
        }
        loadingLabel="Loading conversations"
      />
    </main>
  );
}

export function ConversationPage({ id }: { id: string }) {
  const me = useCurrentUser();
  const conversation = useResource((signal) => getConversation(id, signal), [id]);
  // Pages come newest first and are kept so (older pages go after, live messages before); shown oldest first.
  const history = usePagedResource(
    async (cursor, signal) => {
      const page = await getMessages(id, cursor, signal);
      return { items: page.messages, cursor: page.cursor, has_more: page.has_more };
    },
    (message) => message.id,
    [id],
  );
  const { items: newestFirst, setItems: setNewestFirst } = history;
  const messages = useMemo(() => [...newestFirst].reverse(), [newestFirst]);
  const [sendError, setSendError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);
  const error = sendError ?? conversation.error ?? history.error;

  const addMessage = useCallback(
    (message: Message) => setNewestFirst((prev) => (prev.some((m) => m.id === message.id) ? prev : [message, ...prev])),
    [setNewestFirst],
  );

  const lastId = newestFirst[0]?.id;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    if (lastId) markConversationRead(id, lastId).catch(() => {});
  }, [id, lastId]);

  useLiveEvents(
    useCallback(
      (event: LiveEvent) => {
        if (event.type === 'message' && event.message.conversation_id === id) addMessage(event.message);
      },
      [id, addMessage],
    ),
  );

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    try {
      addMessage(await sendMessage(id, { text: body }));
      setSendError(null);
      setText('');
    } catch (err) {
      setSendError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <main className="page conversation-page">
      <PageHeader back="/messages">
        <h1>{conversation.data ? titleOf(conversation.data, me?.id) : 'Conversation'}</h1>
      </PageHeader>
      {error && <FormError>{error}</FormError>}
      {history.hasMore && (
        <button type="button" className="button block" onClick={history.loadMore}>
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
