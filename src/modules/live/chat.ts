import { randomUUID } from 'node:crypto';
import { LIVE_ROOM, TEXT_LIMITS } from '../../config.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { PublicUser } from '../accounts/service.ts';
import { summaryOrDeleted, type UserSummary } from '../accounts/user-summary.ts';
import type { LiveUpdates } from '../notifications/live-updates.ts';
import { type ChatMessageRow, ChatStore, type MemberStanding } from './chat-store.ts';
import { type LiveService, streamChannel } from './service.ts';
import type { LiveStreamRow } from './store.ts';

export interface ChatMessage {
  id: string;
  text: string;
  created_at: string;
  author: UserSummary;
}

export type RoomRole = 'host' | 'moderator' | 'viewer';

/** A viewer in one stream: what they may do there. */
export interface ViewerStanding {
  stream: LiveStreamRow;
  role: RoomRole;
  muted: boolean;
  banned: boolean;
}

export type ModerationAction = 'mute' | 'unmute' | 'ban' | 'unban' | 'add_moderator' | 'remove_moderator';

/** What the chat needs from the follows module. */
export interface ChatBlocks {
  /** Accounts the user blocked or was blocked by. */
  blockedEitherWay(userId: string): Promise<string[]>;
}

interface Accounts {
  getUsers(ids: readonly string[]): Promise<Map<string, PublicUser>>;
}

/** Moderators may do these, to viewers only; the host may do everything to anyone but themself. */
const MODERATOR_ACTIONS: ReadonlySet<ModerationAction> = new Set(['mute', 'unmute', 'ban', 'unban']);
const CHANGES: Record<ModerationAction, { standing: keyof MemberStanding; value: boolean; told?: string }> = {
  mute: { standing: 'muted', value: true, told: 'muted' },
  unmute: { standing: 'muted', value: false, told: 'unmuted' },
  ban: { standing: 'banned', value: true, told: 'banned' },
  unban: { standing: 'banned', value: false, told: 'unbanned' },
  add_moderator: { standing: 'moderator', value: true },
  remove_moderator: { standing: 'moderator', value: false },
};

/** Published to the room when someone is banned: every node drops their sockets from it; never sent to a client. */
export const BANNED_FROM_ROOM = 'live_room_banned';

const slowModeKey = (streamId: string, userId: string) => `live:slow:${streamId}:${userId}`;
const notModerator = () =>
  forbidden('NOT_STREAM_MODERATOR', 'Only the host and moderators of this stream can do that.');
const banned = () => forbidden('BANNED_FROM_STREAM', 'You were banned from this stream.');

export interface LiveChatDeps {
  db: Database;
  cache: Cache;
  streams: LiveService;
  accounts: Accounts;
  blocks: ChatBlocks;
  updates: LiveUpdates;
  log: Logger;
}

/** A stream's chat and its moderation: messages, deletes, mutes, bans, moderators and slow mode. */
export class LiveChatService {
  readonly #deps: LiveChatDeps;

  constructor(deps: LiveChatDeps) {
    this.#deps = deps;
  }

