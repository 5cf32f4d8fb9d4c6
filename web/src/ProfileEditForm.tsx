/** Edit your own profile: picture (saved at once), display name, bio and settings (PATCH /v1/users/me). */
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { Avatar } from './Avatar.tsx';
import type { User } from './api/types.ts';
import { errorMessage, getFeedPreferences, removeAvatar, setAvatar, setFeedPreferences, updateMe } from './api.ts';
import { invalidateFeed } from './feedCache.ts';
import { useResource } from './hooks/useResource.ts';
import { CheckField, CountedTextArea, Field, FormError } from './ui/form.tsx';

/** The server's limit (AVATAR_LIMITS.maxBytes), checked here too so a big photo is refused before it is sent. */
const MAX_AVATAR_BYTES = 5 * 1024 * 1024;
/** The server's limit on a bio. */
const BIO_MAX = 160;

interface Props {
  user: User;
  onSaved: (user: User) => void;
  /** A new or removed picture, already saved: the form stays open. */
  onAvatarChanged: (user: User) => void;
  onCancel: () => void;
}

export function ProfileEditForm({ user, onSaved, onAvatarChanged, onCancel }: Props) {
  const [displayName, setDisplayName] = useState(user.display_name);
  const [bio, setBio] = useState(user.bio);
  const [isPrivate, setIsPrivate] = useState(user.is_private ?? false);
  const preferences = useResource((signal) => getFeedPreferences(signal), []);
  const personalizedWas = preferences.data?.personalized_feed ?? null;
  const [personalizedChoice, setPersonalized] = useState<boolean | null>(null);
  /** The For You feed ranked for you (true) or newest first; null until known (or when the server has no setting). */
  const personalized = personalizedChoice ?? personalizedWas;
  const [busy, setBusy] = useState(false);
  const [avatarBusy, setAvatarBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const changeAvatar = async (change: () => Promise<User>) => {
    setAvatarBusy(true);
    setError(null);
    try {
      onAvatarChanged(await change());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setAvatarBusy(false);
    }
  };

  const pickAvatar = (e: ChangeEvent<HTMLInputElement>) => {
    const picture = e.target.files?.[0];
    // Cleared so that picking the same file again still counts as a change.
    e.target.value = '';
    if (!picture) return;
    if (picture.size > MAX_AVATAR_BYTES) {
      setError('That picture is larger than 5 MB. Please pick a smaller one.');
      return;
    }
    void changeAvatar(() => setAvatar(picture));
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const changes: { display_name?: string; bio?: string; is_private?: boolean } = {};
    if (displayName.trim() !== user.display_name) changes.display_name = displayName.trim();
    if (bio.trim() !== user.bio) changes.bio = bio.trim();
    if (isPrivate !== (user.is_private ?? false)) changes.is_private = isPrivate;
    const feedChanged = personalized !== null && personalized !== personalizedWas;
    if (Object.keys(changes).length === 0 && !feedChanged) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (feedChanged && personalized !== null) {
        await setFeedPreferences({ personalized_feed: personalized });
        invalidateFeed();
      }
      onSaved(Object.keys(changes).length > 0 ? await updateMe(changes) : user);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form className="form profile-edit" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Edit profile</h2>
      <div className="avatar-edit">
        <Avatar name={user.display_name || user.username} url={user.avatar_url} size={72} />
        <div className="avatar-edit-actions">
          <div className="row">
            <label className="button">
              {avatarBusy ? 'Saving…' : user.avatar_url ? 'Change photo' : 'Add photo'}
              <input
                type="file"
                name="avatar"
                data-testid="avatar-file"
                className="sr-only"
                accept="image/jpeg,image/png,image/webp"
                onChange={pickAvatar}
                disabled={avatarBusy || busy}
              />
            </label>
            {user.avatar_url && (
              <button
                type="button"
                className="button ghost"
                data-testid="avatar-remove"
                onClick={() => void changeAvatar(removeAvatar)}
                disabled={avatarBusy || busy}
              >
                Remove photo
              </button>
            )}
          </div>
          <small className="hint">JPEG, PNG or WebP up to 5 MB, cropped to a square. Saved at once.</small>
        </div>
      </div>
      <Field label="Display name">
        <input
          name="display_name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          autoComplete="nickname"
          maxLength={50}
        />
      </Field>
      <CountedTextArea label="Bio" name="bio" value={bio} onChange={setBio} max={BIO_MAX} />
      <CheckField checked={isPrivate} onChange={setIsPrivate}>
        Private account <small className="hint">— only followers you approve see your videos</small>
      </CheckField>
      {personalized !== null && (
        <CheckField checked={personalized} onChange={setPersonalized}>
          Personalised For You <small className="hint">— off: the newest videos, the same for everyone</small>
        </CheckField>
      )}
      {error && <FormError>{error}</FormError>}
      <div className="row">
        <button type="submit" className="button primary" disabled={busy || avatarBusy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
