import type { Cache } from '../../platform/cache/cache.ts';

/** A frame for a signed-in account's open apps: `{type, …}`, sent as JSON over the WebSocket. */
export interface LiveUpdate {
  type: string;
  [field: string]: unknown;
}

/** The pub/sub channel of one account; the WebSocket hub of every api node subscribes while the account is on it. */
export function userChannel(userId: string): string {
  return `live:user:${userId}`;
}

/**
 * How any module reaches an account in real time. It publishes to the account's channel (Redis pub/sub across
 * nodes, in-process otherwise) and never touches a socket, so the path is the same on one node or many.
 * Fire and forget: an account with no socket open anywhere simply gets nothing.
 */
export interface LiveUpdates {
  toUser(userId: string, update: LiveUpdate): Promise<void>;
}

export function createLiveUpdates(cache: Cache): LiveUpdates {
  return {
    toUser: (userId, update) => cache.publish(userChannel(userId), JSON.stringify(update)),
  };
}
