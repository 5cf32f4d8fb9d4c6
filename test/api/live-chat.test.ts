import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { streamChannel } from '../../src/modules/live/service.ts';
import { type Frame, type LiveSocketClient, liveSocketFor } from '../support/live-socket.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';

const WAIT = { timeout: 15_000, interval: 100 };

type Account = Awaited<ReturnType<typeof signUp>>;

describe('live stream room: chat, moderation, presence, gifts', () => {
  let looply: TestLooply;
  const sockets: LiveSocketClient[] = [];

  beforeAll(async () => {
    looply = await startTestLooply();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await looply?.stop();
  });

  async function socketOf(account: Account): Promise<LiveSocketClient> {
    const socket = await liveSocketFor(looply.url, account.access_token);
    sockets.push(socket);
    return socket;
  }

  /** The first frame matching after those already received. */
  function next(socket: LiveSocketClient, match: (frame: Frame) => boolean): Promise<Frame> {
    const from = socket.frames.length;
    return socket.waitFor((frame) => socket.frames.indexOf(frame) >= from && match(frame));
  }

  /** Sends live_join and resolves with the answer: live_joined or live_error. */
  function join(socket: LiveSocketClient, streamId: string): Promise<Frame> {
    const answer = next(
      socket,
      (frame) => ['live_joined', 'live_error'].includes(frame.type) && frame.stream_id === streamId,
    );
    socket.send({ type: 'live_join', stream_id: streamId });
    return answer;
  }

  /** Sends live_leave; frames of a socket are handled in order, so once the pong is back it has left. */
  async function leave(socket: LiveSocketClient, streamId: string): Promise<void> {
    const pong = next(socket, (frame) => frame.type === 'pong');
    socket.send({ type: 'live_leave', stream_id: streamId });
    socket.send({ type: 'ping' });
    await pong;
  }

  /** A stream on air the way ingest puts it there, without spending a publisher on it. */
  async function onAir(host: Account, visibility = 'public'): Promise<string> {
    const started = await looply.api('/v1/live/start', {
      method: 'POST',
      json: { title: 'Room', visibility },
      token: host.access_token,
    });
    expect(started.status).toBe(201);
    await looply.services.liveStreams.admitPublisher(started.body.stream_key);
    return started.body.stream_id;
  }

  const say = (streamId: string, account: Account, text: string) =>
    looply.api(`/v1/live/${streamId}/chat`, { method: 'POST', json: { text }, token: account.access_token });
  const moderate = (streamId: string, actor: Account, user: Account, action: string) =>
    looply.api(`/v1/live/${streamId}/moderation`, {
      method: 'POST',
      json: { user_id: user.user.id, action },
      token: actor.access_token,
    });
  const chatOf = async (streamId: string, account: Account) =>
    (await looply.api(`/v1/live/${streamId}/chat`, { token: account.access_token })).body;
  const codeOf = (response: { status: number; body: { error?: { code: string } } }) => [
    response.status,
    response.body.error?.code,
  ];

  it('joins a room with its history, fans chat out to everyone in it, and deletes messages', async () => {
    const host = await signUp(looply, 'room_host');
    const ann = await signUp(looply, 'room_ann');
    const ben = await signUp(looply, 'room_ben');
    const streamId = await onAir(host);
    const before = await say(streamId, ann, '  first!  ');
    expect(before.status).toBe(201);
    expect(before.body.message).toMatchObject({ text: 'first!', author: { id: ann.user.id, username: 'room_ann' } });

    const annSocket = await socketOf(ann);
    const benSocket = await socketOf(ben);
    const joined = await join(benSocket, streamId);
    expect(joined).toMatchObject({
      type: 'live_joined',
      slow_mode_seconds: 0,
      you: { role: 'viewer', muted: false },
      chat: [before.body.message],
    });
    expect((await join(annSocket, streamId)).type).toBe('live_joined');

    const heard = next(benSocket, (frame) => frame.type === 'live_chat');
    const hello = await say(streamId, ann, 'hello room');
    expect(hello.status).toBe(201);
    expect(await heard).toEqual({ type: 'live_chat', stream_id: streamId, message: hello.body.message });
    await annSocket.waitFor((frame) => frame.type === 'live_chat' && frame.message.id === hello.body.message.id);
    expect((await chatOf(streamId, ben)).items.map((m: { text: string }) => m.text)).toEqual(['first!', 'hello room']);

    const notYours = await looply.api(`/v1/live/${streamId}/chat/${hello.body.message.id}`, {
      method: 'DELETE',
      token: ben.access_token,
    });
    expect(codeOf(notYours)).toEqual([403, 'NOT_STREAM_MODERATOR']);
    const deleted = next(benSocket, (frame) => frame.type === 'live_chat_deleted');
    const byHost = await looply.api(`/v1/live/${streamId}/chat/${hello.body.message.id}`, {
      method: 'DELETE',
      token: host.access_token,
    });
    expect(byHost.status).toBe(204);
    expect(await deleted).toEqual({
      type: 'live_chat_deleted',
      stream_id: streamId,
      message_id: hello.body.message.id,
    });
    const own = await looply.api(`/v1/live/${streamId}/chat/${before.body.message.id}`, {
      method: 'DELETE',
      token: ann.access_token,
    });
    expect(own.status).toBe(204);
    expect((await chatOf(streamId, ben)).items).toEqual([]);
    const gone = await looply.api(`/v1/live/${streamId}/chat/${before.body.message.id}`, {
      method: 'DELETE',
      token: host.access_token,
    });
    expect(codeOf(gone)).toEqual([404, 'CHAT_MESSAGE_NOT_FOUND']);

    // Leaving stops the frames.
    await leave(annSocket, streamId);
    const benHears = next(benSocket, (frame) => frame.type === 'live_chat');
    await say(streamId, ben, 'ann left');
    await benHears;
    expect(annSocket.frames.filter((frame) => frame.message?.text === 'ann left')).toEqual([]);
  });

  it('refuses blank and too long messages, and chat on streams not live or not visible', async () => {
    const host = await signUp(looply, 'picky_host');
    const fan = await signUp(looply, 'picky_fan');
    const streamId = await onAir(host);
    expect(codeOf(await say(streamId, fan, '   '))).toEqual([400, 'INVALID_CHAT_MESSAGE']);
    expect(codeOf(await say(streamId, fan, ''))).toEqual([400, 'INVALID_CHAT_MESSAGE']);
    expect((await say(streamId, fan, '😀'.repeat(200))).status).toBe(201);
    expect(codeOf(await say(streamId, fan, 'x'.repeat(201)))).toEqual([400, 'VALIDATION_FAILED']);

    const idle = (
      await looply.api('/v1/live/start', { method: 'POST', json: { title: 'Later' }, token: host.access_token })
    ).body.stream_id;
    expect(codeOf(await say(idle, fan, 'anyone?'))).toEqual([409, 'STREAM_NOT_LIVE']);
    const hidden = await onAir(host, 'private');
    expect(codeOf(await say(hidden, fan, 'let me in'))).toEqual([404, 'STREAM_NOT_FOUND']);
    expect((await looply.api(`/v1/live/${hidden}/chat`, { token: fan.access_token })).status).toBe(404);
    expect((await looply.api(`/v1/live/${streamId}/chat`)).status).toBe(401);
    const socket = await socketOf(fan);
    expect(await join(socket, hidden)).toMatchObject({ type: 'live_error', code: 'STREAM_NOT_FOUND' });
    expect(await join(socket, randomUUID())).toMatchObject({ type: 'live_error', code: 'STREAM_NOT_FOUND' });
    expect(await join(socket, 'not-a-stream')).toMatchObject({ type: 'live_error', code: 'STREAM_NOT_FOUND' });
  });

  it('lets the host and moderators mute and ban; a banned viewer leaves the room and cannot join again', async () => {
    const host = await signUp(looply, 'mod_host');
    const mod = await signUp(looply, 'mod_helper');
    const troll = await signUp(looply, 'mod_troll');
    const other = await signUp(looply, 'mod_other');
    const streamId = await onAir(host);
    const trollSocket = await socketOf(troll);
    await join(trollSocket, streamId);

    expect(codeOf(await moderate(streamId, other, troll, 'mute'))).toEqual([403, 'NOT_STREAM_MODERATOR']);
    expect((await moderate(streamId, host, mod, 'add_moderator')).status).toBe(204);
    const modSocket = await socketOf(mod);
    expect((await join(modSocket, streamId)).you).toEqual({ role: 'moderator', muted: false });

    const told = next(trollSocket, (frame) => frame.type === 'live_moderation');
    expect((await moderate(streamId, mod, troll, 'mute')).status).toBe(204);
    expect(await told).toEqual({ type: 'live_moderation', stream_id: streamId, action: 'muted' });
    expect(codeOf(await say(streamId, troll, 'let me talk'))).toEqual([403, 'MUTED_IN_STREAM']);
    expect((await join(trollSocket, streamId)).you).toEqual({ role: 'viewer', muted: true });
    expect((await moderate(streamId, mod, troll, 'unmute')).status).toBe(204);
    expect((await say(streamId, troll, 'thanks')).status).toBe(201);

    // Moderators act on viewers only, and cannot hand out moderation.
    expect(codeOf(await moderate(streamId, mod, host, 'ban'))).toEqual([403, 'NOT_STREAM_MODERATOR']);
    expect(codeOf(await moderate(streamId, mod, other, 'add_moderator'))).toEqual([403, 'NOT_STREAM_MODERATOR']);
    expect((await moderate(streamId, host, other, 'add_moderator')).status).toBe(204);
    expect(codeOf(await moderate(streamId, mod, other, 'mute'))).toEqual([403, 'NOT_STREAM_MODERATOR']);
    expect(codeOf(await moderate(streamId, host, host, 'mute'))).toEqual([400, 'CANNOT_MODERATE_HOST']);
    const nobody = await looply.api(`/v1/live/${streamId}/moderation`, {
      method: 'POST',
      json: { user_id: randomUUID(), action: 'ban' },
      token: host.access_token,
    });
    expect(codeOf(nobody)).toEqual([404, 'USER_NOT_FOUND']);

    const banned = next(trollSocket, (frame) => frame.type === 'live_moderation');
    expect((await moderate(streamId, mod, troll, 'ban')).status).toBe(204);
    expect((await banned).action).toBe('banned');
    // The ban reaches the room before the next message does: the troll is out by then.
    const modHears = next(modSocket, (frame) => frame.type === 'live_chat');
    await say(streamId, mod, 'behave');
    await modHears;
    expect(trollSocket.frames.filter((frame) => frame.message?.text === 'behave')).toEqual([]);
    expect(await join(trollSocket, streamId)).toMatchObject({ type: 'live_error', code: 'BANNED_FROM_STREAM' });
    expect(codeOf(await say(streamId, troll, 'again'))).toEqual([403, 'BANNED_FROM_STREAM']);
    expect((await looply.api(`/v1/live/${streamId}/chat`, { token: troll.access_token })).status).toBe(403);

    expect((await moderate(streamId, host, troll, 'unban')).status).toBe(204);
    expect((await join(trollSocket, streamId)).type).toBe('live_joined');
    expect((await moderate(streamId, host, mod, 'remove_moderator')).status).toBe(204);
    expect(codeOf(await moderate(streamId, mod, troll, 'mute'))).toEqual([403, 'NOT_STREAM_MODERATOR']);
  });

  it('keeps viewers to one message per period in slow mode; the host and moderators are not slowed', async () => {
    const host = await signUp(looply, 'slow_host');
    const fan = await signUp(looply, 'slow_fan');
    const streamId = await onAir(host);
    const socket = await socketOf(fan);
    await join(socket, streamId);
    const slowMode = (account: Account, seconds: number) =>
      looply.api(`/v1/live/${streamId}/slow-mode`, { method: 'PUT', json: { seconds }, token: account.access_token });

    expect(codeOf(await slowMode(fan, 30))).toEqual([403, 'NOT_STREAM_MODERATOR']);
    expect((await slowMode(host, 301)).status).toBe(400);
    const announced = next(socket, (frame) => frame.type === 'live_slow_mode');
    const set = await slowMode(host, 30);
    expect([set.status, set.body]).toEqual([200, { seconds: 30 }]);
    expect(await announced).toEqual({ type: 'live_slow_mode', stream_id: streamId, seconds: 30 });
    expect((await join(socket, streamId)).slow_mode_seconds).toBe(30);

    expect((await say(streamId, fan, 'one')).status).toBe(201);
    const second = await say(streamId, fan, 'two');
    expect(codeOf(second)).toEqual([429, 'SLOW_MODE']);
    expect(second.body.error.details.retry_after_seconds).toBeGreaterThan(0);
    expect(second.body.error.details.retry_after_seconds).toBeLessThanOrEqual(30);
    expect((await say(streamId, host, 'host one')).status).toBe(201);
    expect((await say(streamId, host, 'host two')).status).toBe(201);

    expect((await slowMode(host, 0)).status).toBe(200);
    expect((await say(streamId, fan, 'free again')).status).toBe(201);
  });

  it('never shows chat between accounts that blocked one another, live or in history', async () => {
    const host = await signUp(looply, 'block_host');
    const shy = await signUp(looply, 'block_shy');
    const pest = await signUp(looply, 'block_pest');
    const bystander = await signUp(looply, 'block_by');
    const streamId = await onAir(host);
    expect((await looply.api('/v1/users/block_pest/block', { method: 'POST', token: shy.access_token })).status).toBe(
      200,
    );
    const early = await say(streamId, pest, 'before you came');
    expect(early.status).toBe(201);

    const shySocket = await socketOf(shy);
    const pestSocket = await socketOf(pest);
    const bySocket = await socketOf(bystander);
    expect((await join(shySocket, streamId)).chat).toEqual([]);
    await join(pestSocket, streamId);
    expect((await join(bySocket, streamId)).chat.map((m: { text: string }) => m.text)).toEqual(['before you came']);

    await say(streamId, pest, 'can you hear me');
    await say(streamId, shy, 'quiet here');
    await say(streamId, bystander, 'last word');
    for (const socket of [shySocket, pestSocket]) {
      await socket.waitFor((frame) => frame.message?.text === 'last word');
    }
    await bySocket.waitFor((frame) => frame.message?.text === 'last word');
    const texts = (socket: LiveSocketClient) =>
      socket.frames.filter((frame) => frame.type === 'live_chat').map((frame) => frame.message.text);
    // Frames of one room arrive in order, so by 'last word' anything earlier has arrived.
    expect(texts(shySocket)).toEqual(['quiet here', 'last word']);
    expect(texts(pestSocket)).toEqual(['can you hear me', 'last word']);
    expect(texts(bySocket)).toEqual(['can you hear me', 'quiet here', 'last word']);
    expect((await chatOf(streamId, shy)).items.map((m: { text: string }) => m.text)).toEqual([
      'quiet here',
      'last word',
    ]);
    expect((await chatOf(streamId, pest)).items.map((m: { text: string }) => m.text)).toEqual([
      'before you came',
      'can you hear me',
      'last word',
    ]);
  });

  it('counts viewers now and at peak, gives gifts to every viewer, ends the room and records its stats', async () => {
    const host = await signUp(looply, 'count_host');
    const one = await signUp(looply, 'count_one');
    const two = await signUp(looply, 'count_two');
    const streamId = await onAir(host);
    const viewersOf = async () => (await looply.api(`/v1/live/${streamId}`)).body.viewers;

    const hostSocket = await socketOf(host);
    const oneSocket = await socketOf(one);
    const twoSocket = await socketOf(two);
    expect((await join(hostSocket, streamId)).you.role).toBe('host');
    await join(oneSocket, streamId);
    await join(twoSocket, streamId);
    // A second socket of the same account is the same viewer; the host is not counted.
    const twoAgain = await socketOf(two);
    await join(twoAgain, streamId);
    await oneSocket.waitFor((frame) => frame.type === 'live_viewers' && frame.now === 2);
    await vi.waitFor(async () => expect(await viewersOf()).toEqual({ now: 2, peak: 2 }), WAIT);

    await looply.api('/v1/wallet/purchases', {
      method: 'POST',
      json: { package_id: 'coins-70', idempotency_key: randomUUID() },
      token: one.access_token,
    });
    const gift = await looply.api(`/v1/live/${streamId}/gifts`, {
      method: 'POST',
      json: { gift_id: 'rose', quantity: 3, idempotency_key: randomUUID() },
      token: one.access_token,
    });
    expect(gift.status).toBe(200);
    const expected = { type: 'live_gift', stream_id: streamId, gift_id: 'rose', quantity: 3 };
    for (const socket of [oneSocket, twoSocket, twoAgain, hostSocket]) {
      expect(await socket.waitFor((frame) => frame.type === 'live_gift')).toMatchObject({
        ...expected,
        from: { username: 'count_one' },
      });
    }
    await say(streamId, one, 'so pretty');
    await hostSocket.waitFor((frame) => frame.message?.text === 'so pretty');
    // The host, in the room and on their own channel, gets the gift once.
    expect(hostSocket.frames.filter((frame) => frame.type === 'live_gift')).toHaveLength(1);

    // Only frames from here on: one may have counted 1 before two joined (their joins fell in different windows).
    const dropped = next(oneSocket, (frame) => frame.type === 'live_viewers' && frame.now === 1);
    twoSocket.close();
    twoAgain.close();
    expect((await dropped).peak).toBe(2);
    await vi.waitFor(async () => expect(await viewersOf()).toEqual({ now: 1, peak: 2 }), WAIT);

    const ended = next(oneSocket, (frame) => frame.type === 'live_ended');
    const end = await looply.api(`/v1/live/${streamId}/end`, { method: 'POST', token: host.access_token });
    expect(end.status).toBe(200);
    expect(await ended).toEqual({ type: 'live_ended', stream_id: streamId });
    expect(end.body.viewers).toEqual({ now: 0, peak: 2 });
    expect(end.body.stats).toMatchObject({
      peak_viewers: 2,
      unique_viewers: 2,
      chat_messages: 1,
      gifts: 3,
      coins: gift.body.coins_spent,
    });
    expect(end.body.stats.duration_seconds).toBeGreaterThanOrEqual(0);
    expect((await looply.api(`/v1/live/${streamId}`)).body.stats).toEqual(end.body.stats);
    expect((await say(streamId, one, 'too late')).status).toBe(409);
  });

  it('lets a socket be in a few rooms at once, no more', async () => {
    const host = await signUp(looply, 'many_host');
    const fan = await signUp(looply, 'many_fan');
    const streams = [];
    for (let i = 0; i < 5; i += 1) streams.push(await onAir(host));
    const socket = await socketOf(fan);
    for (const id of streams.slice(0, 4)) expect((await join(socket, id)).type).toBe('live_joined');
    expect(await join(socket, streams[4] ?? '')).toMatchObject({ type: 'live_error', code: 'TOO_MANY_ROOMS' });
    // Joining a room it is in again answers again; leaving one makes room for another.
    expect((await join(socket, streams[0] ?? '')).type).toBe('live_joined');
    await leave(socket, streams[0] ?? '');
    expect((await join(socket, streams[4] ?? '')).type).toBe('live_joined');
  });

  it('drops a socket that stops reading instead of stalling the room', async () => {
    const host = await signUp(looply, 'stall_host');
    const stalled = await signUp(looply, 'stall_reader');
    const steady = await signUp(looply, 'stall_steady');
    const streamId = await onAir(host);
    const steadySocket = await socketOf(steady);
    await join(steadySocket, streamId);

    const raw = new WebSocket(`${looply.url.replace(/^http/, 'ws')}/v1/ws?token=${stalled.access_token}`);
    const rawFrames: string[] = [];
    raw.on('message', (data) => rawFrames.push(String(data)));
    await vi.waitFor(() => expect(rawFrames.some((frame) => frame.includes('"ready"'))).toBe(true), WAIT);
    raw.send(JSON.stringify({ type: 'live_join', stream_id: streamId }));
    await vi.waitFor(() => expect(rawFrames.some((frame) => frame.includes('live_joined'))).toBe(true), WAIT);
    const rawClosed = new Promise((resolve) => raw.on('close', resolve));
    // The reader stops reading: the server's send buffer fills up behind it.
    (raw as unknown as { _socket: { pause(): void } })._socket.pause();

    // Paced by the steady reader, which takes each frame before the next is sent: it never falls behind.
    const filler = 'x'.repeat(60_000);
    const frames = 400;
    for (let n = 0; n < frames; n += 1) {
      const arrived = next(steadySocket, (frame) => frame.type === 'live_test_filler' && frame.n === n);
      await looply.infra.cache.publish(
        streamChannel(streamId),
        JSON.stringify({ type: 'live_test_filler', stream_id: streamId, n, filler }),
      );
      await arrived;
    }
    expect(steadySocket.frames.filter((frame) => frame.type === 'live_test_filler')).toHaveLength(frames);
    (raw as unknown as { _socket: { resume(): void } })._socket.resume();
    // Dropped by the server (a paused reader answers no ping either, but the first of those comes after 30 s).
    await rawClosed;
  }, 60_000);
});
