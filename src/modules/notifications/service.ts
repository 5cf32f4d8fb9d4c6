import type { Database } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { PublicUser } from '../accounts/service.ts';
import type { NotificationIntent } from './intents.ts';
import { type Liker, likerOf } from './like-withdrawal.ts';
import { type NotificationPreferences, PreferenceStore } from './preferences.ts';
import { type NotificationResponse, toNotificationResponse } from './presenter.ts';
import { type NotificationRow, NotificationStore } from './store.ts';
import type { WithdrawnNotification } from './withdrawal-frame.ts';

/** What notifications need from other modules. */
export interface NotificationDeps {
  db: Database;
  users: { getUsers(ids: readonly string[]): Promise<Map<string, PublicUser>> };
  blocks: { hasBlocked(blockerId: string, blockedId: string): Promise<boolean> };
  likes: { hasLiked(userId: string, videoId: string): Promise<boolean> };
  comments: { exists(commentId: string): Promise<boolean> };
}

export interface NotificationPage {
  notifications: NotificationResponse[];
  /** The `seq` to continue below; null at the end. */
  next: string | null;
  unread_count: number;
}

/** How many actors an aggregated notification names. */
const NAMED_ACTORS = 3;

/** The in-app activity list of each account, its unread count and switches. Every call is about one's own. */
export class NotificationService {
  readonly #db: Database;
  readonly #store: NotificationStore;
  readonly #preferences: PreferenceStore;
  readonly #users: NotificationDeps['users'];
  readonly #blocks: NotificationDeps['blocks'];
  readonly #likes: NotificationDeps['likes'];
  readonly #comments: NotificationDeps['comments'];

  constructor(deps: NotificationDeps) {
    this.#db = deps.db;
    this.#store = new NotificationStore(deps.db);
    this.#preferences = new PreferenceStore(deps.db);
    this.#users = deps.users;
    this.#blocks = deps.blocks;
    this.#likes = deps.likes;
    this.#comments = deps.comments;
  }

  /**
   * Writes what an event asks for, unless the recipient turned its type off or blocked the actor, or the like or
   * comment it reports was undone since. Returns the notification as it now stands, or null when there is nothing
   * new to tell (including a redelivered event).
   */
  async record(intent: NotificationIntent): Promise<NotificationResponse | null> {
    const liker = likerOf(intent);
    const commentId = intent.commentId;
    const [preferences, blocked, unliked, uncommented] = await Promise.all([
      this.#preferences.get(intent.recipientId),
      this.#blocks.hasBlocked(intent.recipientId, intent.actorId),
      liker ? this.#unliked(liker) : false,
      commentId ? this.#commentDeleted(commentId) : false,
    ]);
    if (!preferences[intent.preference] || blocked || unliked || uncommented) return null;
    const id = await this.#db.transaction((tx) => new NotificationStore(tx).addActor(intent, NAMED_ACTORS));
    if (liker && (await this.#unliked(liker))) {
      // Its unlike was handled meanwhile, with nothing yet to withdraw: settle on what the likes say now.
      await this.#flagLiker(liker, true);
      return null;
    }
    if (commentId && (await this.#commentDeleted(commentId))) {
      // Deleted meanwhile. A row made just now may have missed the withdrawal and was never shown: it goes quietly.
      // One that was there before is the withdrawal's to remove and announce.
      if (id !== null) await this.#store.remove(intent.recipientId, intent.groupKey);
      return null;
    }
    if (id === null) return null;
    const row = await this.#store.find(intent.recipientId, id);
    return row ? ((await this.#present([row]))[0] ?? null) : null;
  }

  /**
   * An unlike: the video's like notifications stop counting and naming the account, unless it liked again since.
   * Returns the notifications it changed, as they now stand (none when redelivered).
   */
  async withdrawLike(liker: Liker): Promise<WithdrawnNotification[]> {
    if (!(await this.#unliked(liker))) return [];
    const changed = new Set(await this.#flagLiker(liker, true));
    // A like again, handled meanwhile, found the account still counted: settle on what the likes say now.
    if (!(await this.#unliked(liker))) for (const id of await this.#flagLiker(liker, false)) changed.add(id);
    return Promise.all([...changed].map((id) => this.#asItStands(liker.recipientId, id)));
  }

  /**
   * Deleted comments: the notifications they caused (comment, reply, mentions) are deleted. A deleted comment never
   * comes back, so no check is needed. Returns what was deleted (nothing when redelivered).
   */
  async withdrawComments(commentIds: readonly string[]): Promise<WithdrawnNotification[]> {
    const removed = await this.#store.removeOfComments(commentIds);
    return removed.map((row) => ({ recipientId: row.recipient_id, id: row.id, notification: null }));
  }

  async list(userId: string, beforeSeq: string | null, limit: number): Promise<NotificationPage> {
    const [rows, unread] = await Promise.all([
      this.#store.list(userId, beforeSeq, limit + 1),
      this.#store.unreadCount(userId),
    ]);
    const page = rows.slice(0, limit);
    return {
      notifications: await this.#present(page),
      next: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      unread_count: unread,
    };
  }

  unreadCount(userId: string): Promise<number> {
    return this.#store.unreadCount(userId);
  }

  /** Marks read what the client was shown up to `upToId` (everything when null); answers the new unread count. */
  async markRead(userId: string, upToId: string | null): Promise<number> {
    let upToSeq: string | null = null;
    if (upToId !== null) {
      const row = await this.#store.find(userId, upToId);
      if (!row) throw notFound('NOTIFICATION_NOT_FOUND', 'You have no such notification.');
      upToSeq = row.seq;
    }
    await this.#store.markRead(userId, upToSeq);
    return this.#store.unreadCount(userId);
  }

  /** Direct messages are pushed unless the recipient turned `messages` off or blocked the sender. */
  async wantsMessagePush(recipientId: string, senderId: string): Promise<boolean> {
    const [preferences, blocked] = await Promise.all([
      this.#preferences.get(recipientId),
      this.#blocks.hasBlocked(recipientId, senderId),
    ]);
    return preferences.messages && !blocked;
  }

  preferences(userId: string): Promise<NotificationPreferences> {
    return this.#preferences.get(userId);
  }

  updatePreferences(userId: string, changes: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
    return this.#preferences.update(userId, changes);
  }

  #flagLiker(liker: Liker, withdrawn: boolean): Promise<string[]> {
    return this.#db.transaction((tx) => new NotificationStore(tx).flagLiker(liker, withdrawn, NAMED_ACTORS));
  }

  /** Events are handled in any order (an unlike may overtake its like), so the likes themselves say what is true. */
  async #unliked(liker: Liker): Promise<boolean> {
    return !(await this.#likes.hasLiked(liker.actorId, liker.videoId));
  }

  /** Likewise a comment's deletion may overtake its creation: the comments say whether it is still there. */
  async #commentDeleted(commentId: string): Promise<boolean> {
    return !(await this.#comments.exists(commentId));
  }

  async #asItStands(recipientId: string, id: string): Promise<WithdrawnNotification> {
    const row = await this.#store.find(recipientId, id);
    return { recipientId, id, notification: row ? ((await this.#present([row]))[0] ?? null) : null };
  }

  async #present(rows: NotificationRow[]): Promise<NotificationResponse[]> {
    const users = await this.#users.getUsers(rows.flatMap((row) => row.actor_ids));
    return rows.map((row) => toNotificationResponse(row, users));
  }
}
