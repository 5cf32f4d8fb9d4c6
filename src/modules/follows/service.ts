import type { Static } from 'typebox';
import type { Database, SqlExecutor } from '../../platform/db/database.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { RelationshipSchema } from '../accounts/schemas.ts';
import type { AccountService, PublicUser } from '../accounts/service.ts';
import type { AudiencePolicy, AuthorAudience } from '../videos/audience.ts';
import {
  type BlockedData,
  FollowEvents,
  type FollowedData,
  type FollowRequestedData,
  type UnfollowedData,
} from './events.ts';
import type { FollowRequestSchema, FollowStateSchema } from './schemas.ts';
import { type Edge, type EdgePosition, FollowStore, type GraphFacts } from './store.ts';

export type FollowState = Static<typeof FollowStateSchema>;

/** How the viewer and another account stand; `friends` is mutual following. */
export type Relationship = Static<typeof RelationshipSchema>;

export interface UserPage {
  users: PublicUser[];
  next: EdgePosition | null;
}

export interface FollowRequestPage {
  requests: Array<Static<typeof FollowRequestSchema>>;
  next: EdgePosition | null;
}

/** The social graph: follows, follow requests to private accounts, blocks; the follows module's interface. */
export class FollowService implements AudiencePolicy {
  readonly #db: Database;
  readonly #store: FollowStore;
  readonly #events: EventStream;
  readonly #accounts: AccountService;

  constructor(deps: { db: Database; events: EventStream; accounts: AccountService }) {
    this.#db = deps.db;
    this.#store = new FollowStore(deps.db);
    this.#events = deps.events;
    this.#accounts = deps.accounts;
  }

