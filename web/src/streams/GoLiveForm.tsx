/** What a LIVE is before it starts: its title, who may watch, whether it is kept as a video, and its source. */
import { type FormEvent, useState } from 'react';
import type { Visibility } from '../api/types.ts';
import { CheckField, ChoicePills, Field, FormError } from '../ui/form.tsx';

export type LiveSource = 'camera' | 'obs';

export interface GoLiveSettings {
  title: string;
  visibility: Visibility;
  replay: boolean;
  source: LiveSource;
}

const VISIBILITY = [
  { value: 'public', label: 'Everyone' },
  { value: 'friends', label: 'Friends' },
  { value: 'private', label: 'Only me' },
] as const;

const SOURCES = [
  { value: 'camera', label: 'This camera' },
  { value: 'obs', label: 'OBS / streaming app' },
] as const;

/** The server's title limit for a LIVE. */
const MAX_TITLE = 100;

interface Props {
  busy: boolean;
  error: string | null;
  /** False when this browser cannot record for streaming: then OBS is the only source. */
  cameraPossible: boolean;
  onStart: (settings: GoLiveSettings) => void;
}

export function GoLiveForm({ busy, error, cameraPossible, onStart }: Props) {
  const [title, setTitle] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [replay, setReplay] = useState(false);
  const [source, setSource] = useState<LiveSource>(cameraPossible ? 'camera' : 'obs');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || busy) return;
    onStart({ title: title.trim(), visibility, replay, source });
  };

  return (
    <form className="go-live-form" onSubmit={submit}>
      <Field label="Title">
        <input
          name="title"
          data-testid="live-title"
          value={title}
          maxLength={MAX_TITLE}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="What's happening?"
          required
        />
      </Field>
      <ChoicePills
        name="visibility"
        label="Who can watch"
        captioned
        choices={VISIBILITY}
        value={visibility}
        onChange={setVisibility}
      />
      {cameraPossible && (
        <ChoicePills
          name="source"
          label="Stream from"
          captioned
          choices={SOURCES}
          value={source}
          onChange={setSource}
        />
      )}
      <CheckField checked={replay} onChange={setReplay}>
        Save the LIVE as a video when it ends
      </CheckField>
      {error && <FormError testId="go-live-error">{error}</FormError>}
      <button type="submit" className="button primary block" data-testid="start-live" disabled={busy || !title.trim()}>
        {busy ? 'Starting…' : 'Go LIVE'}
      </button>
    </form>
  );
}
