import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Frame, liveSocketFor } from '../support/live-socket.ts';
import { startTestLooply, type TestLooply } from '../support/looply.ts';
import { distributedUrls } from '../support/services.ts';
import { type Account, makeTinyClip, readyVideo, signUpAll, socialVariants } from '../support/social.ts';
import { useVariantLooply } from '../support/variant-looply.ts';

const variants = socialVariants(distributedUrls());

describe.each(variants)('direct messages ($name)', (variant) => {
  const { looply, call } = useVariantLooply(variant);
  const open = (as: Account, members: string[], title?: string) =>
    call('/v1/conversations', 'POST', as, { member_usernames: members, ...(title !== undefined ? { title } : {}) });
  const send = (as: Account, conversation: string, body: unknown) =>
    call(`/v1/conversations/${conversation}/messages`, 'POST', as, body);
  const texts = (body: { messages: Array<{ text: string }> }) => body.messages.map((message) => message.text);

  it('finds or creates a 1:1, delivers live, lists by activity with unread counts and pages the history', async () => {
    const [ann, bob] = await signUpAll(looply, ['ann', 'bob'] as const);
    const created = await open(ann, ['bob']);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'direct', title: null, last_message: null, unread_count: 0 });
    expect(created.body.members.map((member: Frame) => member.username).sort()).toEqual(['ann', 'bob']);
    const id = created.body.id;
    for (const [as, names] of [
      [ann, ['bob']],
      [bob, ['ann']],
      [ann, ['BOB', 'bob', 'ann']],
    ] as const) {
      const again = await open(as, [...names]);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(id);
    }

    const bobSocket = await liveSocketFor(looply.url, bob.access_token);
    const annSocket = await liveSocketFor(looply.url, ann.access_token);
    const first = await send(ann, id, { text: '  hello there  ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      conversation_id: id,
      sender: { username: 'ann' },
      text: 'hello there',
      read_by: [],
    });
    const live = await bobSocket.waitFor((frame) => frame.type === 'message');
    expect(live.message).toEqual(first.body);
    // The sender's other devices get it too.
    await annSocket.waitFor((frame) => frame.type === 'message' && frame.message.id === first.body.id);
    for (const text of ['two', 'three', 'four']) await send(ann, id, { text });

    const bobsList = (await call('/v1/conversations', 'GET', bob)).body;
    expect(bobsList.conversations).toHaveLength(1);
    expect(bobsList.conversations[0]).toMatchObject({ id, unread_count: 4, last_message: { text: 'four' } });
    expect((await call('/v1/conversations', 'GET', ann)).body.conversations[0].unread_count).toBe(0);

    const page = (await call(`/v1/conversations/${id}/messages?count=2`, 'GET', bob)).body;
    expect(texts(page)).toEqual(['four', 'three']);
    expect(page.has_more).toBe(true);
    const rest = (
      await call(`/v1/conversations/${id}/messages?count=2&cursor=${encodeURIComponent(page.cursor)}`, 'GET', bob)
    ).body;
    expect(texts(rest)).toEqual(['two', 'hello there']);
    expect(rest).toMatchObject({ has_more: false, cursor: null });

    // Read receipts: bob read up to "two"; ann sees it live and on the messages.
    const two = rest.messages[0].id;
    expect((await call(`/v1/conversations/${id}/read`, 'POST', bob, { message_id: two })).body).toEqual({
      unread_count: 2,
    });
    const receipt = await annSocket.waitFor((frame) => frame.type === 'read');
    expect(receipt).toEqual({ type: 'read', conversation_id: id, user_id: bob.user.id, message_id: two });
    const seen = (await call(`/v1/conversations/${id}/messages`, 'GET', ann)).body.messages;
    expect(seen.map((message: Frame) => message.read_by)).toEqual([[], [], [bob.user.id], [bob.user.id]]);
    // An older message does not move the position back.
    const hello = rest.messages[1].id;
    expect((await call(`/v1/conversations/${id}/read`, 'POST', bob, { message_id: hello })).body.unread_count).toBe(2);

    // A newer conversation goes on top; a reply moves the older one back up.
    const [cal] = await signUpAll(looply, ['cal'] as const);
    const other = (await open(bob, ['cal'])).body.id;
    expect((await call('/v1/conversations', 'GET', bob)).body.conversations.map((c: Frame) => c.id)).toEqual([
      other,
      id,
    ]);
    await send(bob, id, { text: 'back to you' });
    const order = (await call('/v1/conversations?count=1', 'GET', bob)).body;
    expect(order.conversations.map((c: Frame) => c.id)).toEqual([id]);
    const next = (await call(`/v1/conversations?count=1&cursor=${encodeURIComponent(order.cursor)}`, 'GET', bob)).body;
    expect(next.conversations.map((c: Frame) => c.id)).toEqual([other]);
    expect((await call(`/v1/conversations/${other}`, 'GET', cal)).body.members).toHaveLength(2);
    bobSocket.close();
    annSocket.close();
  });

  it('makes groups of up to 32 people and delivers to every member', async () => {
    const names = Array.from({ length: 32 }, (_, i) => `grp_${String(i).padStart(2, '0')}`);
    const [owner, ...others] = await signUpAll(looply, names);
    const full = await open(
      owner as Account,
      others.map((member) => member.user.username),
      '  Weekend plans ',
    );
    expect(full.status).toBe(201);
    expect(full.body).toMatchObject({ kind: 'group', title: 'Weekend plans' });
    expect(full.body.members).toHaveLength(32);
    const [extra] = await signUpAll(looply, ['grp_extra'] as const);
    const tooMany = await open(owner as Account, [...others.map((m) => m.user.username), 'grp_extra']);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('TOO_MANY_MEMBERS');

    const sockets = await Promise.all(
      [others[0], others[30]].map((member) => liveSocketFor(looply.url, (member as Account).access_token)),
    );
    const sent = await send(others[5] as Account, full.body.id, { text: 'who brings snacks?' });
    for (const socket of sockets) {
      expect((await socket.waitFor((frame) => frame.type === 'message')).message.id).toBe(sent.body.id);
      socket.close();
    }
    // Two people make a group too, always a new one.
    const small = await open(extra as Account, [names[0] as string, names[1] as string]);
    const again = await open(extra as Account, [names[0] as string, names[1] as string]);
    expect(small.body.kind).toBe('group');
    expect(again.body.id).not.toBe(small.body.id);

    for (const [body, code] of [
      [{ member_usernames: ['grp_extra'] }, 'MEMBERS_REQUIRED'],
      // The schema bounds a title at the length the service enforces (TEXT_LIMITS.conversationTitle).
      [{ member_usernames: ['grp_00'], title: 't'.repeat(101) }, 'VALIDATION_FAILED'],
      [{ member_usernames: [] }, 'VALIDATION_FAILED'],
    ] as const) {
      const refused = await call('/v1/conversations', 'POST', extra, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe(code);
    }
    expect((await open(extra as Account, ['nobody_here'])).body.error.code).toBe('USER_NOT_FOUND');
  });

  it('keeps conversations to their members and refuses empty, blank and over-long messages', async () => {
    const [dee, eli, fox] = await signUpAll(looply, ['dee', 'eli', 'fox'] as const);
    const ours = (await open(dee, ['eli'])).body.id;
    const message = (await send(dee, ours, { text: 'just us' })).body.id;
    const foxes = (await open(fox, ['dee'])).body.id;

    for (const [method, path, body] of [
      ['GET', `/v1/conversations/${ours}`, undefined],
      ['GET', `/v1/conversations/${ours}/messages`, undefined],
      ['POST', `/v1/conversations/${ours}/messages`, { text: 'let me in' }],
      ['POST', `/v1/conversations/${ours}/read`, { message_id: message }],
      ['GET', '/v1/conversations/00000000-0000-4000-8000-000000000000', undefined],
    ] as const) {
      const response = await call(path, method, fox, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe('CONVERSATION_NOT_FOUND');
    }
    expect((await call(`/v1/conversations/${ours}/messages`, 'GET', eli)).body.messages).toHaveLength(1);
    // A message of another conversation cannot be marked read through one's own.
    const elsewhere = await call(`/v1/conversations/${foxes}/read`, 'POST', fox, { message_id: message });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('MESSAGE_NOT_FOUND');

    for (const [body, code] of [
      [{}, 'EMPTY_MESSAGE'],
      [{ text: '' }, 'EMPTY_MESSAGE'],
      [{ text: ' \n\t ' }, 'EMPTY_MESSAGE'],
      // The schema bounds the text at the length the service enforces (TEXT_LIMITS.message).
      [{ text: 'x'.repeat(1001) }, 'VALIDATION_FAILED'],
      [{ text: 'hi', extra: true }, 'VALIDATION_FAILED'],
    ] as const) {
      const refused = await send(dee, ours, body);
      expect(refused.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(refused.body.error.code).toBe(code);
    }
    expect((await send(dee, ours, { text: 'y'.repeat(1000) })).status).toBe(201);
    // Both count characters (code points), so an emoji is one.
    expect((await send(dee, ours, { text: '😀'.repeat(1000) })).status).toBe(201);
    for (const method of ['GET', 'POST'] as const) {
      expect(
        (
          await call(
            '/v1/conversations',
            method,
            undefined,
            method === 'POST' ? { member_usernames: ['dee'] } : undefined,
          )
        ).status,
      ).toBe(401);
    }
  });

  it('refuses messages across a block and to private accounts that do not follow the sender', async () => {
    const [gia, hub, ida, jem] = await signUpAll(looply, ['gia', 'hub', 'ida', 'jem'] as const);
    const id = (await open(gia, ['hub'])).body.id;
    await call('/v1/users/gia/block', 'POST', hub);
    for (const [as, attempt] of [
      [gia, () => send(gia, id, { text: 'hello?' })],
      [hub, () => send(hub, id, { text: 'bye' })],
      [gia, () => open(gia, ['hub'])],
      [gia, () => open(gia, ['hub', 'ida'])],
    ] as const) {
      const refused = await attempt();
      expect(refused.status, (as as Account).user.username).toBe(403);
      expect(refused.body.error.code).toBe('MESSAGING_BLOCKED');
    }
    await call('/v1/users/gia/block', 'DELETE', hub);
    expect((await send(gia, id, { text: 'hello again' })).status).toBe(201);

    // ida is private: only accounts she follows may start a conversation with her.
    await call('/v1/users/me', 'PATCH', ida, { is_private: true });
    const refused = await open(jem, ['ida']);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('MESSAGING_NOT_ALLOWED');
    expect((await open(gia, ['ida', 'jem'])).body.error.code).toBe('MESSAGING_NOT_ALLOWED');
    await call('/v1/users/jem/follow', 'POST', ida);
    const allowed = await open(jem, ['ida']);
    expect(allowed.status).toBe(201);
    expect((await send(jem, allowed.body.id, { text: 'thanks for the follow' })).status).toBe(201);

    // What ida starts herself, others may answer.
    const started = (await open(ida, ['gia'])).body.id;
    expect((await send(gia, started, { text: 'may I?' })).body.error.code).toBe('MESSAGING_NOT_ALLOWED');
    await send(ida, started, { text: 'hi gia' });
    expect((await send(gia, started, { text: 'hi ida' })).status).toBe(201);
  });

  it('shares videos the sender may see, and shows each member only what they may see', async () => {
    const clip = await makeTinyClip();
    try {
      const [kit, lea, mia] = await signUpAll(looply, ['kit', 'lea', 'mia'] as const);
      const video = await readyVideo(looply, mia, clip.file, 'shareable');
      const id = (await open(kit, ['lea'])).body.id;
      const leaSocket = await liveSocketFor(looply.url, lea.access_token);
      const shared = await send(kit, id, { video_id: video });
      expect(shared.status).toBe(201);
      expect(shared.body).toMatchObject({ text: null, video_id: video, video: { id: video, caption: 'shareable' } });
      expect((await leaSocket.waitFor((frame) => frame.type === 'message')).message.video.id).toBe(video);
      leaSocket.close();
      expect((await send(kit, id, { text: ' look ', video_id: video })).body.text).toBe('look');

      await call(`/v1/videos/${video}`, 'PATCH', mia, { visibility: 'private' });
      const history = (await call(`/v1/conversations/${id}/messages`, 'GET', lea)).body.messages;
      expect(history.map((message: Frame) => [message.video_id, message.video])).toEqual([
        [video, null],
        [video, null],
      ]);
      for (const videoId of [video, '00000000-0000-4000-8000-000000000000']) {
        const refused = await send(kit, id, { video_id: videoId });
        expect(refused.status).toBe(404);
        expect(refused.body.error.code).toBe('VIDEO_NOT_FOUND');
      }
    } finally {
      await clip.cleanup();
    }
  });
});

describe('direct messages are rate limited', () => {
  let looply: TestLooply;
  beforeAll(async () => {
    looply = await startTestLooply({ RATE_LIMIT_SCALE: '1' });
  });
  afterAll(async () => {
    await looply?.stop();
  });

  it('answers 429 after 30 messages a minute', async () => {
    const [nia, oz] = await signUpAll(looply, ['nia', 'oz_'] as const);
    const id = (
      await looply.api('/v1/conversations', {
        method: 'POST',
        token: nia.access_token,
        json: { member_usernames: ['oz_'] },
      })
    ).body.id;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await looply.api(`/v1/conversations/${id}/messages`, {
        method: 'POST',
        token: nia.access_token,
        json: { text: `message ${i}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
    const reply = await looply.api(`/v1/conversations/${id}/messages`, {
      method: 'POST',
      token: oz.access_token,
      json: { text: 'calm down' },
    });
    expect(reply.status).toBe(201);
  });
});
