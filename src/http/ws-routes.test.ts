import Fastify, { type FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLiveUpdates } from '../modules/notifications/live-updates.ts';
import { createMemoryCache } from '../platform/cache/memory-cache.ts';
import { unauthorized } from '../platform/errors.ts';
import { WebSocketHub } from './ws-hub.ts';
import { registerLiveSocketRoute } from './ws-routes.ts';

const key = new TextEncoder().encode('k'.repeat(32));
const token = (userId: string, expiresInSeconds = 600) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(key);

/** A client of the `ws` package, which (unlike a browser) can be told not to answer pings. */
function client(url: string, options: { autoPong?: boolean } = {}) {
  const socket = new WebSocket(url, options);
  const frames: Array<{ type: string; [field: string]: unknown }> = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise((resolve) => socket.on('open', resolve));
  const waitFor = async (type: string) => {
    for (let i = 0; i < 100 && !frames.some((frame) => frame.type === type); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return frames.find((frame) => frame.type === type);
  };
  return { socket, frames, closed, opened, waitFor };
}

describe('the live socket', () => {
  let app: FastifyInstance;
  let hub: WebSocketHub;
  let base: string;
  const cache = createMemoryCache();
  const live = createLiveUpdates(cache);

  beforeAll(async () => {
    const log = pino({ level: 'silent' });
    app = Fastify();
    hub = new WebSocketHub(cache, log, 3);
    await registerLiveSocketRoute(app, {
      hub,
      verify: async (raw) => {
        const [, payload] = raw.split('.');
        const sub = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString() || '{}').sub;
        if (typeof sub !== 'string') throw unauthorized('INVALID_TOKEN', 'no');
        return { userId: sub, username: sub };
      },
      pingIntervalMs: 100,
      authTimeoutMs: 300,
      maxFrameBytes: 256,
      // The WebSocket server takes bigger frames (another route's): this route refuses them itself.
      largestFrameBytes: 4096,
      log,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `ws://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/ws`;
  });
  afterAll(async () => {
    await app?.close();
    await cache.close();
  });

  it('copies what is published to an account’s channel to each of its sockets, and to no one else', async () => {
    const [one, two, other] = [
      client(`${base}?token=${await token('u1')}`),
      client(`${base}?token=${await token('u1')}`),
      client(`${base}?token=${await token('u2')}`),
    ];
    for (const socket of [one, two, other]) await socket.waitFor('ready');
    expect(hub.onlineUsers).toBe(2);
    await live.toUser('u1', { type: 'notification', n: 1 });
    expect(await one.waitFor('notification')).toEqual({ type: 'notification', n: 1 });
    expect(await two.waitFor('notification')).toEqual({ type: 'notification', n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(other.frames.map((frame) => frame.type)).toEqual(['ready']);
    for (const socket of [one, two, other]) socket.socket.close();
    await Promise.all([one.closed, two.closed, other.closed]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.onlineUsers).toBe(0);
  });

  it('drops a socket that stops answering pings, and keeps one that answers', async () => {
    const silent = client(`${base}?token=${await token('u3')}`, { autoPong: false });
    const lively = client(`${base}?token=${await token('u4')}`);
    await Promise.all([silent.waitFor('ready'), lively.waitFor('ready')]);
    expect((await silent.closed).code).toBe(1006);
    expect(lively.socket.readyState).toBe(WebSocket.OPEN);
    lively.socket.close();
  });

  it('closes an unauthenticated socket after the deadline, and one that sends an oversized frame', async () => {
    const waiting = client(base);
    expect(await waiting.closed).toEqual({ code: 4401, reason: 'AUTH_REQUIRED' });
    const big = client(`${base}?token=${await token('u5')}`);
    await big.waitFor('ready');
    big.socket.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(300) }));
    expect((await big.closed).code).toBe(1009);
  });

  it('refuses an account more sockets on one node than it may have', async () => {
    const sockets = await Promise.all([1, 2, 3].map(async () => client(`${base}?token=${await token('u8')}`)));
    await Promise.all(sockets.map((socket) => socket.waitFor('ready')));
    const fourth = client(`${base}?token=${await token('u8')}`);
    expect(await fourth.closed).toEqual({ code: 1008, reason: 'TOO_MANY_SOCKETS' });
    for (const socket of sockets) socket.socket.close();
  });

  it('closes when the token expires unless the client renews it first', async () => {
    const expiring = client(`${base}?token=${await token('u6', 2)}`);
    const renewed = client(`${base}?token=${await token('u7', 2)}`);
    await Promise.all([expiring.waitFor('ready'), renewed.waitFor('ready')]);
    renewed.socket.send(JSON.stringify({ type: 'auth', token: await token('u7', 60) }));
    expect(await expiring.closed).toEqual({ code: 4401, reason: 'TOKEN_EXPIRED' });
    renewed.socket.send(JSON.stringify({ type: 'ping' }));
    expect(await renewed.waitFor('pong')).toEqual({ type: 'pong' });
    renewed.socket.close();
  });
});
