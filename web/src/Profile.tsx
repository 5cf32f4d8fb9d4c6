/**
 * /@{username}: who they are (avatar, bio, counts), a follow button and a message button, and their videos (plus,
 * on your own profile, your saved videos, editing and logging out).
 */
import { useCallback, useState } from 'react';
import type { Profile as ProfileData, User } from './api/types.ts';
import { ApiError, errorMessage, getSaved, getUser, getUserVideos, startConversation } from './api.ts';
import { signOut, updateSessionUser, useCurrentUser } from './auth.ts';
import { formatCount } from './format.ts';
import { useResource } from './hooks/useResource.ts';
import { InstallButton } from './InstallButton.tsx';
import { ProfileEditForm } from './ProfileEditForm.tsx';
import { Link, navigate } from './router.tsx';
import { forgetSocial, learnFollow, toggleFollow, useFollowState } from './social.ts';
import { ProfileLiveAvatar } from './streams/ProfileLiveAvatar.tsx';
import { showToast } from './toast.ts';
import { type Tab, TabList } from './ui/Tabs.tsx';
import { VideoGrid } from './VideoGrid.tsx';

/** The profile, with what it says about following them shared with every follow button. */
async function loadProfile(username: string, signal: AbortSignal): Promise<ProfileData> {
  const user = await getUser(username, signal);
  const r = user.relationship;
  if (r) learnFollow(user.username, r.following ? 'following' : r.requested ? 'requested' : 'none');
  return user;
}

const OWN_TABS: Tab<'videos' | 'saved'>[] = [
  { value: 'videos', label: 'Videos' },
  { value: 'saved', label: 'Saved', testId: 'saved-tab' },
];

function FollowButton({ user, onChange }: { user: ProfileData; onChange: (delta: number) => void }) {
  const me = useCurrentUser();
  const state = useFollowState(user.username);
  const [busy, setBusy] = useState(false);
  const current = state === 'unknown' ? 'none' : state;
  const followsMe = user.relationship?.followed_by ?? false;

  const click = async () => {
    if (!me) {
      navigate('/login');
      return;
    }
    setBusy(true);
    try {
      const next = await toggleFollow(user.username, current === 'none');
      if (current === 'following' && next !== 'following') onChange(-1);
      if (current !== 'following' && next === 'following') onChange(1);
    } catch (err) {
      showToast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const label =
    current === 'following'
      ? 'Following'
      : current === 'requested'
        ? 'Requested'
        : followsMe
          ? 'Follow back'
          : 'Follow';
  return (
    <button
      type="button"
      className={current === 'none' ? 'button primary' : 'button'}
      aria-pressed={current !== 'none'}
      disabled={busy}
      onClick={click}
      data-testid="profile-follow"
    >
      {label}
    </button>
  );
}

export function Profile({ username }: { username: string }) {
  const me = useCurrentUser();
  const isMe = me?.username === username;
  // Asked again when the person signs in or out: what the profile shows depends on who is asking.
  const profile = useResource((signal) => loadProfile(username, signal), [username, me?.id]);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<'videos' | 'saved'>('videos');

  const videosOf = useCallback(
    (cursor: string | null, signal: AbortSignal) => getUserVideos(username, cursor, 18, signal),
    [username],
  );
  const saved = useCallback((cursor: string | null, signal: AbortSignal) => getSaved(cursor, signal), []);

  if (profile.status === 'loading') {
    return (
      <main className="page profile-page" aria-busy="true">
        <div className="spinner inline" role="status" aria-label="Loading profile" />
      </main>
    );
  }

  if (profile.status === 'error' || !profile.data) {
    const missing = profile.failure instanceof ApiError && profile.failure.status === 404;
    return (
      <main className="page profile-page">
        <section className="empty" role="alert">
          <h1>{missing ? "This account doesn't exist" : "Couldn't load this profile"}</h1>
          <p>{missing ? `There's nobody called @${username} here.` : profile.error}</p>
          {missing ? (
            <Link to="/" className="button primary">
              Go to the feed
            </Link>
          ) : (
            <button type="button" className="button primary" onClick={profile.reload}>
              Retry
            </button>
          )}
        </section>
      </main>
    );
  }

  const user = profile.data;
  const name = user.display_name || user.username;
  const stats = user.stats;
  const locked = !isMe && user.is_private && !user.relationship?.following;

  const message = async () => {
    if (!me) {
      navigate('/login');
      return;
    }
    try {
      const conversation = await startConversation([user.username]);
      navigate(`/messages/${encodeURIComponent(conversation.id)}`);
    } catch (err) {
      showToast(errorMessage(err));
    }
  };

  const adjustFollowers = (delta: number) =>
    profile.setData((u) =>
      u.stats ? { ...u, stats: { ...u.stats, followers: Math.max(0, u.stats.followers + delta) } } : u,
    );

  return (
    <main className="page profile-page">
      <header className="profile-header">
        <ProfileLiveAvatar userId={user.id} name={name} url={user.avatar_url} size={96} />
        <h1>{name}</h1>
        <p className="muted">@{user.username}</p>
        {stats && (
          <dl className="profile-stats" data-testid="profile-stats">
            <div>
              <dt>Following</dt>
              <dd>{formatCount(stats.following)}</dd>
            </div>
            <div>
              <dt>Followers</dt>
              <dd data-testid="follower-count">{formatCount(stats.followers)}</dd>
            </div>
            <div>
              <dt>Likes</dt>
              <dd>{formatCount(stats.likes)}</dd>
            </div>
          </dl>
        )}
        {user.bio ? <p className="bio">{user.bio}</p> : isMe && <p className="muted">No bio yet.</p>}
        {!isMe && (
          <div className="row">
            <FollowButton user={user} onChange={adjustFollowers} />
            <button type="button" className="button" onClick={() => void message()}>
              Message
            </button>
          </div>
        )}
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
                forgetSocial();
                navigate('/', { replace: true });
              }}
            >
              Log out
            </button>
            <InstallButton className="button ghost" />
          </div>
        )}
      </header>
      {isMe && editing && (
        <ProfileEditForm
          user={user}
          onCancel={() => setEditing(false)}
          onSaved={(updated: User) => {
            profile.setData({ ...user, ...updated });
            updateSessionUser(updated);
            setEditing(false);
          }}
          onAvatarChanged={(updated: User) => {
            profile.setData({ ...user, ...updated });
            updateSessionUser(updated);
          }}
        />
      )}
      {locked ? (
        <section className="empty">
          <h2>This account is private</h2>
          <p>Follow @{user.username} to see their videos.</p>
        </section>
      ) : (
        <>
          {isMe && <TabList label="Your videos" tabs={OWN_TABS} selected={tab} onSelect={setTab} />}
          {tab === 'saved' && isMe ? (
            <VideoGrid
              key="saved"
              fetchPage={saved}
              source="profile"
              label="Saved videos"
              empty={<p>Videos you save show up here.</p>}
            />
          ) : (
            <VideoGrid
              key="videos"
              fetchPage={videosOf}
              source="profile"
              label="Videos"
              empty={
                isMe ? (
                  <>
                    <p>You haven't posted any videos yet.</p>
                    <Link to="/upload" className="button primary">
                      Upload your first video
                    </Link>
                  </>
                ) : (
                  <p>No videos yet.</p>
                )
              }
            />
          )}
        </>
      )}
    </main>
  );
}
