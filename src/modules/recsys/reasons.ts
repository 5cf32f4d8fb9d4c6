import type { CreatorStats } from './audience-stats.ts';
import type { VideoCatalogue } from './catalogue.ts';
import type { RerankedItem } from './rerank.ts';
import { CandidateSource } from './retrieve-candidates.ts';
import type { UserProfile } from './user-profiles.ts';

/** A tag must hold this share of the user's strongest tag affinity to be named as the reason. */
const NAMED_TAG_SHARE = 0.25;

/** Why a video is on the page, in words a person reads under it. */
export function recommendationReason(
  item: RerankedItem,
  context: { catalogue: VideoCatalogue; creators: CreatorStats; profile: UserProfile | undefined },
): string {
  const { catalogue, creators, profile } = context;
  if (item.sources & CandidateSource.following && profile?.follows.has(item.author)) return 'from a creator you follow';
  if (item.explored || !profile) {
    if (item.sources & CandidateSource.fresh) {
      return creators.followersOf(item.author) === 0 ? 'new creator' : 'fresh upload';
    }
    if (item.sources & CandidateSource.trending) return 'trending';
    return 'something new to explore';
  }
  const tag = strongestTag(catalogue, item.label, profile);
  if (tag) return `because you watched #${tag}`;
  if ((profile.authorAffinity.get(item.author) ?? 0) > 0) return 'more from a creator you watched';
  if (profile.views > 0) return 'because you liked similar videos';
  return item.sources & CandidateSource.trending ? 'trending' : 'picked for you';
}

function strongestTag(catalogue: VideoCatalogue, label: number, profile: UserProfile): string | null {
  let strongest = 0;
  for (const value of profile.tagAffinity.values()) strongest = Math.max(strongest, value);
  if (strongest <= 0) return null;
  let best: string | null = null;
  let bestValue = 0;
  // The first tag is the video's topic: it wins ties.
  for (const name of catalogue.tagNamesOf(label)) {
    const value = profile.tagAffinity.get(catalogue.tags.find(name)) ?? 0;
    if (value > bestValue) {
      best = name;
      bestValue = value;
    }
  }
  return bestValue >= strongest * NAMED_TAG_SHARE ? best : null;
}
