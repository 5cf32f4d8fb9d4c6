import { userChannel } from '../modules/notifications/live-updates.ts';
import type { Cache, Unsubscribe } from '../platform/cache/cache.ts';
import type { Logger } from '../platform/logger.ts';

/** The part of a socket the hub uses: it only ever sends text frames. */
export interface LiveSocket {
  send(frame: string): void;
}

/** Thrown by `attach` when the account already has as many sockets on this node as it may. */
export class TooManySockets extends Error {}

interface UserEntry {
  sockets: Set<LiveSocket>;
  subscription: Promise<Unsubscribe>;
}

/**
 * This api node's open sockets, by account. While an account has a socket here, the node holds one subscription
 * to the account's channel (see live-updates.ts) and copies every frame published there to each of its sockets.
 * Producers only publish to the channel, so a frame reaches the account wherever its sockets are.
 */
export class WebSocketHub {
  readonly #cache: Cache;
  readonly #log: Logger;
  readonly #maxSocketsPerAccount: number;
  readonly #users = new Map<string, UserEntry>();

  constructor(cache: Cache, log: Logger, maxSocketsPerAccount: number) {
    this.#cache = cache;
    this.#log = log;
    this.#maxSocketsPerAccount = maxSocketsPerAccount;
  }

  /** Resolves once the account's channel is subscribed (every later frame reaches the socket); returns detach. */
  async attach(userId: string, socket: LiveSocket): Promise<() => void> {
    let entry = this.#users.get(userId);
    if (entry && entry.sockets.size >= this.#maxSocketsPerAccount) throw new TooManySockets();
    if (!entry) {
      const sockets = new Set<LiveSocket>();
      entry = {
        sockets,
        subscription: this.#cache.subscribe(userChannel(userId), (frame) => {
          for (const target of sockets) target.send(frame);
        }),
      };
      this.#users.set(userId, entry);
    }
    const owner = entry;
    owner.sockets.add(socket);
    try {
      await owner.subscription;
    } catch (error) {
      owner.sockets.delete(socket);
      if (this.#users.get(userId) === owner) this.#users.delete(userId);
      throw error;
    }
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      owner.sockets.delete(socket);
      if (owner.sockets.size > 0 || this.#users.get(userId) !== owner) return;
      this.#users.delete(userId);
      owner.subscription
        .then((unsubscribe) => unsubscribe())
        .catch((error: unknown) => this.#log.warn({ err: error }, 'unsubscribing a live channel failed'));
    };
  }

  /** Accounts with a socket on this node (for metrics and tests). */
  get onlineUsers(): number {
    return this.#users.size;
  }
}
