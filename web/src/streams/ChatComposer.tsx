/** The send box under the chat: one line up to 200 characters, the refusal (slow mode, muted…) shown under it. */
import { type FormEvent, useState } from 'react';
import { postChat } from '../api.ts';
import { FormError } from '../ui/form.tsx';
import { chatErrorMessage } from './chatErrors.ts';
import type { ChatMessage } from './protocol.ts';

/** TEXT_LIMITS.liveChat on the server. */
const MAX_CHARS = 200;

interface Props {
  streamId: string;
  slowModeSeconds: number;
  /** Why nobody may type here now (muted, banned), or null. */
  blocked: string | null;
  onSent: (message: ChatMessage) => void;
}

export function ChatComposer({ streamId, slowModeSeconds, blocked, onSent }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    setError(null);
    try {
      onSent(await postChat(streamId, trimmed));
      setText('');
    } catch (err) {
      setError(chatErrorMessage(err, slowModeSeconds));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="chat-composer" onSubmit={submit}>
      {slowModeSeconds > 0 && <p className="hint">Slow mode: one message every {slowModeSeconds} s</p>}
      {error && <FormError testId="chat-error">{error}</FormError>}
      <div className="chat-composer-row">
        <input
          name="chat"
          data-testid="chat-input"
          aria-label="Chat message"
          placeholder={blocked ?? 'Say something…'}
          value={text}
          maxLength={MAX_CHARS}
          disabled={blocked !== null}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
        />
        <button
          type="submit"
          className="button primary"
          data-testid="chat-send"
          disabled={busy || blocked !== null || !text.trim()}
        >
          Send
        </button>
      </div>
    </form>
  );
}
