import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import type { RawData, WebSocket } from 'ws';
import { AppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { Viewer } from './auth.ts';
import {
  parseFrameText,
  type RoomFrame,
  type SocketFrameHandlers,
  type SocketSession,
  TooManySockets,
  type WebSocketHub,
} from './ws-hub.ts';

/** Close code for a missing, bad or expired token: the client refreshes it and reconnects. */
export const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_INTERNAL = 1011;
const CLOSE_POLICY = 1008;
const CLOSE_TOO_BIG = 1009;
/** A reader this far behind is dropped rather than buffered for without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface LiveSocketOptions {
  hub: WebSocketHub;
  verify: (token: string) => Promise<Viewer>;
  pingIntervalMs: number;
  authTimeoutMs: number;
  maxFrameBytes: number;
  /** Frames other modules answer once the socket is authenticated (stream rooms). */
  frames?: SocketFrameHandlers;
  /**
   * The largest frame any WebSocket route of the app takes (the browser ingest's chunks): the cap of the one
   * WebSocket server they share. This route still closes on a frame over `maxFrameBytes`.
   */
  largestFrameBytes?: number;
  log: Logger;
}

/** The access token must not reach the request log. */
function withoutToken(url: string): string {
  return url.replace(/([?&]token=)[^&]*/g, '$1…');
}

/** `GET /v1/ws`: the live-updates WebSocket (see docs/api.md). A plain GET answers 426. */
export async function registerLiveSocketRoute(app: FastifyInstance, options: LiveSocketOptions): Promise<void> {
  const maxPayload = Math.max(options.maxFrameBytes, options.largestFrameBytes ?? 0);
  await app.register(websocket, { options: { maxPayload } });
  app.route<{ Querystring: { token?: string } }>({
    method: 'GET',
    url: '/v1/ws',
    schema: { hide: true },
    logSerializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: withoutToken(req.url) }),
    },
    handler: async () => {
      throw new AppError(426, 'UPGRADE_REQUIRED', 'Connect to this address with a WebSocket.');
    },
    wsHandler: (socket, request) => {
      const token = typeof request.query.token === 'string' ? request.query.token : undefined;
      serveLiveSocket(socket, token, options);
    },
  });
}

function frameLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength;
}

function parseFrame(data: RawData, isBinary: boolean): RoomFrame | null {
  return isBinary ? null : parseFrameText(data.toString());
}

/** One socket: authenticate (query or first frame), attach to the hub, keep alive, renew or expire the token. */
function serveLiveSocket(socket: WebSocket, queryToken: string | undefined, options: LiveSocketOptions): void {
  let userId: string | null = null;
  let detach: (() => void) | null = null;
  let session: SocketSession | null = null;
  const cleanups: (() => void)[] = [];
  let closed = false;
  let answeredPing = true;
  let expiry: NodeJS.Timeout | undefined;

  const send = (frame: string) => {
    if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  const close = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    socket.close(code, reason);
  };
  const hubSocket = {
    send(frame: string) {
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) socket.terminate();
      else send(frame);
    },
  };

  const authTimer = setTimeout(() => close(CLOSE_UNAUTHORIZED, 'AUTH_REQUIRED'), options.authTimeoutMs);
  const keepalive = setInterval(() => {
    if (!answeredPing) {
      socket.terminate();
      return;
    }
    answeredPing = false;
    socket.ping();
  }, options.pingIntervalMs);
  socket.on('pong', () => {
    answeredPing = true;
  });

  const authenticate = async (token: unknown) => {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      close(CLOSE_UNAUTHORIZED, 'INVALID_TOKEN');
      return;
    }
    let viewer: Viewer;
    try {
      viewer = await options.verify(token);
    } catch (error) {
      close(CLOSE_UNAUTHORIZED, error instanceof AppError ? error.code : 'INVALID_TOKEN');
      return;
    }
    if (userId !== null && viewer.userId !== userId) {
      close(CLOSE_UNAUTHORIZED, 'ACCOUNT_CHANGED');
      return;
    }
    clearTimeout(authTimer);
    clearTimeout(expiry);
    const expiresAt = decodeJwt(token).exp;
    if (expiresAt !== undefined) {
      const remaining = Math.min(Math.max(0, expiresAt * 1000 - Date.now()), LONGEST_TIMER_MS);
      expiry = setTimeout(() => close(CLOSE_UNAUTHORIZED, 'TOKEN_EXPIRED'), remaining);
    }
    if (userId !== null) return;
    userId = viewer.userId;
    let attached: () => void;
    try {
      attached = await options.hub.attach(userId, hubSocket);
    } catch (error) {
      if (!(error instanceof TooManySockets)) throw error;
      close(CLOSE_POLICY, 'TOO_MANY_SOCKETS');
      return;
    }
    if (closed) attached();
    else {
      detach = attached;
      session = {
        userId,
        socket: hubSocket,
        onClose(cleanup) {
          if (closed) cleanup();
          else cleanups.push(cleanup);
        },
      };
      send(JSON.stringify({ type: 'ready', user_id: userId }));
    }
  };

  const onFrame = async (frame: ReturnType<typeof parseFrame>) => {
    if (closed) return;
    if (userId === null) {
      if (frame?.type === 'auth') await authenticate(frame.token);
      else close(CLOSE_UNAUTHORIZED, 'AUTH_REQUIRED');
      return;
    }
    if (frame?.type === 'ping') send('{"type":"pong"}');
    else if (frame?.type === 'auth') await authenticate(frame.token);
    else if (frame && session && typeof frame.type === 'string' && Object.hasOwn(options.frames ?? {}, frame.type)) {
      await options.frames?.[frame.type]?.(session, frame);
    }
  };

  // Frames are handled one at a time, so a ping sent right behind the auth frame finds the socket authenticated.
  let queue = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => {
      options.log.error({ err: error }, 'a live socket failed');
      close(CLOSE_INTERNAL, 'INTERNAL');
    });
  };
  socket.on('message', (data, isBinary) => {
    if (frameLength(data) > options.maxFrameBytes) close(CLOSE_TOO_BIG, 'FRAME_TOO_BIG');
    else enqueue(() => onFrame(parseFrame(data, isBinary)));
  });
  socket.on('close', () => {
    closed = true;
    clearTimeout(authTimer);
    clearTimeout(expiry);
    clearInterval(keepalive);
    detach?.();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  if (queryToken !== undefined) enqueue(() => authenticate(queryToken));
}
