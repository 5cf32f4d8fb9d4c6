/**
 * What the signed-in person did, shared by every screen that shows it: whom they follow (as far as this page
 * knows) and their likes and saves of videos, so the feed, a video page and a profile agree without refetching.
 */
import { useSyncExternalStore } from 'react';
import type { Video } from './api/types.ts';
import { setFollowing, setLiked, setSaved } from './api.ts';

export interface VideoSocial {
  liked: boolean;
  likes: number;
  saved: boolean;
  saves: number;
  comments: number;
  shares: number;
}

const videoStates = new Map<string, VideoSocial>();
const follows = new Map<string, 'following' | 'requested' | 'none'>();
const listeners = new Set<() => void>();
let version = 0;

function emit(): void {
  version += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function fromVideo(video: Video): VideoSocial {
  return {
    liked: video.viewer?.liked ?? false,
    likes: video.stats.likes,
    saved: video.viewer?.saved ?? false,
    saves: video.stats.saves ?? 0,
    comments: video.stats.comments,
    shares: video.stats.shares,
  };
}

/** The current social state of a video: what the page learnt since, else what the video JSON says. */
export function useVideoSocial(video: Video): VideoSocial {
  useSyncExternalStore(subscribe, () => version);
  return videoStates.get(video.id) ?? fromVideo(video);
}

function update(video: Video, change: Partial<VideoSocial>): void {
  videoStates.set(video.id, { ...(videoStates.get(video.id) ?? fromVideo(video)), ...change });
  emit();
}

/** Like or unlike, shown at once and corrected by the server's answer (rolled back on failure). */
export async function toggleLike(video: Video, next?: boolean): Promise<void> {
  const before = videoStates.get(video.id) ?? fromVideo(video);
  const liked = next ?? !before.liked;
  if (liked === before.liked) return;
  update(video, { liked, likes: Math.max(0, before.likes + (liked ? 1 : -1)) });
  try {
    const state = await setLiked(video.id, liked);
    update(video, { liked: state.liked, likes: state.like_count });
  } catch (err) {
    update(video, { liked: before.liked, likes: before.likes });
    throw err;
  }
}

export async function toggleSave(video: Video): Promise<boolean> {
  const before = videoStates.get(video.id) ?? fromVideo(video);
  const saved = !before.saved;
  update(video, { saved, saves: Math.max(0, before.saves + (saved ? 1 : -1)) });
  try {
    const state = await setSaved(video.id, saved);
    update(video, { saved: state.saved, saves: state.save_count });
    return state.saved;
  } catch (err) {
    update(video, { saved: before.saved, saves: before.saves });
    throw err;
  }
}

export function countShare(video: Video, shares: number): void {
  update(video, { shares });
}

export function countComment(video: Video, delta: number): void {
  const before = videoStates.get(video.id) ?? fromVideo(video);
  update(video, { comments: Math.max(0, before.comments + delta) });
}

// ---- follows ----

export function useFollowState(username: string): 'following' | 'requested' | 'none' | 'unknown' {
  useSyncExternalStore(subscribe, () => version);
  return follows.get(username) ?? 'unknown';
}

/** What a profile or a following feed told us. */
export function learnFollow(username: string, state: 'following' | 'requested' | 'none'): void {
  if (follows.get(username) === state) return;
  follows.set(username, state);
  emit();
}

export async function toggleFollow(username: string, follow: boolean): Promise<'following' | 'requested' | 'none'> {
  const before = follows.get(username) ?? 'none';
  follows.set(username, follow ? 'following' : 'none');
  emit();
  try {
    const state = await setFollowing(username, follow);
    const next = state.following ? 'following' : state.requested ? 'requested' : 'none';
    learnFollow(username, next);
    return next;
  } catch (err) {
    follows.set(username, before);
    emit();
    throw err;
  }
}

/** Sign-out: forget everything that belonged to the account. */
export function forgetSocial(): void {
  videoStates.clear();
  follows.clear();
  emit();
}
