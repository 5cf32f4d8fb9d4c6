import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { Database } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { EventData } from '../../platform/stream/event-contract.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { AccountService, PublicUser } from '../accounts/service.ts';
import { summaryOrDeleted } from '../accounts/user-summary.ts';
import { type CommentRow, CommentStore } from './comment-store.ts';
import { normalizeComment, parseMentions } from './comment-text.ts';
import type { InteractionCounters } from './counters.ts';
import { InteractionEvents } from './events.ts';
import type { CommentSchema } from './schemas.ts';
import { actionableVideo, type BlockList, type VideoDirectory } from './service.ts';
import type { Position } from './store.ts';

export type CommentResponse = Static<typeof CommentSchema>;

export interface CommentPage {
  comments: CommentResponse[];
  next: Position | null;
}

const commentNotFound = () => notFound('COMMENT_NOT_FOUND', 'That comment does not exist.');

export interface CommentServiceDeps {
  db: Database;
  events: EventStream;
  counters: InteractionCounters;
  videos: VideoDirectory;
  blocks: BlockList;
  accounts: AccountService;
}

/** Comments with one level of threaded replies, their likes, mentions and deletion. */
export class CommentService {
  readonly #deps: CommentServiceDeps;
  readonly #store: CommentStore;

  constructor(deps: CommentServiceDeps) {
    this.#deps = deps;
    this.#store = new CommentStore(deps.db);
  }

  /** A reply to a reply is filed under the same top-level comment: threads are one level deep. */
  async create(
    videoId: string,
    userId: string,
    input: { content: string; parent_id?: string | undefined },
  ): Promise<CommentResponse> {
    const content = normalizeComment(input.content);
    const video = await actionableVideo(this.#deps.videos, videoId, userId);
    let threadId: string | null = null;
    let replyToUserId: string | null = null;
    if (input.parent_id) {
      const parent = await this.#store.find(input.parent_id);
      if (!parent || parent.video_id !== videoId) throw commentNotFound();
      if ((await this.#hiddenFrom(userId)).includes(parent.user_id)) throw commentNotFound();
      threadId = parent.parent_id ?? parent.id;
      replyToUserId = parent.user_id;
    }
    const mentioned = await this.#mentionable(content, userId);
    const row = await this.#deps.db.transaction(async (tx) => {
      const inserted = await new CommentStore(tx).insert({
        id: randomUUID(),
        video_id: videoId,
        user_id: userId,
        parent_id: threadId,
        content,
        mentions: mentioned.map((user) => user.username),
      });
      const data: EventData<typeof InteractionEvents.commented> = {
        comment_id: inserted.id,
        video_id: videoId,
        author_id: video.author_id,
        user_id: userId,
        parent_id: threadId,
        reply_to_user_id: replyToUserId,
        content,
      };
      await this.#deps.events.publish(createEvent(InteractionEvents.commented, data), tx);
      for (const user of mentioned) {
        const mention: EventData<typeof InteractionEvents.mentioned> = {
          comment_id: inserted.id,
          video_id: videoId,
          mentioned_user_id: user.id,
          by_user_id: userId,
        };
        await this.#deps.events.publish(createEvent(InteractionEvents.mentioned, mention), tx);
      }
      await this.#deps.counters.record(tx, [
        { video: videoId, author: video.author_id, field: 'comments', by: 1 },
        ...(threadId ? [{ comment: threadId, field: 'replies' as const, by: 1 }] : []),
      ]);
      return inserted;
    });
    return (await this.#present([row], userId))[0] as CommentResponse;
  }

