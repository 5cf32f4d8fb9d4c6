import { userChannel } from '../modules/notifications/live-updates.ts';
import type { Cache, Unsubscribe } from '../platform/cache/cache.ts';
import type { Logger } from '../platform/logger.ts';

/** The part of a socket the hub uses: it only ever sends text frames. */
export interface LiveSocket {
  send(frame: string): void;
}

/** Thrown by `attach` when the account already has as many sockets on this node as it may. */
export class TooManySockets extends Error {}

/** A frame published to a room's channel, parsed once per node. */
export interface RoomFrame {
  type?: unknown;
  [field: string]: unknown;
}

/** A socket in a room, and which of the room's frames it gets (blocked authors, frames meant for others). */
export interface RoomMember {
  socket: LiveSocket;
  accepts(frame: RoomFrame): boolean;
}

/** An authenticated socket as a frame handler sees it (see `SocketFrameHandlers`). */
export interface SocketSession {
  readonly userId: string;
  /** Sends to this socket only; a reader too far behind is dropped rather than waited for. */
  readonly socket: LiveSocket;
  /** Runs `cleanup` once the socket closes (at once when it already has). */
  onClose(cleanup: () => void): void;
}

/** Client frames other modules answer, by `type` (`live_join`…); handled one at a time per socket. */
export type SocketFrameHandlers = Record<string, (session: SocketSession, frame: RoomFrame) => Promise<void>>;

interface ChannelEntry<T> {
  targets: Set<T>;
  subscription: Promise<Unsubscribe>;
}

/** While a channel has a target on this node, one subscription to it, whose messages go to `deliver`. */
class SharedSubscriptions<T> {
  readonly #cache: Cache;
  readonly #log: Logger;
  readonly #deliver: (targets: ReadonlySet<T>, message: string) => void;
  readonly #entries = new Map<string, ChannelEntry<T>>();

  constructor(cache: Cache, log: Logger, deliver: (targets: ReadonlySet<T>, message: string) => void) {
    this.#cache = cache;
    this.#log = log;
    this.#deliver = deliver;
  }

  get size(): number {
    return this.#entries.size;
  }

  targetsOf(channel: string): number {
    return this.#entries.get(channel)?.targets.size ?? 0;
  }

  /** Resolves once the channel is subscribed (every later message reaches the target); returns the removal. */
  async add(channel: string, target: T): Promise<() => void> {
    let entry = this.#entries.get(channel);
    if (!entry) {
      const targets = new Set<T>();
      entry = { targets, subscription: this.#cache.subscribe(channel, (message) => this.#deliver(targets, message)) };
      this.#entries.set(channel, entry);
    }
    const owner = entry;
    owner.targets.add(target);
    try {
      await owner.subscription;
    } catch (error) {
      owner.targets.delete(target);
      if (owner.targets.size === 0 && this.#entries.get(channel) === owner) this.#entries.delete(channel);
      throw error;
    }
    let present = true;
    return () => {
      if (!present) return;
      present = false;
      owner.targets.delete(target);
      if (owner.targets.size > 0 || this.#entries.get(channel) !== owner) return;
      this.#entries.delete(channel);
      owner.subscription
        .then((unsubscribe) => unsubscribe())
        .catch((error: unknown) => this.#log.warn({ err: error, channel }, 'unsubscribing a live channel failed'));
    };
  }
}

/** A JSON object frame, or null for anything else. */
export function parseFrameText(message: string): RoomFrame | null {
  try {
    const value: unknown = JSON.parse(message);
    return typeof value === 'object' && value !== null ? (value as RoomFrame) : null;
  } catch {
    return null;
  }
}

/**
 * This api node's open sockets, by account and by room. While an account has a socket here, the node holds one
 * subscription to the account's channel (see live-updates.ts) and copies every frame published there to each of its
 * sockets; while a room (a live stream's channel) has a socket here, one subscription to the room's channel, whose
 * frames are parsed once and copied to each member that accepts them. Producers only publish to channels, so a frame
 * reaches its sockets wherever they are. Sending never waits for a reader: a slow one is dropped by its socket.
 */
export class WebSocketHub {
  readonly #maxSocketsPerAccount: number;
  readonly #users: SharedSubscriptions<LiveSocket>;
  readonly #rooms: SharedSubscriptions<RoomMember>;

  constructor(cache: Cache, log: Logger, maxSocketsPerAccount: number) {
    this.#maxSocketsPerAccount = maxSocketsPerAccount;
    this.#users = new SharedSubscriptions(cache, log, (sockets, frame) => {
      for (const socket of sockets) socket.send(frame);
    });
    this.#rooms = new SharedSubscriptions(cache, log, (members, message) => {
      const frame = parseFrameText(message);
      if (frame === null) return;
      for (const member of members) if (member.accepts(frame)) member.socket.send(message);
    });
  }

  /** Resolves once the account's channel is subscribed (every later frame reaches the socket); returns detach. */
  async attach(userId: string, socket: LiveSocket): Promise<() => void> {
    const channel = userChannel(userId);
    if (this.#users.targetsOf(channel) >= this.#maxSocketsPerAccount) throw new TooManySockets();
    return this.#users.add(channel, socket);
  }

  /** Resolves once the room's channel is subscribed (every later frame reaches the member); returns leave. */
  join(channel: string, member: RoomMember): Promise<() => void> {
    return this.#rooms.add(channel, member);
  }

  /** Accounts with a socket on this node (for metrics and tests). */
  get onlineUsers(): number {
    return this.#users.size;
  }

  /** Rooms with a socket on this node, each subscribed once (for metrics and tests). */
  get openRooms(): number {
    return this.#rooms.size;
  }
}
