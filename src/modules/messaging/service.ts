import { randomUUID } from 'node:crypto';
import { TEXT_LIMITS } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { PublicUser } from '../accounts/service.ts';
import type { LiveUpdates } from '../notifications/live-updates.ts';
import type { VideoResponse } from '../videos/presenter.ts';
import { type MessageSentData, MessagingEvents } from './events.ts';
import { assertMayMessage, type SocialGraph } from './policy.ts';
import {
  type ConversationResponse,
  type MessageContext,
  type MessageResponse,
  toConversationResponse,
  toMessageResponse,
} from './presenter.ts';
import { type ConversationRow, type MemberRow, type MessageRow, MessagingStore } from './store.ts';
import { normalizeMessageText, normalizeTitle } from './text.ts';

/** What messaging needs from other modules. */
export interface MessagingDeps {
  db: Database;
  events: EventStream;
  accounts: {
    getUsers(ids: readonly string[]): Promise<Map<string, PublicUser>>;
    getUsersByUsernames(usernames: readonly string[]): Promise<Map<string, PublicUser>>;
  };
  graph: SocialGraph;
  videos: {
    get(id: string, viewerId: string | null): Promise<VideoResponse>;
    listByIds(ids: readonly string[], viewerId: string | null): Promise<VideoResponse[]>;
  };
  live: LiveUpdates;
  log: Logger;
}

export interface Page<T> {
  items: T[];
  /** The seq to continue below; null at the end. */
  next: string | null;
}

function conversationNotFound() {
  return notFound('CONVERSATION_NOT_FOUND', 'That conversation does not exist.');
}

/** Rows fetched with one extra → the page and the seq to continue below (null at the end). */
function page<T>(rows: T[], limit: number, seqOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? seqOf(last) : null };
}

/**
 * Direct messages: 1:1 and group conversations. A message is stored first (with its MessageSent event, for Web
 * Push), then published to every member's live channel; a non-member is told the conversation does not exist.
 */
export class MessagingService {
  readonly #db: Database;
  readonly #store: MessagingStore;
  readonly #deps: MessagingDeps;

  constructor(deps: MessagingDeps) {
    this.#db = deps.db;
    this.#store = new MessagingStore(deps.db);
    this.#deps = deps;
  }

