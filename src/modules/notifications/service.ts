import type { Database } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { PublicUser } from '../accounts/service.ts';
import type { NotificationIntent } from './intents.ts';
import { type NotificationPreferences, PreferenceStore } from './preferences.ts';
import { type NotificationResponse, toNotificationResponse } from './presenter.ts';
import { type NotificationRow, NotificationStore } from './store.ts';

/** What notifications need from other modules. */
export interface NotificationDeps {
  db: Database;
  users: { getUsers(ids: readonly string[]): Promise<Map<string, PublicUser>> };
  blocks: { hasBlocked(blockerId: string, blockedId: string): Promise<boolean> };
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

  constructor(deps: NotificationDeps) {
    this.#db = deps.db;
    this.#store = new NotificationStore(deps.db);
    this.#preferences = new PreferenceStore(deps.db);
    this.#users = deps.users;
    this.#blocks = deps.blocks;
  }

  /**
   * Writes what an event asks for, unless the recipient turned its type off or blocked the actor. Returns the
   * notification as it now stands, or null when nothing changed (including a redelivered event).
   */
  async record(intent: NotificationIntent): Promise<NotificationResponse | null> {
    const [preferences, blocked] = await Promise.all([
      this.#preferences.get(intent.recipientId),
      this.#blocks.hasBlocked(intent.recipientId, intent.actorId),
    ]);
    if (!preferences[intent.preference] || blocked) return null;
    const id = await this.#db.transaction((tx) => new NotificationStore(tx).addActor(intent, NAMED_ACTORS));
    if (id === null) return null;
    const row = await this.#store.find(intent.recipientId, id);
    return row ? ((await this.#present([row]))[0] ?? null) : null;
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

  async #present(rows: NotificationRow[]): Promise<NotificationResponse[]> {
    const users = await this.#users.getUsers(rows.flatMap((row) => row.actor_ids));
    return rows.map((row) => toNotificationResponse(row, users));
  }
}
