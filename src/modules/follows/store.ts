import type { SqlExecutor } from '../../platform/db/database.ts';
import { keysetParams, keysetTail } from '../../platform/db/keyset.ts';
import { PairTable } from '../../platform/db/pair-table.ts';
import { SqlStore } from '../../platform/db/sql-store.ts';

/** Keyset position in a newest-first list of edges: the edge's time as PostgreSQL prints it and the other user. */
export interface EdgePosition {
  at: string;
  id: string;
}

export interface Edge {
  user_id: string;
  at: string;
}

/** What the graph says between one viewer and each of some users. */
export interface GraphFacts {
  /** The viewer follows them. */
  following: Set<string>;
  /** They follow the viewer. */
  followers: Set<string>;
  /** They blocked the viewer. */
  blockedBy: Set<string>;
  /** The viewer blocked them. */
  blocking: Set<string>;
}

/** Data access for follows, follow requests, blocks and follow counts; no decisions here. */
export class FollowStore extends SqlStore {
  /** follower_id follows followee_id. */
  readonly follows: PairTable;
  /** requester_id asked to follow target_id. */
  readonly requests: PairTable;
  /** blocker_id blocked blocked_id. */
  readonly blocks: PairTable;

  constructor(db: SqlExecutor) {
    super(db);
    this.follows = new PairTable(db, 'follows', ['follower_id', 'followee_id']);
    this.requests = new PairTable(db, 'follow_requests', ['requester_id', 'target_id']);
    this.blocks = new PairTable(db, 'blocks', ['blocker_id', 'blocked_id']);
  }

  /**
   * Adds `by` to the follower count of `followeeId` and the following count of `followerId`. One statement with
   * the rows in id order, so two opposite follows at once lock the same rows in the same order (no deadlock).
   */
  async adjustCounts(followerId: string, followeeId: string, by: 1 | -1): Promise<void> {
    const rows = [
      { id: followerId, followers: 0, following: by },
      { id: followeeId, followers: by, following: 0 },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    await this.db.query(
      `insert into follow_counts (user_id, followers, following)
       select * from unnest($1::uuid[], $2::bigint[], $3::bigint[])
       on conflict (user_id) do update set followers = follow_counts.followers + excluded.followers,
         following = follow_counts.following + excluded.following`,
      [rows.map((row) => row.id), rows.map((row) => row.followers), rows.map((row) => row.following)],
    );
  }

  async counts(userId: string): Promise<{ followers: number; following: number }> {
    const { rows } = await this.db.query<{ followers: string; following: string }>(
      'select followers, following from follow_counts where user_id = $1',
      [userId],
    );
    return { followers: Number(rows[0]?.followers ?? 0), following: Number(rows[0]?.following ?? 0) };
  }

  /** Everyone `userId` blocked and everyone who blocked `userId`. */
  async blockedEitherWay(userId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ user_id: string }>(
      `select blocked_id as user_id from blocks where blocker_id = $1
       union
       select blocker_id from blocks where blocked_id = $1`,
      [userId],
    );
    return rows.map((row) => row.user_id);
  }

  /** Follow requests both ways between two users are dropped by a block. */
  async deleteRequestsBetween(a: string, b: string): Promise<void> {
    await this.db.query(
      `delete from follow_requests
       where (requester_id = $1 and target_id = $2) or (requester_id = $2 and target_id = $1)`,
      [a, b],
    );
  }

  /** The facts about `viewerId` and each of `userIds`, in one round trip. */
  async factsAbout(viewerId: string, userIds: readonly string[]): Promise<GraphFacts> {
    const { rows } = await this.db.query<{ kind: string; user_id: string }>(
      `select 'following' as kind, followee_id as user_id from follows
         where follower_id = $1 and followee_id = any($2::uuid[])
       union all
       select 'follower', follower_id from follows where followee_id = $1 and follower_id = any($2::uuid[])
       union all
       select 'blocking', blocked_id from blocks where blocker_id = $1 and blocked_id = any($2::uuid[])
       union all
       select 'blocked_by', blocker_id from blocks where blocked_id = $1 and blocker_id = any($2::uuid[])`,
      [viewerId, userIds],
    );
    const facts: GraphFacts = { following: new Set(), followers: new Set(), blockedBy: new Set(), blocking: new Set() };
    const sets: Record<string, Set<string>> = {
      following: facts.following,
      follower: facts.followers,
      blocked_by: facts.blockedBy,
      blocking: facts.blocking,
    };
    for (const row of rows) sets[row.kind]?.add(row.user_id);
    return facts;
  }

  async followeeIds(followerId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ followee_id: string }>(
      'select followee_id from follows where follower_id = $1',
      [followerId],
    );
    return rows.map((row) => row.followee_id);
  }

  listFollowers(userId: string, after: EdgePosition | null, limit: number): Promise<Edge[]> {
    return this.#listEdges('follows', 'followee_id', 'follower_id', userId, after, limit);
  }

  /**
   * Followers of `userId` who may see what it shares with `audience`: every follower, or only those it follows back
   * (friends); never one blocked either way. Newest follower first.
   */
  async listAudienceFollowers(
    userId: string,
    audience: 'followers' | 'friends',
    after: EdgePosition | null,
    limit: number,
  ): Promise<Edge[]> {
    const { rows } = await this.db.query<Edge>(
      `select follower_id as user_id, created_at::text as at from follows f
       where followee_id = $1
         and ($2::text = 'followers' or exists (
           select 1 from follows back where back.follower_id = $1 and back.followee_id = f.follower_id))
         and not exists (
           select 1 from blocks
           where (blocker_id = $1 and blocked_id = f.follower_id) or (blocker_id = f.follower_id and blocked_id = $1))
         and ${keysetTail('newest first', 3, { at: 'created_at', id: 'follower_id' })}`,
      [userId, audience, ...keysetParams(after, limit)],
    );
    return rows;
  }

  listFollowing(userId: string, after: EdgePosition | null, limit: number): Promise<Edge[]> {
    return this.#listEdges('follows', 'follower_id', 'followee_id', userId, after, limit);
  }

  listRequests(targetId: string, after: EdgePosition | null, limit: number): Promise<Edge[]> {
    return this.#listEdges('follow_requests', 'target_id', 'requester_id', targetId, after, limit);
  }

  listBlocked(blockerId: string, after: EdgePosition | null, limit: number): Promise<Edge[]> {
    return this.#listEdges('blocks', 'blocker_id', 'blocked_id', blockerId, after, limit);
  }

  async #listEdges(
    table: 'follows' | 'follow_requests' | 'blocks',
    ownerColumn: string,
    otherColumn: string,
    ownerId: string,
    after: EdgePosition | null,
    limit: number,
  ): Promise<Edge[]> {
    const { rows } = await this.db.query<Edge>(
      `select ${otherColumn} as user_id, created_at::text as at from ${table}
       where ${ownerColumn} = $1 and ${keysetTail('newest first', 2, { at: 'created_at', id: otherColumn })}`,
      [ownerId, ...keysetParams(after, limit)],
    );
    return rows;
  }
}
