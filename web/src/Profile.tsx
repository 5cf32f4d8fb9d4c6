/** /@{username}: who they are and what they posted; your own profile can be edited here and you can log out. */
import { useEffect, useState } from 'react';
import { Avatar } from './Avatar.tsx';
import { ApiError, errorMessage, getUser, isAbort } from './api.ts';
import { signOut, updateSessionUser, useCurrentUser } from './auth.ts';
import { ProfileEditForm } from './ProfileEditForm.tsx';
import { Link, navigate } from './router.tsx';
import type { User } from './types.ts';
import { VideoGrid } from './VideoGrid.tsx';

type State = { kind: 'loading' } | { kind: 'error'; message: string; missing: boolean } | { kind: 'ready'; user: User };

export function Profile({ username }: { username: string }) {
  const me = useCurrentUser();
  const isMe = me?.username === username;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` refetches after "Retry".
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ kind: 'loading' });
    getUser(username, ctrl.signal)
      .then((user) => setState({ kind: 'ready', user }))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setState({ kind: 'error', message: errorMessage(err), missing: err instanceof ApiError && err.status === 404 });
      });
    return () => ctrl.abort();
  }, [username, attempt]);

  if (state.kind === 'loading') {
    return (
      <main className="page profile-page" aria-busy="true">
        <div className="spinner inline" role="status" aria-label="Loading profile" />
      </main>
    );
  }

  if (state.kind === 'error') {
    return (
      <main className="page profile-page">
        <section className="empty" role="alert">
          <h1>{state.missing ? "This account doesn't exist" : "Couldn't load this profile"}</h1>
          <p>{state.missing ? `There's nobody called @${username} here.` : state.message}</p>
          {state.missing ? (
            <Link to="/" className="button primary">
              Go to the feed
            </Link>
          ) : (
            <button type="button" className="button primary" onClick={() => setAttempt((n) => n + 1)}>
              Retry
            </button>
          )}
        </section>
      </main>
    );
  }

  const { user } = state;
  const name = user.display_name || user.username;

  return (
    <main className="page profile-page">
      <header className="profile-header">
        <Avatar name={name} url={user.avatar_url} size={96} />
        <h1>{name}</h1>
        <p className="muted">@{user.username}</p>
        {user.bio ? <p className="bio">{user.bio}</p> : isMe && <p className="muted">No bio yet.</p>}
        {isMe && !editing && (
          <div className="row">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit profile
            </button>
            <button
              type="button"
              className="button ghost"
              onClick={() => {
                signOut();
                navigate('/', { replace: true });
              }}
            >
              Log out
            </button>
          </div>
        )}
      </header>
      {isMe && editing && (
        <ProfileEditForm
          user={user}
          onCancel={() => setEditing(false)}
          onSaved={(updated) => {
            setState({ kind: 'ready', user: updated });
            updateSessionUser(updated);
            setEditing(false);
          }}
        />
      )}
      <VideoGrid username={user.username} isMe={isMe} />
    </main>
  );
}
