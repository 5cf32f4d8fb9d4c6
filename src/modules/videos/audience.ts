import type { VideoStatus, Visibility } from './store.ts';

/** What the social graph says about one viewer and one author; the follows module answers it. */
export interface AuthorAudience {
  /** A block in either direction: the viewer sees nothing of the author. */
  blocked: boolean;
  /** The author blocked the viewer (so an attempt to interact is refused as such, not as a missing video). */
  blockedByAuthor: boolean;
  /** The author's account is private and the viewer is not an approved follower. */
  privateAccount: boolean;
  /** Mutual follows: the viewer may see the author's friends-only videos. */
  friend: boolean;
}

export interface AudiencePolicy {
  /** One entry per author id; `viewerId` null is a visitor. */
  audience(viewerId: string | null, authorIds: readonly string[]): Promise<Map<string, AuthorAudience>>;
}

/** Until a policy is wired in: no blocks, no private accounts, no friends. */
export const OPEN_AUDIENCE: AudiencePolicy = {
  async audience(_viewerId, authorIds) {
    const open = { blocked: false, blockedByAuthor: false, privateAccount: false, friend: false };
    return new Map(authorIds.map((id) => [id, open]));
  },
};

/** The facts about a video that decide who may see it. */
export interface VideoAudienceFacts {
  author_id: string;
  status: VideoStatus;
  visibility: Visibility;
  /** When others may see it; null while an unscheduled upload is not ready. */
  publish_at: Date | null;
}

/** Whether the viewer may see anything of the author: no block either way, and not a private account they lack. */
export function canSeeAccount(audience: AuthorAudience | undefined): boolean {
  return audience !== undefined && !audience.blocked && !audience.privateAccount;
}

/**
 * Whether `viewerId` (null: a visitor) may see the video at `now`. The author sees every state but removed; others
 * see it only once it is ready, its scheduled time has come, their account may see the author's, and its
 * visibility lets them. `audience` is what the social graph says about the viewer and the author (unused for the
 * author).
 */
export function canSeeVideo(
  video: VideoAudienceFacts,
  viewerId: string | null,
  audience: AuthorAudience | undefined,
  now: Date,
): boolean {
  if (video.status === 'removed') return false;
  if (video.author_id === viewerId) return true;
  if (video.status !== 'ready' || !canSeeAccount(audience)) return false;
  if (!video.publish_at || new Date(video.publish_at).getTime() > now.getTime()) return false;
  return video.visibility === 'public' || (video.visibility === 'friends' && audience?.friend === true);
}

/**
 * The visibilities of an author's published videos a viewer who is not the author may see; empty when they may see
 * none of the author's (blocked, or a private account).
 */
export function visibleVisibilities(audience: AuthorAudience | undefined): Visibility[] {
  if (!canSeeAccount(audience)) return [];
  return audience?.friend ? ['public', 'friends'] : ['public'];
}
