/**
 * One chat message; the host and moderators (and its author, for deleting) get its actions behind a "more"
 * button: delete it, mute its author or ban them from the stream.
 */
import { useState } from 'react';
import { Avatar } from '../Avatar.tsx';
import { deleteChat, moderate } from '../api.ts';
import { showToast } from '../toast.ts';
import { chatErrorMessage } from './chatErrors.ts';
import type { ChatMessage, ModerationAction } from './protocol.ts';

interface Props {
  streamId: string;
  message: ChatMessage;
  /** Host or moderator of this stream. */
  canModerate: boolean;
  mine: boolean;
  /** The host's own messages are never moderated. */
  hostId: string | null;
  onDeleted: (id: string) => void;
}

const ACTIONS: { action: ModerationAction; label: string; done: string }[] = [
  { action: 'mute', label: 'Mute', done: 'muted' },
  { action: 'ban', label: 'Ban', done: 'banned' },
];

export function ChatMessageRow({ streamId, message, canModerate, mine, hostId, onDeleted }: Props) {
  const [open, setOpen] = useState(false);
  const author = message.author;
  const name = author.display_name || author.username;
  const canDelete = canModerate || mine;
  const canSanction = canModerate && !mine && author.id !== hostId;

  const remove = async () => {
    try {
      await deleteChat(streamId, message.id);
      onDeleted(message.id);
    } catch (err) {
      showToast(chatErrorMessage(err, 0));
    }
    setOpen(false);
  };
  const sanction = async (action: ModerationAction, done: string) => {
    try {
      await moderate(streamId, { user_id: author.id, action });
      showToast(`@${author.username} ${done}`);
    } catch (err) {
      showToast(chatErrorMessage(err, 0));
    }
    setOpen(false);
  };

  return (
    <li className="chat-message" data-testid="chat-message">
      <Avatar name={name} url={author.avatar_url} size={26} />
      <p>
        <strong>{name}</strong> <span className="chat-text">{message.text}</span>
      </p>
      {canDelete && (
        <button
          type="button"
          className="icon-button plain chat-more"
          aria-label={`Actions for ${name}'s message`}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          ⋯
        </button>
      )}
      {open && (
        <div className="chat-actions">
          <button type="button" className="pill" onClick={() => void remove()}>
            Delete
          </button>
          {canSanction &&
            ACTIONS.map(({ action, label, done }) => (
              <button key={action} type="button" className="pill" onClick={() => void sanction(action, done)}>
                {label}
              </button>
            ))}
        </div>
      )}
    </li>
  );
}