  /** Follows a public account, or asks a private one. Repeating it changes nothing and answers the same. */
  async follow(viewerId: string, username: string): Promise<FollowState> {
    const target = await this.#other(viewerId, username, 'CANNOT_FOLLOW_SELF', 'You cannot follow yourself.');
    return this.#db.transaction(async (tx) => {
      const store = await this.#lockedPair(tx, viewerId, target.id);
      if (await store.blocks.has(target.id, viewerId)) {
        throw forbidden('BLOCKED', 'This account does not allow you to follow it.');
      }
      if (await store.blocks.has(viewerId, target.id)) {
        throw forbidden('BLOCKED', 'You blocked this account; unblock it to follow it.');
      }
      const facts = await store.factsAbout(viewerId, [target.id]);
      if (target.is_private && !facts.following.has(target.id)) {
        if (await store.requests.add(viewerId, target.id)) {
          const data: FollowRequestedData = { requester_id: viewerId, target_id: target.id };
          await this.#events.publish(createEvent(FollowEvents.followRequested, data), tx);
        }
        return { following: false, requested: true };
      }
      await this.#addFollow(tx, store, viewerId, target.id);
      // A request left from when the account was private is answered by this follow.
      await store.requests.remove(viewerId, target.id);
      return { following: true, requested: false };
    });
  }

  /** Unfollows, or withdraws a pending request. Idempotent. */
  async unfollow(viewerId: string, username: string): Promise<FollowState> {
    const target = await this.#other(viewerId, username, 'CANNOT_FOLLOW_SELF', 'You cannot follow yourself.');
    await this.#db.transaction(async (tx) => {
      const store = await this.#lockedPair(tx, viewerId, target.id);
      await this.#removeFollow(tx, store, viewerId, target.id);
      await store.requests.remove(viewerId, target.id);
    });
    return { following: false, requested: false };
  }

  async approveRequest(viewerId: string, username: string): Promise<void> {
    const requester = await this.#accounts.getUserByUsername(username);
    await this.#db.transaction(async (tx) => {
      const store = await this.#lockedPair(tx, viewerId, requester.id);
      if (!(await store.requests.remove(requester.id, viewerId))) throw requestNotFound(username);
      await this.#addFollow(tx, store, requester.id, viewerId);
    });
  }

  async denyRequest(viewerId: string, username: string): Promise<void> {
    const requester = await this.#accounts.getUserByUsername(username);
    if (!(await this.#store.requests.remove(requester.id, viewerId))) throw requestNotFound(username);
  }

  /** Blocks an account and cuts every follow and request between the two. Idempotent. */
  async block(viewerId: string, username: string): Promise<{ blocked: true }> {
    const target = await this.#other(viewerId, username, 'CANNOT_BLOCK_SELF', 'You cannot block yourself.');
    await this.#db.transaction(async (tx) => {
      const store = await this.#lockedPair(tx, viewerId, target.id);
      const added = await store.blocks.add(viewerId, target.id);
      await this.#removeFollow(tx, store, viewerId, target.id);
      await this.#removeFollow(tx, store, target.id, viewerId);
      await store.deleteRequestsBetween(viewerId, target.id);
      if (added) {
        const data: BlockedData = { blocker_id: viewerId, blocked_id: target.id };
        await this.#events.publish(createEvent(FollowEvents.blocked, data), tx);
      }
    });
    return { blocked: true };
  }

  async unblock(viewerId: string, username: string): Promise<{ blocked: false }> {
    const target = await this.#other(viewerId, username, 'CANNOT_BLOCK_SELF', 'You cannot block yourself.');
    await this.#store.blocks.remove(viewerId, target.id);
    return { blocked: false };
  }

  hasBlocked(blockerId: string, blockedId: string): Promise<boolean> {
    return this.#store.blocks.has(blockerId, blockedId);
  }

  /** Accounts `userId` blocked or was blocked by: what they never see from each other (comments). */
  blockedEitherWay(userId: string): Promise<string[]> {
    return this.#store.blockedEitherWay(userId);
  }

  /** The accounts `viewerId` blocked, newest block first. */
  async blocked(viewerId: string, after: EdgePosition | null, limit: number): Promise<UserPage> {
    return this.#userPage(await this.#store.listBlocked(viewerId, after, limit + 1), limit);
  }

  /** How `viewerId` stands with each of `userIds` in one query: follows both ways, blocks both ways (messaging). */
  connections(viewerId: string, userIds: readonly string[]): Promise<GraphFacts> {
    return this.#store.factsAbout(viewerId, userIds);
  }

  async relationship(viewerId: string, userId: string): Promise<Relationship> {
    const [facts, requested, blocked] = await Promise.all([
      this.#store.factsAbout(viewerId, [userId]),
      this.#store.requests.has(viewerId, userId),
      this.#store.blocks.has(viewerId, userId),
    ]);
    const following = facts.following.has(userId);
    const followedBy = facts.followers.has(userId);
    return { following, followed_by: followedBy, requested, blocked, friends: following && followedBy };
  }

  counts(userId: string): Promise<{ followers: number; following: number }> {
    return this.#store.counts(userId);
  }

  /** Accounts `userId` follows: the authors of their following feed. */
  followeeIds(userId: string): Promise<string[]> {
    return this.#store.followeeIds(userId);
  }

  followers(username: string, viewerId: string | null, after: EdgePosition | null, limit: number): Promise<UserPage> {
    return this.#listGraph(username, viewerId, limit, (store, id) => store.listFollowers(id, after, limit + 1));
  }

  /**
   * One page of the ids of `userId`'s followers who may see something it shares with followers or friends only
   * (blocks either way leave one out), for fanning out news page by page; `next` is where the following page starts.
   */
  async audienceFollowers(
    userId: string,
    audience: 'followers' | 'friends',
    after: EdgePosition | null,
    limit: number,
  ): Promise<{ ids: string[]; next: EdgePosition | null }> {
    const edges = await this.#store.listAudienceFollowers(userId, audience, after, limit + 1);
    const page = edges.slice(0, limit);
    const last = page.at(-1);
    return {
      ids: page.map((edge) => edge.user_id),
      next: edges.length > limit && last ? { at: last.at, id: last.user_id } : null,
    };
  }

  following(username: string, viewerId: string | null, after: EdgePosition | null, limit: number): Promise<UserPage> {
    return this.#listGraph(username, viewerId, limit, (store, id) => store.listFollowing(id, after, limit + 1));
  }

  async followRequests(viewerId: string, after: EdgePosition | null, limit: number): Promise<FollowRequestPage> {
    const edges = await this.#store.listRequests(viewerId, after, limit + 1);
    const page = await this.#usersOf(edges, limit);
    return {
      requests: page.entries.map(({ user, edge }) => ({ user, requested_at: new Date(edge.at).toISOString() })),
      next: page.next,
    };
  }

  async audience(viewerId: string | null, authorIds: readonly string[]): Promise<Map<string, AuthorAudience>> {
    const ids = [...new Set(authorIds)];
    const [users, facts] = await Promise.all([
      this.#accounts.getUsers(ids),
      viewerId ? this.#store.factsAbout(viewerId, ids) : null,
    ]);
    const result = new Map<string, AuthorAudience>();
    for (const id of ids) {
      const follows = facts?.following.has(id) ?? false;
      const blockedByAuthor = facts?.blockedBy.has(id) ?? false;
      result.set(id, {
        blocked: blockedByAuthor || (facts?.blocking.has(id) ?? false),
        blockedByAuthor,
        privateAccount: id !== viewerId && (users.get(id)?.is_private ?? false) && !follows,
        friend: follows && (facts?.followers.has(id) ?? false),
      });
    }
    return result;
  }

  async #listGraph(
    username: string,
    viewerId: string | null,
    limit: number,
    list: (store: FollowStore, ownerId: string) => Promise<Edge[]>,
  ): Promise<UserPage> {
    const owner = await this.#accounts.getUserByUsername(username);
    if (owner.id !== viewerId) {
      const audience = (await this.audience(viewerId, [owner.id])).get(owner.id);
      if (audience?.blocked) throw forbidden('BLOCKED', 'You cannot see this account.');
      if (audience?.privateAccount) {
        throw forbidden('PRIVATE_ACCOUNT', 'This account is private: follow it to see who it follows.');
      }
    }
    return this.#userPage(await list(this.#store, owner.id), limit);
  }

  async #userPage(edges: Edge[], limit: number): Promise<UserPage> {
    const page = await this.#usersOf(edges, limit);
    return { users: page.entries.map((entry) => entry.user), next: page.next };
  }

  /** Edges fetched with one extra row → the page's accounts in edge order and where the next page starts. */
  async #usersOf(edges: Edge[], limit: number) {
    const pageEdges = edges.slice(0, limit);
    const users = await this.#accounts.getUsers(pageEdges.map((edge) => edge.user_id));
    const entries = pageEdges.flatMap((edge) => {
      const user = users.get(edge.user_id);
      return user ? [{ user, edge }] : [];
    });
    const last = pageEdges.at(-1);
    return { entries, next: edges.length > limit && last ? { at: last.at, id: last.user_id } : null };
  }

  async #other(viewerId: string, username: string, code: string, message: string): Promise<PublicUser> {
    const target = await this.#accounts.getUserByUsername(username);
    if (target.id === viewerId) throw badRequest(code, message);
    return target;
  }

  /** Changes between two accounts take turns, so a follow cannot slip in beside a block committed at the same time. */
  async #lockedPair(tx: SqlExecutor, a: string, b: string): Promise<FollowStore> {
    const pair = a < b ? `${a}:${b}` : `${b}:${a}`;
    await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 7270002))', [pair]);
    return new FollowStore(tx);
  }

  async #addFollow(tx: SqlExecutor, store: FollowStore, followerId: string, followeeId: string): Promise<void> {
    if (!(await store.follows.add(followerId, followeeId))) return;
    await store.adjustCounts(followerId, followeeId, 1);
    const data: FollowedData = { follower_id: followerId, followee_id: followeeId };
    await this.#events.publish(createEvent(FollowEvents.followed, data), tx);
  }

  async #removeFollow(tx: SqlExecutor, store: FollowStore, followerId: string, followeeId: string): Promise<void> {
    if (!(await store.follows.remove(followerId, followeeId))) return;
    await store.adjustCounts(followerId, followeeId, -1);
    const data: UnfollowedData = { follower_id: followerId, followee_id: followeeId };
    await this.#events.publish(createEvent(FollowEvents.unfollowed, data), tx);
  }
}

function requestNotFound(username: string) {
  return notFound('FOLLOW_REQUEST_NOT_FOUND', `There is no follow request from "${username}".`);
}