  /**
   * Top-level comments, newest first, each with its reply count (which still counts replies hidden from the
   * viewer). Comments of accounts blocked either way are left out.
   */
  async list(videoId: string, viewerId: string | null, after: Position | null, limit: number): Promise<CommentPage> {
    await actionableVideo(this.#deps.videos, videoId, viewerId);
    const hidden = await this.#hiddenFrom(viewerId);
    return this.#page(await this.#store.listTopLevel(videoId, hidden, after, limit + 1), limit, viewerId);
  }

  /** Replies to a top-level comment, oldest first, without those of accounts blocked either way. */
  async replies(
    commentId: string,
    viewerId: string | null,
    after: Position | null,
    limit: number,
  ): Promise<CommentPage> {
    const hidden = await this.#hiddenFrom(viewerId);
    await this.#shownComment(commentId, viewerId, hidden);
    return this.#page(await this.#store.listReplies(commentId, hidden, after, limit + 1), limit, viewerId);
  }

  /** By the commenter or the video's creator; replies go with a top-level comment. */
  async delete(commentId: string, userId: string): Promise<void> {
    const { comment, video } = await this.#visibleComment(commentId, userId);
    if (comment.user_id !== userId && video.author_id !== userId) {
      throw forbidden('NOT_COMMENT_OWNER', 'Only its writer or the video’s creator can delete this comment.');
    }
    await this.#deps.db.transaction(async (tx) => {
      const rows = await new CommentStore(tx).deleteWithReplies(commentId);
      if (rows.length === 0) throw commentNotFound();
      const data: EventData<typeof InteractionEvents.commentDeleted> = {
        comment_id: commentId,
        video_id: comment.video_id,
        author_id: video.author_id,
        user_id: comment.user_id,
        parent_id: comment.parent_id,
        reply_ids: rows.flatMap((row) => (row.id === commentId ? [] : [row.id])),
        deleted_by: userId,
      };
      await this.#deps.events.publish(createEvent(InteractionEvents.commentDeleted, data), tx);
      await this.#deps.counters.record(tx, [
        { video: comment.video_id, author: video.author_id, field: 'comments', by: -rows.length },
        ...(comment.parent_id ? [{ comment: comment.parent_id, field: 'replies' as const, by: -1 }] : []),
      ]);
    });
  }

  /** Whether the comment is still there: notifications ask, since its deletion may be handled before its creation. */
  async exists(commentId: string): Promise<boolean> {
    return (await this.#store.find(commentId)) !== null;
  }

  async like(commentId: string, userId: string): Promise<{ liked: true; like_count: number }> {
    const { comment } = await this.#shownComment(commentId, userId, await this.#hiddenFrom(userId));
    await this.#deps.db.transaction(async (tx) => {
      const store = new CommentStore(tx);
      // Locks the comment against a concurrent delete, so the like never points at a deleted comment.
      if (!(await store.lock(commentId))) throw commentNotFound();
      if (await store.insertLike(commentId, userId)) {
        await this.#deps.counters.record(tx, [{ comment: commentId, field: 'likes', by: 1 }]);
      }
    });
    return { liked: true, like_count: await this.#likeCount(comment.id) };
  }

  async unlike(commentId: string, userId: string): Promise<{ liked: false; like_count: number }> {
    const { comment } = await this.#visibleComment(commentId, userId);
    await this.#deps.db.transaction(async (tx) => {
      if (await new CommentStore(tx).deleteLike(commentId, userId)) {
        await this.#deps.counters.record(tx, [{ comment: commentId, field: 'likes', by: -1 }]);
      }
    });
    return { liked: false, like_count: await this.#likeCount(comment.id) };
  }

  async #likeCount(commentId: string): Promise<number> {
    return (await this.#deps.counters.commentCounts([commentId])).get(commentId)?.likes ?? 0;
  }

  /** The comment and its video, when the viewer may see the video (and its author has not blocked them). */
  async #visibleComment(commentId: string, viewerId: string | null) {
    const comment = await this.#store.find(commentId);
    if (!comment) throw commentNotFound();
    const video = await actionableVideo(this.#deps.videos, comment.video_id, viewerId).catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) throw commentNotFound();
      throw error;
    });
    return { comment, video };
  }

  /**
   * A comment the viewer is shown: its video is visible to them and its writer is not in `hidden`. Deleting skips
   * the writer check, so a creator can still remove the comments of an account they blocked.
   */
  async #shownComment(commentId: string, viewerId: string | null, hidden: readonly string[]) {
    const found = await this.#visibleComment(commentId, viewerId);
    if (hidden.includes(found.comment.user_id)) throw commentNotFound();
    return found;
  }

  /** Writers whose comments the viewer is not shown: accounts blocked either way (none for a visitor). */
  async #hiddenFrom(viewerId: string | null): Promise<string[]> {
    return viewerId ? this.#deps.blocks.blockedEitherWay(viewerId) : [];
  }

  /** Accounts named in the comment that exist, other than the writer and those who blocked the writer. */
  async #mentionable(content: string, userId: string): Promise<PublicUser[]> {
    const names = parseMentions(content);
    if (names.length === 0) return [];
    const users = [...(await this.#deps.accounts.getUsersByUsernames(names)).values()].filter(
      (user) => user.id !== userId,
    );
    const blockedBy = await Promise.all(users.map((user) => this.#deps.blocks.hasBlocked(user.id, userId)));
    return users.filter((_, i) => !blockedBy[i]);
  }

  async #page(rows: CommentRow[], limit: number, viewerId: string | null): Promise<CommentPage> {
    const pageRows = rows.slice(0, limit);
    const last = pageRows.at(-1);
    return {
      comments: await this.#present(pageRows, viewerId),
      next: rows.length > limit && last ? { at: last.created_at_exact, id: last.id } : null,
    };
  }

  async #present(rows: CommentRow[], viewerId: string | null): Promise<CommentResponse[]> {
    const ids = rows.map((row) => row.id);
    const [users, counts, liked] = await Promise.all([
      this.#deps.accounts.getUsers(rows.map((row) => row.user_id)),
      this.#deps.counters.commentCounts(ids),
      viewerId ? this.#store.likedBy(viewerId, ids) : null,
    ]);
    return rows.map((row) => {
      const user = users.get(row.user_id);
      const count = counts.get(row.id);
      return {
        id: row.id,
        video_id: row.video_id,
        parent_id: row.parent_id,
        user: summaryOrDeleted(user, row.user_id),
        content: row.content,
        mentions: row.mentions,
        like_count: count?.likes ?? 0,
        reply_count: count?.replies ?? 0,
        ...(liked ? { viewer: { liked: liked.has(row.id) } } : {}),
        created_at: new Date(row.created_at).toISOString(),
      };
    });
  }
}
