import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveEvents } from '../../src/modules/live/events.ts';
import { LIVE_FANOUT_PAGE } from '../../src/modules/notifications/live-fanout.ts';
import { createEvent } from '../../src/platform/stream/events.ts';
import { type Frame, liveSocketFor } from '../support/live-socket.ts';
import { browserKeys, type ReceivedPush, startFakePushService } from '../support/push-service.ts';
import { distributedUrls } from '../support/services.ts';
import { type Account, signUpAll, socialVariants } from '../support/social.ts';
import { useVariantLooply } from '../support/variant-looply.ts';

const variants = socialVariants(distributedUrls());

describe.each(variants)('live notifications ($name)', (variant) => {
  let pushService: Awaited<ReturnType<typeof startFakePushService>>;
  beforeAll(async () => {
    pushService = await startFakePushService();
  });
  afterAll(async () => {
    await pushService?.close();
  });
  const { looply, call } = useVariantLooply(variant, { env: { WEB_PUSH_ALLOW_HTTP: 'on' } });

  const liveNotifications = async (as: Account) =>
    (await call('/v1/notifications', 'GET', as)).body.notifications.filter((n: Frame) => n.type === 'live');

  /** Starts a stream and puts it on air the way the ingest does when a publisher connects. */
  async function goLive(host: Account, title: string, visibility = 'public') {
    const started = (await call('/v1/live/start', 'POST', host, { title, visibility })).body;
    await looply.services.liveStreams.admitPublisher(started.stream_key);
    return started.stream_id as string;
  }

  it('tells the followers who may see the stream, in the app, on the socket and by Web Push, once', async () => {
    const [star, fan, pal, quiet, foe, stranger] = await signUpAll(looply, [
      'star',
      'fan',
      'pal',
      'quiet',
      'foe',
      'stranger',
    ] as const);
    for (const follower of [fan, pal, quiet, foe]) await call('/v1/users/star/follow', 'POST', follower);
    await call('/v1/users/pal/follow', 'POST', star);
    await call('/v1/notifications/preferences', 'PUT', quiet, { live: false });
    // foe blocked star after following (the block removes the follow): a follow that raced the block is left.
    await call('/v1/users/star/block', 'POST', foe);
    await looply.infra.db.query('insert into follows (follower_id, followee_id) values ($1, $2)', [
      foe.user.id,
      star.user.id,
    ]);
    const browser = browserKeys();
    const endpoint = `${pushService.origin}/push/fan-${variant.name}`;
    await call('/v1/push/subscriptions', 'POST', fan, { endpoint, keys: browser.keys });
    const socket = await liveSocketFor(looply.url, fan.access_token);

    const streamId = await goLive(star, 'Sunday session');
    const frame = await socket.waitFor((f: Frame) => f.type === 'notification' && f.notification.type === 'live');
    expect(frame.notification).toMatchObject({
      stream_id: streamId,
      actors: [{ username: 'star' }],
      text: 'Sunday session',
      message: 'star is LIVE now',
      read: false,
    });
    await expect.poll(() => pushService.to(new URL(endpoint).pathname).length, { timeout: 10_000 }).toBe(1);
    const push = JSON.parse(browser.decrypt((pushService.to(new URL(endpoint).pathname)[0] as ReceivedPush).body));
    expect(push).toMatchObject({
      type: 'notification',
      body: 'star is LIVE now',
      stream_id: streamId,
      url: `/live/${streamId}`,
    });
    await expect.poll(async () => (await liveNotifications(pal)).length).toBe(1);
    socket.close();

    // friends-only: pal (followed back) hears of it, fan does not; private: nobody.
    const forFriends = await goLive(star, 'Friends only', 'friends');
    const alone = await goLive(star, 'Just me', 'private');
    await expect.poll(async () => (await liveNotifications(pal)).length).toBe(2);
    expect((await liveNotifications(pal))[0].stream_id).toBe(forFriends);

    // The stream's LiveStarted again, twice (as a retried publish would send it): nobody is told again.
    const redelivered = createEvent(LiveEvents.started, {
      stream_id: streamId,
      host_id: star.user.id,
      title: 'Sunday session',
      visibility: 'public',
      started_at: new Date().toISOString(),
    });
    await looply.infra.events.publish(redelivered);
    await looply.infra.events.publish(redelivered);
    // A marker after them on the same consumer: once fan hears of it, the redeliveries were handled.
    const marker = await goLive(star, 'Marker');
    await expect
      .poll(async () => (await liveNotifications(fan)).map((n: Frame) => n.stream_id))
      .toEqual([marker, streamId]);
    const pushed = () => pushService.to(new URL(endpoint).pathname);
    await expect.poll(() => pushed().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const streamsPushed = pushed().map((each) => JSON.parse(browser.decrypt(each.body)).stream_id);
    expect(streamsPushed).toEqual([streamId, marker]);
    expect((await liveNotifications(pal)).map((n: Frame) => n.stream_id)).not.toContain(alone);
    for (const nobody of [quiet, foe, stranger, star]) expect(await liveNotifications(nobody)).toEqual([]);
  });

  it('reaches every follower of a large following, page by page', async () => {
    const [big, lastFan] = await signUpAll(looply, ['big', 'last_fan'] as const);
    // The oldest follower comes last in the fan-out's order: it is told only if every page is read.
    await call('/v1/users/big/follow', 'POST', lastFan);
    const others = Array.from({ length: LIVE_FANOUT_PAGE + 30 }, () => randomUUID());
    await looply.infra.db.query(
      `insert into follows (follower_id, followee_id, created_at)
       select id, $2, now() + interval '1 second' from unnest($1::uuid[]) as id`,
      [others, big.user.id],
    );
    const streamId = await goLive(big, 'Big audience');
    await expect.poll(async () => (await liveNotifications(lastFan)).length, { timeout: 30_000 }).toBe(1);
    const told = await looply.infra.db.query<{ count: string }>(
      'select count(*) as count from notifications where stream_id = $1',
      [streamId],
    );
    expect(Number(told.rows[0]?.count)).toBe(others.length + 1);
  }, 60_000);
});
