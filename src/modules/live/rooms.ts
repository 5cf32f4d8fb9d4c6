import { LIVE_ROOM } from '../../config.ts';
import type { RoomFrame, SocketFrameHandlers, SocketSession, WebSocketHub } from '../../http/ws-hub.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { BANNED_FROM_ROOM, type ChatBlocks, type LiveChatService, type ViewerStanding } from './chat.ts';
import type { Presence } from './presence.ts';
import { streamChannel } from './service.ts';
import { StatsStore } from './stats-store.ts';
import type { LiveStreamRow } from './store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Member {
  userId: string;
  session: SocketSession;
  leave: () => void;
}

/** One stream's room on this node: its local members and what presence last counted across nodes. */
interface Room {
  streamId: string;
  hostId: string;
  members: Set<Member>;
  /** The first presence window this node added the room's viewers to: earlier totals lack them. */
  firstWindow: number | null;
  addedWindow: number;
  readWindow: number;
  now: number | null;
  peak: number;
}

export interface LiveRoomsDeps {
  hub: WebSocketHub;
  chat: LiveChatService;
  blocks: ChatBlocks;
  presence: Presence;
  db: Database;
  log: Logger;
}

/**
 * Stream rooms on this api node (`live_join` / `live_leave` over /v1/ws, protocol in docs/api.md). The hub holds
 * one subscription per room with members here and copies its frames to them; this adds who may join, what each
 * member may see (no chat of accounts they blocked or were blocked by), and presence: every LIVE_ROOM.presenceTickMs
 * each room adds its viewers here to the stream's count (presence.ts), and once a window, when the total of all
 * nodes changed, tells its members in a `live_viewers` frame and raises the stream's peak.
 */
export class LiveRooms {
  readonly #rooms = new Map<string, Room>();
  /** The rooms each socket is in, by stream. */
  readonly #joined = new WeakMap<SocketSession, Map<string, Member>>();
  #ticker: NodeJS.Timeout | undefined;
  #ticking = false;

  readonly #deps: LiveRoomsDeps;

  constructor(deps: LiveRoomsDeps) {
    this.#deps = deps;
  }

  /** The socket frames rooms answer, for the WebSocket route. */
  get frames(): SocketFrameHandlers {
    return {
      live_join: (session, frame) => this.#join(session, frame.stream_id),
      live_leave: async (session, frame) => {
        if (typeof frame.stream_id === 'string') this.#joined.get(session)?.get(frame.stream_id)?.leave();
      },
    };
  }

  start(): void {
    this.#ticker ??= setInterval(() => void this.#tick(), LIVE_ROOM.presenceTickMs);
    this.#ticker.unref();
  }