  /** One other person: their 1:1, found or created. More: a new group. */
  async open(
    creatorId: string,
    input: { member_usernames: string[]; title?: string | undefined },
  ): Promise<{ conversation: ConversationResponse; created: boolean }> {
    const names = [...new Set(input.member_usernames.map((name) => name.trim().toLowerCase()))];
    if (names.length > TEXT_LIMITS.conversationMembers) throw tooManyMembers();
    const found = await this.#deps.accounts.getUsersByUsernames(names);
    const missing = names.find((name) => !found.has(name));
    if (missing !== undefined) throw notFound('USER_NOT_FOUND', `There is no account named "${missing}".`);
    const others = [...found.values()].filter((user) => user.id !== creatorId);
    if (others.length === 0) throw badRequest('MEMBERS_REQUIRED', 'Name at least one other person to talk to.');
    if (others.length + 1 > TEXT_LIMITS.conversationMembers) throw tooManyMembers();
    const title = normalizeTitle(input.title);

    const directKey = others.length === 1 ? [creatorId, others[0]?.id].sort().join(':') : null;
    const existing = directKey ? await this.#store.findDirect(directKey) : null;
    await assertMayMessage(this.#deps.graph, creatorId, others, (id) =>
      existing ? this.#store.hasWritten(existing.id, id) : Promise.resolve(false),
    );
    if (existing) return { conversation: await this.get(existing.id, creatorId), created: false };

    const id = randomUUID();
    const created = await this.#db.transaction(async (tx) => {
      const store = new MessagingStore(tx);
      const inserted = await store.insertConversation({
        id,
        kind: directKey ? 'direct' : 'group',
        title: directKey ? null : title,
        direct_key: directKey,
        created_by: creatorId,
      });
      if (inserted) await store.insertMembers(id, [creatorId, ...others.map((user) => user.id)]);
      return inserted;
    });
    // Lost a race to create the same 1:1: the other request's conversation is the one.
    const conversationId = created ? id : ((await this.#store.findDirect(directKey ?? ''))?.id ?? id);
    return { conversation: await this.get(conversationId, creatorId), created };
  }

  async get(conversationId: string, userId: string): Promise<ConversationResponse> {
    const row = await this.#store.findForMember(conversationId, userId);
    if (!row) throw conversationNotFound();
    const [conversation] = await this.#presentConversations([row], userId);
    return conversation as ConversationResponse;
  }

  async list(userId: string, beforeSeq: string | null, limit: number): Promise<Page<ConversationResponse>> {
    const rows = await this.#store.listForMember(userId, beforeSeq, limit + 1);
    const { items, next } = page(rows, limit, (row) => row.activity_seq);
    return { items: await this.#presentConversations(items, userId), next };
  }

  async history(
    conversationId: string,
    userId: string,
    beforeSeq: string | null,
    limit: number,
  ): Promise<Page<MessageResponse>> {
    await this.#member(conversationId, userId);
    const rows = await this.#store.history(conversationId, beforeSeq, limit + 1);
    const { items, next } = page(rows, limit, (row) => row.seq);
    const members = await this.#store.members([conversationId]);
    const context = await this.#context(items, members, userId);
    return { items: items.map((row) => toMessageResponse(row, context)), next };
  }

  async send(
    conversationId: string,
    senderId: string,
    input: { text?: string | undefined; video_id?: string | undefined },
  ): Promise<MessageResponse> {
    const conversation = await this.#member(conversationId, senderId);
    const text = normalizeMessageText(input.text, input.video_id !== undefined);
    if (input.video_id !== undefined) {
      const video = await this.#deps.videos.get(input.video_id, senderId);
      if (video.status !== 'ready') throw badRequest('VIDEO_NOT_READY', 'Share a video once it is ready.');
    }
    const members = await this.#store.members([conversationId]);
    const recipientIds = members.map((member) => member.user_id).filter((id) => id !== senderId);
    if (conversation.kind === 'direct') {
      const recipients = [...(await this.#deps.accounts.getUsers(recipientIds)).values()];
      await assertMayMessage(this.#deps.graph, senderId, recipients, (id) =>
        this.#store.hasWritten(conversationId, id),
      );
    }

    const row = await this.#db.transaction(async (tx) => {
      const store = new MessagingStore(tx);
      const message = await store.insertMessage({
        id: randomUUID(),
        conversation_id: conversationId,
        sender_id: senderId,
        text,
        video_id: input.video_id ?? null,
      });
      await store.touchConversation(conversationId, message);
      await store.markRead(conversationId, senderId, message.seq);
      const data: MessageSentData = {
        message_id: message.id,
        conversation_id: conversationId,
        sender_id: senderId,
        recipient_ids: recipientIds,
        conversation_title: conversation.title,
        kind: conversation.kind,
      };
      await this.#deps.events.publish(createEvent(MessagingEvents.messageSent, data), tx);
      return message;
    });
    const sent = members.map((member) =>
      member.user_id === senderId ? { ...member, last_read_seq: row.seq } : member,
    );
    return this.#fanOut(row, sent, senderId);
  }

  /** Read receipts: `userId` has read up to `messageId`. Answers this conversation's unread count. */
  async markRead(conversationId: string, userId: string, messageId: string): Promise<number> {
    await this.#member(conversationId, userId);
    const message = await this.#store.findMessage(conversationId, messageId);
    if (!message) throw notFound('MESSAGE_NOT_FOUND', 'That message is not in this conversation.');
    if (await this.#store.markRead(conversationId, userId, message.seq)) {
      const members = await this.#store.members([conversationId]);
      const update = { type: 'read', conversation_id: conversationId, user_id: userId, message_id: messageId };
      await this.#publish(
        members.map((member) => member.user_id),
        () => update,
      );
    }
    return (await this.#store.unreadCounts(userId, [conversationId])).get(conversationId) ?? 0;
  }

  async #member(conversationId: string, userId: string): Promise<ConversationRow> {
    const row = await this.#store.findForMember(conversationId, userId);
    if (!row) throw conversationNotFound();
    return row;
  }

  /** Each member gets the message as they may see it: a shared video depends on who looks. Returns the sender's. */
  async #fanOut(row: MessageRow, members: MemberRow[], senderId: string): Promise<MessageResponse> {
    const context = await this.#context([row], members, senderId);
    const own = toMessageResponse(row, context);
    const viewOf = async (userId: string): Promise<MessageResponse> => {
      if (userId === senderId || !row.video_id) return own;
      const [video] = await this.#deps.videos.listByIds([row.video_id], userId);
      return { ...own, video: video ?? null };
    };
    await Promise.all(
      members.map(async (member) => {
        const message = await viewOf(member.user_id);
        await this.#publish([member.user_id], () => ({ type: 'message', message }));
      }),
    );
    return own;
  }

  /** Best effort: the message is stored, so a client that missed the live frame finds it in the history. */
  async #publish(userIds: string[], updateFor: (userId: string) => { type: string; [field: string]: unknown }) {
    await Promise.all(
      userIds.map((userId) =>
        this.#deps.live
          .toUser(userId, updateFor(userId))
          .catch((error: unknown) => this.#deps.log.warn({ err: error }, 'a live message update was not published')),
      ),
    );
  }

  async #context(
    rows: readonly MessageRow[],
    members: readonly MemberRow[],
    viewerId: string,
  ): Promise<MessageContext> {
    const videoIds = [...new Set(rows.flatMap((row) => (row.video_id ? [row.video_id] : [])))];
    const [users, videos] = await Promise.all([
      this.#deps.accounts.getUsers([...rows.map((row) => row.sender_id), ...members.map((member) => member.user_id)]),
      videoIds.length > 0 ? this.#deps.videos.listByIds(videoIds, viewerId) : Promise.resolve([]),
    ]);
    return { users, videos: new Map(videos.map((video) => [video.id, video])), members };
  }

  async #presentConversations(rows: ConversationRow[], userId: string): Promise<ConversationResponse[]> {
    const ids = rows.map((row) => row.id);
    const [members, unread, lastMessages] = await Promise.all([
      this.#store.members(ids),
      this.#store.unreadCounts(userId, ids),
      this.#store.messagesByIds(rows.flatMap((row) => (row.last_message_id ? [row.last_message_id] : []))),
    ]);
    const context = await this.#context(lastMessages, members, userId);
    const byId = new Map(lastMessages.map((message) => [message.id, message]));
    return rows.map((row) =>
      toConversationResponse(
        row,
        context,
        row.last_message_id ? (byId.get(row.last_message_id) ?? null) : null,
        unread.get(row.id) ?? 0,
      ),
    );
  }
}

function tooManyMembers() {
  return badRequest(
    'TOO_MANY_MEMBERS',
    `A conversation has at most ${TEXT_LIMITS.conversationMembers} people, you included.`,
  );
}
