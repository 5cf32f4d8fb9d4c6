/** Edit your own display name and bio (PATCH /v1/users/me). */
import { type FormEvent, useId, useState } from 'react';
import { errorMessage, updateMe } from './api.ts';
import type { User } from './types.ts';

interface Props {
  user: User;
  onSaved: (user: User) => void;
  onCancel: () => void;
}

export function ProfileEditForm({ user, onSaved, onCancel }: Props) {
  const [displayName, setDisplayName] = useState(user.display_name);
  const [bio, setBio] = useState(user.bio);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const changes: { display_name?: string; bio?: string } = {};
    if (displayName.trim() !== user.display_name) changes.display_name = displayName.trim();
    if (bio.trim() !== user.bio) changes.bio = bio.trim();
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateMe(changes));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form className="form profile-edit" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Edit profile</h2>
      <label className="field">
        <span>Display name</span>
        <input
          name="display_name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          autoComplete="nickname"
        />
      </label>
      <label className="field">
        <span>Bio</span>
        <textarea name="bio" value={bio} onChange={(e) => setBio(e.target.value)} rows={3} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
