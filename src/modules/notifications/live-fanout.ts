import type { LiveStartedData } from '../live/events.ts';
import type { NotificationIntent } from './intents.ts';

/** Followers read per page: each page is its own small writes, never one transaction over every follower. */
export const LIVE_FANOUT_PAGE = 200;
/** Followers of a page told at once. */
const LIVE_FANOUT_PARALLEL = 10;

type LiveAudience = 'followers' | 'friends';

export interface LiveFollowers {
  audienceFollowers(
    userId: string,
    audience: LiveAudience,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<{ ids: string[]; next: { at: string; id: string } | null }>;
}

/** Who hears that a stream went live: followers of a public one, friends of a friends-only one, nobody else. */
export function liveAudienceOf(visibility: LiveStartedData['visibility']): LiveAudience | null {
  if (visibility === 'public') return 'followers';
  return visibility === 'friends' ? 'friends' : null;
}

/** One follower's "went live" notification: one per stream, so a redelivered LiveStarted tells nobody twice. */
export function liveIntent(data: LiveStartedData, recipientId: string): NotificationIntent {
  return {
    recipientId,
    actorId: data.host_id,
    type: 'live',
    preference: 'live',
    groupKey: `live:${data.stream_id}`,
    videoId: null,
    commentId: null,
    streamId: data.stream_id,
    text: data.title,
  };
}

/**
 * Tells the host's followers who may see the stream, page by page (blocks either way leave a follower out; their
 * own switches and blocks are `tell`'s to check). A retry after a failure goes through every page again: followers
 * told already are skipped by their notification's key.
 */
export async function fanOutLiveStarted(
  data: LiveStartedData,
  followers: LiveFollowers,
  tell: (intent: NotificationIntent) => Promise<void>,
): Promise<void> {
  const audience = liveAudienceOf(data.visibility);
  if (audience === null) return;
  let after: { at: string; id: string } | null = null;
  do {
    const page = await followers.audienceFollowers(data.host_id, audience, after, LIVE_FANOUT_PAGE);
    for (let i = 0; i < page.ids.length; i += LIVE_FANOUT_PARALLEL) {
      const chunk = page.ids.slice(i, i + LIVE_FANOUT_PARALLEL);
      await Promise.all(chunk.map((id) => tell(liveIntent(data, id))));
    }
    after = page.next;
  } while (after !== null);
}