  stop(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  /** Sockets in rooms on this node (for tests and metrics). */
  membersOf(streamId: string): number {
    return this.#rooms.get(streamId)?.members.size ?? 0;
  }

  async #join(session: SocketSession, rawId: unknown): Promise<void> {
    const streamId = typeof rawId === 'string' && UUID.test(rawId) ? rawId.toLowerCase() : null;
    const refuse = (code: string) =>
      session.socket.send(
        JSON.stringify({ type: 'live_error', stream_id: typeof rawId === 'string' ? rawId : null, code }),
      );
    if (streamId === null) return refuse('STREAM_NOT_FOUND');
    const joined = this.#joined.get(session) ?? new Map<string, Member>();
    this.#joined.set(session, joined);
    if (!joined.has(streamId) && joined.size >= LIVE_ROOM.maxRoomsPerSocket) return refuse('TOO_MANY_ROOMS');
    let standing: ViewerStanding;
    try {
      standing = await this.#deps.chat.standing(session.userId, streamId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return refuse('STREAM_NOT_FOUND');
      throw error;
    }
    if (standing.banned) return refuse('BANNED_FROM_STREAM');
    const { stream } = standing;
    const hidden = new Set(await this.#deps.blocks.blockedEitherWay(session.userId));
    if (!joined.has(streamId)) await this.#enter(session, joined, stream, hidden);

    const room = this.#rooms.get(streamId);
    const chat = await this.#deps.chat.history(session.userId, streamId, hidden);
    const now = Math.max(room?.now ?? (await this.#deps.presence.now(streamId)), room ? this.#localViewers(room) : 0);
    session.socket.send(
      JSON.stringify({
        type: 'live_joined',
        stream_id: streamId,
        viewers: { now, peak: Math.max(now, room?.peak ?? stream.peak_viewers) },
        chat,
        slow_mode_seconds: stream.slow_mode_seconds,
        you: { role: standing.role, muted: standing.muted },
      }),
    );
  }

  /** Puts the socket in the room: subscribed (through the hub) before it returns, out again when it closes. */
  async #enter(
    session: SocketSession,
    joined: Map<string, Member>,
    stream: LiveStreamRow,
    hidden: ReadonlySet<string>,
  ): Promise<void> {
    const { userId } = session;
    const room = this.#roomOf(stream.id, stream.host_id, stream.peak_viewers);
    const member: Member = { userId, session, leave: () => {} };
    room.members.add(member);
    joined.set(stream.id, member);
    const leaveRoom = () => {
      if (joined.get(stream.id) !== member) return;
      joined.delete(stream.id);
      room.members.delete(member);
      if (room.members.size === 0 && this.#rooms.get(stream.id) === room) this.#rooms.delete(stream.id);
    };
    const isHost = userId === stream.host_id;
    let leaveHub: () => void;
    try {
      leaveHub = await this.#deps.hub.join(streamChannel(stream.id), {
        socket: session.socket,
        accepts: (frame) => this.#accepts(member, frame, hidden, isHost),
      });
    } catch (error) {
      leaveRoom();
      throw error;
    }
    member.leave = () => {
      leaveHub();
      leaveRoom();
    };
    session.onClose(member.leave);
    if (!isHost) await new StatsStore(this.#deps.db).addViewer(stream.id, userId);
  }

  #roomOf(streamId: string, hostId: string, peak: number): Room {
    let room = this.#rooms.get(streamId);
    if (!room) {
      room = {
        streamId,
        hostId,
        members: new Set(),
        firstWindow: null,
        addedWindow: -1,
        readWindow: -1,
        now: null,
        peak,
      };
      this.#rooms.set(streamId, room);
    }
    return room;
  }

  #accepts(member: Member, frame: RoomFrame, hidden: ReadonlySet<string>, isHost: boolean): boolean {
    switch (frame.type) {
      case BANNED_FROM_ROOM:
        if (frame.user_id === member.userId) queueMicrotask(member.leave);
        return false;
      case 'live_chat': {
        const message = frame.message as { author?: { id?: unknown } } | undefined;
        return !hidden.has(String(message?.author?.id));
      }
      case 'live_gift': {
        // The host hears gifts on their own channel (LiveService.sendGift), in the room or not.
        const from = frame.from as { id?: unknown } | null | undefined;
        return !isHost && !hidden.has(String(from?.id));
      }
      default:
        return true;
    }
  }

  /** Distinct accounts watching here, the host not counted. */
  #localViewers(room: Room): number {
    const viewers = new Set<string>();
    for (const member of room.members) if (member.userId !== room.hostId) viewers.add(member.userId);
    return viewers.size;
  }

  async #tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      const time = Date.now();
      const window = this.#deps.presence.windowAt(time);
      const settled = this.#deps.presence.phaseAt(time) >= 0.5;
      await Promise.all(
        [...this.#rooms.values()].map((room) =>
          this.#count(room, window, settled).catch((error: unknown) =>
            this.#deps.log.warn({ err: error, streamId: room.streamId }, 'live presence not counted'),
          ),
        ),
      );
    } finally {
      this.#ticking = false;
    }
  }

  async #count(room: Room, window: number, settled: boolean): Promise<void> {
    if (room.addedWindow !== window) {
      room.addedWindow = window;
      room.firstWindow ??= window;
      await this.#deps.presence.add(room.streamId, window, this.#localViewers(room));
    }
    // Halfway through a window, every node has added its count to the one before.
    if (!settled || room.readWindow === window || room.firstWindow === null || room.firstWindow >= window) return;
    room.readWindow = window;
    const now = await this.#deps.presence.total(room.streamId, window - 1);
    if (now === room.now) return;
    room.now = now;
    if (now > room.peak) {
      room.peak = now;
      await new StatsStore(this.#deps.db).raisePeak(room.streamId, now);
    }
    const frame = JSON.stringify({ type: 'live_viewers', stream_id: room.streamId, now, peak: room.peak });
    for (const member of room.members) member.session.socket.send(frame);
  }
}
