import { describe, expect, it } from 'vitest';
import { InteractionEvents } from '../../src/modules/interactions/events.ts';
import { createEvent } from '../../src/platform/stream/events.ts';
import { type Frame, type LiveSocketClient, liveSocketFor } from '../support/live-socket.ts';
import { distributedUrls } from '../support/services.ts';
import { type Account, readyVideo, signUpAll, socialVariants } from '../support/social.ts';
import { useVariantLooply } from '../support/variant-looply.ts';

const variants = socialVariants(distributedUrls());

describe.each(variants)('withdrawn notifications ($name)', (variant) => {
  const { looply, clip, call } = useVariantLooply(variant, { clip: true });
  const list = async (as: Account) => (await call('/v1/notifications', 'GET', as)).body;
  const kinds = async (as: Account) => (await list(as)).notifications.map((n: Frame) => n.type).sort();
  const unread = async (as: Account) => (await call('/v1/notifications/unread-count', 'GET', as)).body.unread_count;
  const isNotification = (type: string) => (frame: Frame) =>
    frame.type === 'notification' && frame.notification.type === type;
  const withdrawn = (id: string) => (frame: Frame) =>
    frame.type === 'notification_withdrawn' && frame.notification_id === id;
  /** The notification of this type the socket was told of. */
  const told = async (socket: LiveSocketClient, type: string) =>
    (await socket.waitFor(isNotification(type))).notification;

  it('takes back the comment, reply and mention notifications of a comment its writer deletes, live', async () => {
    const [ada, bea, cyd, dov] = await signUpAll(looply, ['ada', 'bea', 'cyd', 'dov'] as const);
    const video = await readyVideo(looply, ada, clip.file, 'say something');
    const socketOf = (as: Account) => liveSocketFor(looply.url, as.access_token);
    const [adas, beas, dovs] = await Promise.all([socketOf(ada), socketOf(bea), socketOf(dov)]);
    const post = async (as: Account, content: string, parentId?: string) =>
      (
        await call(`/v1/videos/${video}/comments`, 'POST', as, {
          content,
          ...(parentId ? { parent_id: parentId } : {}),
        })
      ).body;

    const top = await post(bea, 'hi @dov');
    const topComment = await told(adas, 'comment');
    const mention = await told(dovs, 'mention');
    await post(cyd, 'hello back', top.id);
    const reply = await told(beas, 'comment_reply');
    await adas.waitFor((frame) => isNotification('comment')(frame) && frame.notification.id !== topComment.id);
    // A comment that stays keeps its notification.
    await post(dov, 'still here');
    await adas.waitFor((frame) => frame.type === 'notification' && frame.notification.text === 'still here');
    expect(await kinds(ada)).toEqual(['comment', 'comment', 'comment']);
    expect(await unread(ada)).toBe(3);

    // The top-level comment takes its reply along: ada loses two, bea the reply, dov the mention.
    expect((await call(`/v1/comments/${top.id}`, 'DELETE', bea)).status).toBe(204);
    expect((await dovs.waitFor(withdrawn(mention.id))).unread_count).toBe(0);
    expect((await beas.waitFor(withdrawn(reply.id))).unread_count).toBe(0);
    await adas.waitFor(withdrawn(topComment.id));
    await expect.poll(() => unread(ada)).toBe(1);
    expect((await list(ada)).notifications.map((n: Frame) => n.text)).toEqual(['still here']);
    expect(await kinds(bea)).toEqual([]);
    expect(await kinds(dov)).toEqual([]);
    expect(await unread(dov)).toBe(0);
    for (const socket of [adas, beas, dovs]) socket.close();
  });

  it('takes them back when the video’s creator deletes the comment, and only that reply’s when a reply goes', async () => {
    const [eli, fay, gil, hub] = await signUpAll(looply, ['eli', 'fay', 'gil', 'hub'] as const);
    const video = await readyVideo(looply, eli, clip.file, 'my video');
    const post = async (as: Account, content: string, parentId?: string) =>
      (
        await call(`/v1/videos/${video}/comments`, 'POST', as, {
          content,
          ...(parentId ? { parent_id: parentId } : {}),
        })
      ).body;
    const rude = await post(fay, 'meh @hub');
    const kept = await post(gil, 'lovely');
    const answer = await post(fay, 'agreed', kept.id);
    await expect.poll(() => kinds(eli)).toEqual(['comment', 'comment', 'comment']);
    await expect.poll(() => kinds(hub)).toEqual(['mention']);
    await expect.poll(() => kinds(gil)).toEqual(['comment_reply']);
    const gils = await liveSocketFor(looply.url, gil.access_token);

    expect((await call(`/v1/comments/${rude.id}`, 'DELETE', eli)).status).toBe(204);
    await expect.poll(() => kinds(hub)).toEqual([]);
    expect(await unread(hub)).toBe(0);
    // A reply deleted on its own takes back its own notifications, not its thread's.
    expect((await call(`/v1/comments/${answer.id}`, 'DELETE', eli)).status).toBe(204);
    expect((await gils.waitFor((frame) => frame.type === 'notification_withdrawn')).unread_count).toBe(0);
    await expect.poll(() => kinds(gil)).toEqual([]);
    await expect.poll(async () => (await list(eli)).notifications.map((n: Frame) => n.text)).toEqual(['lovely']);
    expect(await unread(eli)).toBe(1);
    gils.close();
  });

  it('leaves nothing behind for a comment whose deletion was handled before its creation', async () => {
    const [ian, jan, kit] = await signUpAll(looply, ['ian', 'jan', 'kit'] as const);
    const video = await readyVideo(looply, ian, clip.file, 'out of order');
    const socket = await liveSocketFor(looply.url, ian.access_token);
    const comment = (await call(`/v1/videos/${video}/comments`, 'POST', jan, { content: 'gone soon @kit' })).body;
    await told(socket, 'comment');
    await call(`/v1/comments/${comment.id}`, 'DELETE', jan);
    await expect.poll(() => kinds(ian)).toEqual([]);
    // The comment's events again, after its deletion: as a redelivery, or arriving late.
    await looply.infra.events.publish(
      createEvent(InteractionEvents.commented, {
        comment_id: comment.id,
        video_id: video,
        author_id: ian.user.id,
        user_id: jan.user.id,
        parent_id: null,
        reply_to_user_id: null,
        content: 'gone soon @kit',
      }),
    );
    await looply.infra.events.publish(
      createEvent(InteractionEvents.mentioned, {
        comment_id: comment.id,
        video_id: video,
        mentioned_user_id: kit.user.id,
        by_user_id: jan.user.id,
      }),
    );
    // Events published after those: once this arrives, the ones before have been handled.
    await call('/v1/users/ian/follow', 'POST', jan);
    await told(socket, 'follow');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await kinds(ian)).toEqual(['follow']);
    expect(await unread(ian)).toBe(1);
    expect(await kinds(kit)).toEqual([]);
    socket.close();
  });

  it('tells open apps of an unlike: the aggregate as it now stands, then that nobody is left', async () => {
    const [lea, ...fans] = await signUpAll(looply, ['lea', 'moe', 'nia'] as const);
    const [moe, nia] = fans;
    const video = await readyVideo(looply, lea, clip.file, 'likes come and go');
    const socket = await liveSocketFor(looply.url, lea.access_token);
    for (const [index, fan] of fans.entries()) {
      await call(`/v1/videos/${video}/like`, 'POST', fan);
      await socket.waitFor((frame) => isNotification('like')(frame) && frame.notification.actor_count === index + 1);
    }
    const like = (await list(lea)).notifications[0];

    await call(`/v1/videos/${video}/like`, 'DELETE', nia);
    const updated = await socket.waitFor((frame) => frame.type === 'notification_updated');
    expect(updated).toMatchObject({
      unread_count: 1,
      notification: { id: like.id, actor_count: 1, actors: [{ username: 'moe' }], message: 'moe liked your video' },
    });
    await call(`/v1/videos/${video}/like`, 'DELETE', moe);
    expect(await socket.waitFor(withdrawn(like.id))).toEqual({
      type: 'notification_withdrawn',
      notification_id: like.id,
      unread_count: 0,
    });
    expect(await unread(lea)).toBe(0);
    socket.close();
  });
});
