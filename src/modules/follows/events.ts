/** Events the follows module publishes, each in the transaction of the change it reports. `version` 1 for each. */
export const FollowEvents = {
  followed: 'Followed',
  unfollowed: 'Unfollowed',
  followRequested: 'FollowRequested',
  blocked: 'Blocked',
} as const;

/** A follow edge now exists: a direct follow of a public account, or an approved request. */
export interface FollowedData {
  follower_id: string;
  followee_id: string;
}

/** A follow edge was removed: unfollowed, or cut by a block. */
export interface UnfollowedData {
  follower_id: string;
  followee_id: string;
}

/** Someone asked to follow a private account; `target_id` decides. */
export interface FollowRequestedData {
  requester_id: string;
  target_id: string;
}

export interface BlockedData {
  blocker_id: string;
  blocked_id: string;
}
