import type { Job, JobQueue } from '../../platform/stream/jobs.ts';
import type { LiveStartedData } from '../live/events.ts';
import type { NotificationIntent } from './intents.ts';

/** One job per page of followers: however many there are, no event handler or transaction grows with them. */
export const LIVE_FANOUT_QUEUE = 'notifications-live-fanout';
/** Followers read per page (one job). */
export const LIVE_FANOUT_PAGE = 200;
/** Followers of a page told at once. */
const LIVE_FANOUT_PARALLEL = 10;

type LiveAudience = 'followers' | 'friends';
type FollowerPosition = { at: string; id: string };

export interface LiveFanoutPayload {
  started: LiveStartedData;
  /** Where this page starts in the host's followers; null for the first. */
  after: FollowerPosition | null;
}

export interface LiveFollowers {
  audienceFollowers(
    userId: string,
    audience: LiveAudience,
    after: FollowerPosition | null,
    limit: number,
  ): Promise<{ ids: string[]; next: FollowerPosition | null }>;
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

/** Queues the first page of a LiveStarted's fan-out (none for a private stream). */
export async function queueLiveFanout(jobs: JobQueue, started: LiveStartedData): Promise<void> {
  if (liveAudienceOf(started.visibility) === null) return;
  const payload: LiveFanoutPayload = { started, after: null };
  await jobs.enqueue(LIVE_FANOUT_QUEUE, payload, { id: `live-fanout-${started.stream_id}` });
}

/**
 * Tells one page of the host's followers who may see the stream (blocks either way leave a follower out; their own
 * switches and blocks are `tell`'s to check), then queues the next page. A retried page tells again only those its
 * failure left out: the others' notifications exist under the same key.
 */
export function createLiveFanoutHandler(
  deps: { jobs: JobQueue; followers: LiveFollowers },
  tell: (intent: NotificationIntent) => Promise<void>,
) {
  return async (job: Job<LiveFanoutPayload>): Promise<void> => {
    const { started, after } = job.payload;
    const audience = liveAudienceOf(started.visibility);
    if (audience === null) return;
    const page = await deps.followers.audienceFollowers(started.host_id, audience, after, LIVE_FANOUT_PAGE);
    for (let i = 0; i < page.ids.length; i += LIVE_FANOUT_PARALLEL) {
      const chunk = page.ids.slice(i, i + LIVE_FANOUT_PARALLEL);
      await Promise.all(chunk.map((id) => tell(liveIntent(started, id))));
      await job.heartbeat();
    }
    if (page.next === null) return;
    const next: LiveFanoutPayload = { started, after: page.next };
    await deps.jobs.enqueue(LIVE_FANOUT_QUEUE, next, { id: `live-fanout-${started.stream_id}-${page.next.id}` });
  };
}
