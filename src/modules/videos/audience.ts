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

export function canSeeAccount(audience: AuthorAudience | undefined): boolean {
  return audience !== undefined && !audience.blocked && !audience.privateAccount;
}
