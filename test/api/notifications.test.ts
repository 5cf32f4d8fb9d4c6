import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { InteractionEvents } from '../../src/modules/interactions/events.ts';
import { createEvent } from '../../src/platform/stream/events.ts';
import { connectLiveSocket, type Frame, liveSocketFor } from '../support/live-socket.ts';
import type { TestLooply } from '../support/looply.ts';
import { distributedUrls } from '../support/services.ts';
import { type Account, readyVideo, signUpAll, socialVariants } from '../support/social.ts';
import { useVariantLooply } from '../support/variant-looply.ts';

const variants = socialVariants(distributedUrls());

describe.each(variants)('notifications ($name)', (variant) => {
  const { looply, clip, call } = useVariantLooply(variant, { clip: true });
  const list = async (as: Account, query = '') => (await call(`/v1/notifications${query}`, 'GET', as)).body;
  const isNotification =
    (type: string, match: (notification: Frame) => boolean = () => true) =>
    (frame: Frame) =>
      frame.type === 'notification' && frame.notification.type === type && match(frame.notification);

  it('tells an account who followed it, live and in its list, and counts what it has not read', async () => {
    const [ann, bob, cat, dan, eve] = await signUpAll(looply, ['ann', 'bob', 'cat', 'dan', 'eve'] as const);
    const socket = await liveSocketFor(looply.url, ann.access_token);
    await call('/v1/users/ann/follow', 'POST', bob);
    const first = await socket.waitFor(isNotification('follow'));
    expect(first.unread_count).toBe(1);
    expect(first.notification).toMatchObject({
      actors: [{ username: 'bob' }],
      actor_count: 1,
      message: 'bob started following you',
      read: false,
    });
    await call('/v1/users/ann/follow', 'POST', cat);
    expect(
      (await socket.waitFor(isNotification('follow', (n) => n.actor_count && n.actors[0].username === 'cat')))
        .unread_count,
    ).toBe(2);
    socket.close();

    await call('/v1/users/me', 'PATCH', dan, { is_private: true });
    await call('/v1/users/dan/follow', 'POST', eve);

    const page = await list(ann, '?count=1');
    expect(page.notifications.map((n: Frame) => n.message)).toEqual(['cat started following you']);
    expect(page).toMatchObject({ has_more: true, unread_count: 2 });
    const rest = await list(ann, `?count=1&cursor=${encodeURIComponent(page.cursor)}`);
    expect(rest.notifications.map((n: Frame) => n.message)).toEqual(['bob started following you']);
    expect(rest).toMatchObject({ has_more: false, cursor: null });

    // Read up to bob's: cat's, above it, stays unread.
    const older = rest.notifications[0].id;
    expect((await call('/v1/notifications/read', 'POST', ann, { up_to_id: older })).body).toEqual({ unread_count: 1 });
    expect((await list(ann)).notifications.map((n: Frame) => n.read)).toEqual([false, true]);
    expect((await call('/v1/notifications/read', 'POST', ann)).body).toEqual({ unread_count: 0 });
    expect((await call('/v1/notifications/unread-count', 'GET', ann)).body).toEqual({ unread_count: 0 });

    await expect
      .poll(async () => (await list(dan)).notifications.map((n: Frame) => n.message))
      .toEqual(['eve asked to follow you']);
    // Another account's notification is not there to be marked.
    const dans = (await list(dan)).notifications[0].id;
    const foreign = await call('/v1/notifications/read', 'POST', ann, { up_to_id: dans });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await call('/v1/notifications/unread-count', 'GET', dan)).body).toEqual({ unread_count: 1 });
    expect((await call('/v1/notifications?cursor=bad', 'GET', ann)).body.error.code).toBe('INVALID_CURSOR');
  });

  it('aggregates the likes of a video into one notification that updates and comes back unread', async () => {
    const [gus, ...fans] = await signUpAll(looply, ['gus', 'fan_a', 'fan_b', 'fan_c', 'fan_d'] as const);
    const video = await readyVideo(looply, gus, clip.file, 'likeable');
    const socket = await liveSocketFor(looply.url, gus.access_token);
    for (const [index, fan] of fans.entries()) {
      await call(`/v1/videos/${video}/like`, 'POST', fan);
      await socket.waitFor(isNotification('like', (n) => n.actor_count === index + 1));
    }
    const [liked] = (await list(gus)).notifications;
    expect(liked).toMatchObject({
      type: 'like',
      video_id: video,
      actor_count: 4,
      actors: [{ username: 'fan_d' }, { username: 'fan_c' }, { username: 'fan_b' }],
      message: 'fan_d and 3 others liked your video',
    });

    // Undoing a like and liking again, or liking one's own video, alerts nobody.
    await call(`/v1/videos/${video}/like`, 'DELETE', fans[0]);
    await call(`/v1/videos/${video}/like`, 'POST', fans[0]);
    await call(`/v1/videos/${video}/like`, 'POST', gus);
    await call('/v1/notifications/read', 'POST', gus);
    // A new liker brings it back to the top, unread, as the same notification. (Polled rather than awaited on the
    // socket: the unlike and the like again may be handled after this like, and quietly.)
    const [late] = await signUpAll(looply, ['fan_e'] as const);
    await call(`/v1/videos/${video}/like`, 'POST', late);
    await expect.poll(async () => (await list(gus)).notifications[0]?.actor_count).toBe(5);
    const after = await list(gus);
    expect(after.notifications).toHaveLength(1);
    expect(after.notifications[0]).toMatchObject({ id: liked.id, actor_count: 5, read: false });
    expect(after.unread_count).toBe(1);
    socket.close();
  });

  it('notifies comments and mentions, never one’s own actions, nothing turned off, nothing from a blocked account', async () => {
    const [hal, ivy, jon, kay] = await signUpAll(looply, ['hal', 'ivy', 'jon', 'kay'] as const);
    const video = await readyVideo(looply, hal, clip.file, 'talk about it');
    const socket = await liveSocketFor(looply.url, hal.access_token);
    await call(`/v1/videos/${video}/comments`, 'POST', hal, { content: 'my own comment' });
    await call(`/v1/videos/${video}/comments`, 'POST', ivy, { content: 'nice one @jon' });
    const comment = await socket.waitFor(isNotification('comment'));
    expect(comment.notification).toMatchObject({
      video_id: video,
      text: 'nice one @jon',
      message: 'ivy commented on your video',
      actors: [{ username: 'ivy' }],
    });
    await expect.poll(async () => (await list(jon)).notifications.map((n: Frame) => n.type)).toEqual(['mention']);
    expect((await list(jon)).notifications[0]).toMatchObject({
      video_id: video,
      message: 'ivy mentioned you in a comment',
    });

    // Switches are per account: hal turns comments off, jon's stay on.
    const off = await call('/v1/notifications/preferences', 'PUT', hal, { comments: false });
    expect(off.body).toEqual({
      likes: true,
      comments: false,
      follows: true,
      mentions: true,
      messages: true,
      live: true,
    });
    expect((await call('/v1/notifications/preferences', 'GET', hal)).body.comments).toBe(false);
    expect((await call('/v1/notifications/preferences', 'GET', jon)).body.comments).toBe(true);
    expect((await call('/v1/notifications/preferences', 'PUT', hal, { comments: 'no' })).status).toBe(400);
    expect((await call('/v1/notifications/preferences', 'PUT', hal, { user_id: jon.user.id })).status).toBe(400);
    await call(`/v1/videos/${video}/comments`, 'POST', ivy, { content: 'still there?' });

    // A like from kay that reaches the consumer after hal blocked kay (the block and the like raced) is dropped.
    // kay's like is real (a like undone since would be dropped for that); hal's likes are off while it is made.
    await call('/v1/notifications/preferences', 'PUT', hal, { likes: false });
    await call(`/v1/videos/${video}/like`, 'POST', kay);
    await call('/v1/users/kay/block', 'POST', hal);
    await call('/v1/notifications/preferences', 'PUT', hal, { likes: true });
    await looply.infra.events.publish(
      createEvent(InteractionEvents.liked, { user_id: kay.user.id, video_id: video, author_id: hal.user.id }),
    );
    // Events published after those: once these arrive, the ones before have been handled.
    await call('/v1/users/hal/follow', 'POST', ivy);
    await socket.waitFor(isNotification('follow', (n) => n.actors[0].username === 'ivy'));
    await call('/v1/users/hal/follow', 'POST', jon);
    await socket.waitFor(isNotification('follow', (n) => n.actors[0].username === 'jon'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await list(hal)).notifications.map((n: Frame) => n.message)).toEqual([
      'jon started following you',
      'ivy started following you',
      'ivy commented on your video',
    ]);
    socket.close();
  });

  it('tells the writer of a comment of replies to it, never the replier, nothing across a block', async () => {
    const [ned, oli, pat, quin] = await signUpAll(looply, ['ned', 'oli', 'pat', 'quin'] as const);
    const video = await readyVideo(looply, ned, clip.file, 'reply to me');
    const post = async (as: Account, content: string, parentId?: string) =>
      call(`/v1/videos/${video}/comments`, 'POST', as, { content, ...(parentId ? { parent_id: parentId } : {}) });
    const messages = async (as: Account) => (await list(as)).notifications.map((n: Frame) => n.message).sort();
    const olis = (await post(oli, 'first')).body;
    const socket = await liveSocketFor(looply.url, oli.access_token);
    await post(oli, 'replying to myself', olis.id);
    const pats = (await post(pat, 'good point', olis.id)).body;
    const reply = await socket.waitFor(isNotification('comment_reply'));
    expect(reply.notification).toMatchObject({
      actors: [{ username: 'pat' }],
      actor_count: 1,
      video_id: video,
      comment_id: pats.id,
      text: 'good point',
      message: 'pat replied to your comment',
      read: false,
    });
    expect(reply.unread_count).toBe(1);

    // A reply to a reply tells that reply's writer, not the thread's.
    await post(quin, 'not really', pats.id);
    await expect.poll(() => messages(pat)).toEqual(['quin replied to your comment']);
    // The creator hears of every comment on the video; of a reply to their own comment, as a reply only.
    const neds = (await post(ned, 'thanks all')).body;
    await post(oli, 'welcome', neds.id);
    await expect
      .poll(() => messages(ned))
      .toEqual([
        'oli commented on your video',
        'oli commented on your video',
        'oli replied to your comment',
        'pat commented on your video',
        'quin commented on your video',
      ]);

    // oli blocks quin: quin cannot answer oli's comment, and a reply that raced the block is dropped.
    await call('/v1/users/quin/block', 'POST', oli);
    expect((await post(quin, 'let me in', olis.id)).body.error.code).toBe('COMMENT_NOT_FOUND');
    await looply.infra.events.publish(
      createEvent(InteractionEvents.commented, {
        comment_id: pats.id,
        video_id: video,
        author_id: ned.user.id,
        user_id: quin.user.id,
        parent_id: olis.id,
        reply_to_user_id: oli.user.id,
        content: 'raced the block',
      }),
    );
    await call('/v1/users/oli/follow', 'POST', pat);
    await socket.waitFor(isNotification('follow'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await messages(oli)).toEqual(['pat replied to your comment', 'pat started following you']);
    socket.close();
  });

  it('stops naming an account that undid its like, and drops the notification once nobody likes the video', async () => {
    const [rae, ...likers] = await signUpAll(looply, ['rae', 'lk_a', 'lk_b', 'lk_c', 'lk_d'] as const);
    const [a, b, c, d] = likers;
    const video = await readyVideo(looply, rae, clip.file, 'unlikeable');
    const socket = await liveSocketFor(looply.url, rae.access_token);
    for (const [index, liker] of likers.entries()) {
      await call(`/v1/videos/${video}/like`, 'POST', liker);
      await socket.waitFor(isNotification('like', (n) => n.actor_count === index + 1));
    }
    await call('/v1/notifications/read', 'POST', rae);
    const like = async () => {
      const [only] = (await list(rae)).notifications;
      return { names: only.actors.map((actor: Frame) => actor.username), message: only.message, read: only.read };
    };

    await call(`/v1/videos/${video}/like`, 'DELETE', d);
    // Quietly: it keeps its place and stays read.
    await expect
      .poll(like)
      .toEqual({ names: ['lk_c', 'lk_b', 'lk_a'], message: 'lk_c and 2 others liked your video', read: true });
    // Liking again names them again, without a new alert.
    await call(`/v1/videos/${video}/like`, 'POST', d);
    await expect
      .poll(like)
      .toEqual({ names: ['lk_d', 'lk_c', 'lk_b'], message: 'lk_d and 3 others liked your video', read: true });

    // A like handled after its unlike (events arrive in any order) does not bring the name back.
    await call(`/v1/videos/${video}/like`, 'DELETE', d);
    await looply.infra.events.publish(
      createEvent(InteractionEvents.liked, { user_id: d.user.id, video_id: video, author_id: rae.user.id }),
    );
    await call('/v1/users/rae/follow', 'POST', a);
    await socket.waitFor(isNotification('follow'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await call('/v1/notifications/read', 'POST', rae);
    expect((await list(rae)).notifications.find((n: Frame) => n.type === 'like')).toMatchObject({
      actor_count: 3,
      message: 'lk_c and 2 others liked your video',
    });
    await call('/v1/users/rae/follow', 'DELETE', a);

    for (const liker of [a, b, c]) await call(`/v1/videos/${video}/like`, 'DELETE', liker);
    await expect.poll(async () => (await list(rae)).notifications.map((n: Frame) => n.type)).toEqual(['follow']);
    expect((await call('/v1/notifications/unread-count', 'GET', rae)).body).toEqual({ unread_count: 0 });
    socket.close();
  });

  it('authenticates the WebSocket by query or first frame and closes it with 4401 otherwise', async () => {
    const [lou, max] = await signUpAll(looply, ['lou', 'max'] as const);
    const byFrame = connectLiveSocket(looply.url);
    await new Promise((resolve) => byFrame.socket.addEventListener('open', resolve));
    byFrame.send({ type: 'auth', token: lou.access_token });
    byFrame.send({ type: 'ping' });
    expect((await byFrame.waitFor((frame) => frame.type === 'ready')).user_id).toBe(lou.user.id);
    await byFrame.waitFor((frame) => frame.type === 'pong');
    // Renewing with another account's token is refused.
    byFrame.send({ type: 'auth', token: max.access_token });
    expect(await byFrame.closed).toEqual({ code: 4401, reason: 'ACCOUNT_CHANGED' });

    const { sid } = JSON.parse(Buffer.from(lou.access_token.split('.')[1] ?? '', 'base64url').toString());
    const expired = await new SignJWT({ username: 'lou', typ: 'access', sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(lou.user.id)
      .setIssuer('looply')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(await signingKey(looply)));
    const refusals: Array<[string | undefined, unknown, string]> = [
      ['not-a-token', undefined, 'INVALID_TOKEN'],
      [lou.refresh_token, undefined, 'INVALID_TOKEN'],
      [expired, undefined, 'TOKEN_EXPIRED'],
      [undefined, { type: 'ping' }, 'AUTH_REQUIRED'],
      [undefined, { type: 'auth', token: 'forged' }, 'INVALID_TOKEN'],
      [undefined, 'not json', 'AUTH_REQUIRED'],
    ];
    for (const [token, frame, reason] of refusals) {
      const socket = connectLiveSocket(looply.url, token);
      if (frame !== undefined) {
        await new Promise((resolve) => socket.socket.addEventListener('open', resolve));
        socket.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
      }
      expect(await socket.closed, `${reason} for ${JSON.stringify(frame ?? token)}`).toEqual({ code: 4401, reason });
      expect(socket.frames).toEqual([]);
    }
    const plain = await call('/v1/ws');
    expect(plain.status).toBe(426);
    expect(plain.body.error.code).toBe('UPGRADE_REQUIRED');
  });

  it('needs an account for every notification route', async () => {
    for (const [method, path] of [
      ['GET', '/v1/notifications'],
      ['GET', '/v1/notifications/unread-count'],
      ['POST', '/v1/notifications/read'],
      ['GET', '/v1/notifications/preferences'],
      ['PUT', '/v1/notifications/preferences'],
    ] as const) {
      const response = await call(path, method, undefined, method === 'GET' ? undefined : {});
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });
});

async function signingKey(looply: TestLooply): Promise<string> {
  const { rows } = await looply.infra.db.query<{ value: string }>(
    "select value from platform_secrets where name = 'access-token-key'",
  );
  return rows[0]?.value ?? '';
}
