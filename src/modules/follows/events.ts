import { type Static, Type } from 'typebox';
import { defineEvent, EventId } from '../../platform/stream/event-contract.ts';

const FollowEdge = Type.Object({ follower_id: EventId, followee_id: EventId });

/** Events the follows module publishes, each in the transaction of the change it reports. */
export const FollowEvents = {
  /** A follow edge now exists: a direct follow of a public account, or an approved request. */
  followed: defineEvent('Followed', FollowEdge),
  /** A follow edge was removed: unfollowed, or cut by a block. */
  unfollowed: defineEvent('Unfollowed', FollowEdge),
  /** Someone asked to follow a private account; `target_id` decides. */
  followRequested: defineEvent('FollowRequested', Type.Object({ requester_id: EventId, target_id: EventId })),
  blocked: defineEvent('Blocked', Type.Object({ blocker_id: EventId, blocked_id: EventId })),
} as const;

export type FollowedData = Static<typeof FollowEvents.followed.schema>;
export type UnfollowedData = Static<typeof FollowEvents.unfollowed.schema>;
export type FollowRequestedData = Static<typeof FollowEvents.followRequested.schema>;
export type BlockedData = Static<typeof FollowEvents.blocked.schema>;
