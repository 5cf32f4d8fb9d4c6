import type { Static } from 'typebox';
import type { ProfileStatsSchema } from '../accounts/schemas.ts';
import type { PublicUser } from '../accounts/service.ts';
import type { FollowService, Relationship } from './service.ts';

export type ProfileStats = Static<typeof ProfileStatsSchema>;

export interface ProfileExtras {
  stats: ProfileStats;
  /** How the signed-in viewer stands with the account; absent for visitors and on one's own profile. */
  relationship?: Relationship;
}

export type ProfileExtrasProvider = (user: PublicUser, viewerId: string | null) => Promise<ProfileExtras>;

/** Profile counts and the viewer's relationship, each asked of the module that owns it. */
export function createProfileExtras(deps: {
  follows: FollowService;
  likesReceived: (userId: string) => Promise<number>;
  visibleVideos: (authorId: string, viewerId: string | null) => Promise<number>;
}): ProfileExtrasProvider {
  return async (user, viewerId) => {
    const [counts, likes, videos, relationship] = await Promise.all([
      deps.follows.counts(user.id),
      deps.likesReceived(user.id),
      deps.visibleVideos(user.id, viewerId),
      viewerId && viewerId !== user.id ? deps.follows.relationship(viewerId, user.id) : undefined,
    ]);
    const stats = { followers: counts.followers, following: counts.following, likes, videos };
    return relationship ? { stats, relationship } : { stats };
  };
}