  /** The viewer's standing in a stream they may see; 404 STREAM_NOT_FOUND otherwise. */
  async standing(viewerId: string, streamId: string): Promise<ViewerStanding> {
    const stream = await this.#deps.streams.watchable(viewerId, streamId);
    if (stream.host_id === viewerId) return { stream, role: 'host', muted: false, banned: false };
    const standing = await new ChatStore(this.#deps.db).standing(stream.id, viewerId);
    return {
      stream,
      role: standing.moderator ? 'moderator' : 'viewer',
      muted: standing.muted,
      banned: standing.banned,
    };
  }

  /** The last messages, oldest first, none by accounts the viewer blocked or was blocked by. */
  async history(viewerId: string, streamId: string, hidden?: ReadonlySet<string>): Promise<ChatMessage[]> {
    const { stream, banned: isBanned } = await this.standing(viewerId, streamId);
    if (isBanned) throw banned();
    const hiddenAuthors = hidden ? [...hidden] : await this.#deps.blocks.blockedEitherWay(viewerId);
    const rows = await new ChatStore(this.#deps.db).recent(stream.id, hiddenAuthors, LIVE_ROOM.chatHistory);
    return this.#present(rows);
  }

  async post(authorId: string, streamId: string, text: string): Promise<ChatMessage> {
    const { stream, role, muted, banned: isBanned } = await this.standing(authorId, streamId);
    const trimmed = text.trim();
    if (trimmed.length === 0 || [...trimmed].length > TEXT_LIMITS.liveChat) {
      throw badRequest('INVALID_CHAT_MESSAGE', `A chat message has 1 to ${TEXT_LIMITS.liveChat} characters.`);
    }
    if (isBanned) throw banned();
    if (muted) throw forbidden('MUTED_IN_STREAM', 'You were muted in this stream.');
    if (stream.status !== 'live') throw conflict('STREAM_NOT_LIVE', 'Chat is open only while the stream is live.');
    if (role === 'viewer') await this.#keepSlowMode(stream, authorId);
    const row = await new ChatStore(this.#deps.db).insert({
      id: randomUUID(),
      streamId: stream.id,
      authorId,
      text: trimmed,
    });
    const [message] = await this.#present([row]);
    if (!message) throw new Error('a chat message without its author');
    await this.#toRoom(stream.id, { type: 'live_chat', stream_id: stream.id, message });
    return message;
  }

  /** The host and moderators delete any message; its author their own. */
  async remove(viewerId: string, streamId: string, messageId: string): Promise<void> {
    const { stream, role } = await this.standing(viewerId, streamId);
    const store = new ChatStore(this.#deps.db);
    const message = await store.find(stream.id, messageId);
    if (!message) throw notFound('CHAT_MESSAGE_NOT_FOUND', 'There is no such message in this stream.');
    if (role === 'viewer' && message.author_id !== viewerId) throw notModerator();
    if (await store.markDeleted(stream.id, messageId)) {
      await this.#toRoom(stream.id, { type: 'live_chat_deleted', stream_id: stream.id, message_id: messageId });
    }
  }

  async moderate(viewerId: string, streamId: string, targetId: string, action: ModerationAction): Promise<void> {
    const { stream, role } = await this.standing(viewerId, streamId);
    if (role === 'viewer' || (role === 'moderator' && !MODERATOR_ACTIONS.has(action))) throw notModerator();
    if (targetId === stream.host_id) {
      if (role === 'host') throw badRequest('CANNOT_MODERATE_HOST', 'The host cannot be muted, banned or moderated.');
      throw notModerator();
    }
    if (!(await this.#deps.accounts.getUsers([targetId])).has(targetId)) {
      throw notFound('USER_NOT_FOUND', 'There is no such account.');
    }
    const store = new ChatStore(this.#deps.db);
    if (role === 'moderator' && (await store.standing(stream.id, targetId)).moderator) throw notModerator();
    const change = CHANGES[action];
    await store.setStanding(stream.id, targetId, change.standing, change.value);
    if (action === 'ban') {
      await store.setStanding(stream.id, targetId, 'moderator', false);
      await this.#toRoom(stream.id, { type: BANNED_FROM_ROOM, stream_id: stream.id, user_id: targetId });
    }
    if (change.told) {
      await this.#deps.updates
        .toUser(targetId, { type: 'live_moderation', stream_id: stream.id, action: change.told })
        .catch((error: unknown) => this.#deps.log.warn({ err: error, streamId: stream.id }, 'moderation not told'));
    }
  }

  async setSlowMode(viewerId: string, streamId: string, seconds: number): Promise<number> {
    const { stream, role } = await this.standing(viewerId, streamId);
    if (role === 'viewer') throw notModerator();
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > LIVE_ROOM.maxSlowModeSeconds) {
      throw badRequest('INVALID_SLOW_MODE', `Slow mode is 0 to ${LIVE_ROOM.maxSlowModeSeconds} seconds.`);
    }
    await new ChatStore(this.#deps.db).setSlowMode(stream.id, seconds);
    await this.#toRoom(stream.id, { type: 'live_slow_mode', stream_id: stream.id, seconds });
    return seconds;
  }

  /** In slow mode a viewer writes one message per period: the first one takes the period's slot. */
  async #keepSlowMode(stream: LiveStreamRow, authorId: string): Promise<void> {
    const periodMs = stream.slow_mode_seconds * 1000;
    if (periodMs === 0) return;
    const key = slowModeKey(stream.id, authorId);
    const now = Date.now();
    if (await this.#deps.cache.setIfAbsent(key, String(now), periodMs)) return;
    const since = Number(await this.#deps.cache.get(key)) || now;
    const retryAfterSeconds = Math.max(1, Math.ceil((since + periodMs - now) / 1000));
    throw new AppError(429, 'SLOW_MODE', `Slow mode is on: write again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
      retry_after_seconds: retryAfterSeconds,
    });
  }

  async #present(rows: ChatMessageRow[]): Promise<ChatMessage[]> {
    const authors = await this.#deps.accounts.getUsers(rows.map((row) => row.author_id));
    return rows.map((row) => ({
      id: row.id,
      text: row.text,
      created_at: new Date(row.created_at).toISOString(),
      author: summaryOrDeleted(authors.get(row.author_id), row.author_id),
    }));
  }

  async #toRoom(streamId: string, frame: Record<string, unknown>): Promise<void> {
    await this.#deps.cache
      .publish(streamChannel(streamId), JSON.stringify(frame))
      .catch((error: unknown) => this.#deps.log.warn({ err: error, streamId }, 'room frame not published'));
  }
}
