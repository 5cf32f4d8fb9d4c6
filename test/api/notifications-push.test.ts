import { importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Frame, liveSocketFor } from '../support/live-socket.ts';
import { browserKeys, type ReceivedPush, startFakePushService } from '../support/push-service.ts';
import { distributedUrls } from '../support/services.ts';
import { signUpAll, socialVariants } from '../support/social.ts';
import { useVariantLooply } from '../support/variant-looply.ts';

const variants = socialVariants(distributedUrls());

describe.each(variants)('Web Push ($name)', (variant) => {
  let pushService: Awaited<ReturnType<typeof startFakePushService>>;

  // Registered before the Looply's hooks: started before it, closed after it stops (afterAll hooks run in reverse).
  beforeAll(async () => {
    pushService = await startFakePushService();
  });
  afterAll(async () => {
    await pushService?.close();
  });
  const { looply, call } = useVariantLooply(variant, { env: { WEB_PUSH_ALLOW_HTTP: 'on' } });

  const waitForPushes = async (path: string, count: number) => {
    await expect.poll(() => pushService.to(path).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
    return pushService.to(path);
  };

  it('sends encrypted, VAPID-signed pushes to each subscribed browser and forgets the ones that are gone', async () => {
    const [ann, bob, cat, dan, eve, fay] = await signUpAll(looply, ['ann', 'bob', 'cat', 'dan', 'eve', 'fay'] as const);
    const vapid = await call('/v1/push/vapid-public-key');
    const publicKey: string = vapid.body.public_key;
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    expect((await call('/v1/push/vapid-public-key')).body.public_key).toBe(publicKey);

    const browser = browserKeys();
    const endpoint = `${pushService.origin}/push/ann`;
    const subscribed = await call('/v1/push/subscriptions', 'POST', ann, { endpoint, keys: browser.keys });
    expect(subscribed.status).toBe(201);
    expect(subscribed.body).toEqual({ endpoint });

    await call('/v1/users/ann/follow', 'POST', bob);
    const [push] = await waitForPushes('/push/ann', 1);
    const received = push as ReceivedPush;
    expect(received.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(received.headers.ttl)).toBeGreaterThan(0);
    const authorization = /^vapid t=([^,]+), k=(.+)$/.exec(received.headers.authorization ?? '');
    expect(authorization?.[2]).toBe(publicKey);
    const raw = Buffer.from(publicKey, 'base64url');
    const key = await importJWK(
      {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
      'ES256',
    );
    const { payload } = await jwtVerify(authorization?.[1] ?? '', key, { audience: pushService.origin });
    expect(payload.sub).toMatch(/^mailto:/);
    expect(received.body.toString('utf8')).not.toContain('following');
    expect(JSON.parse(browser.decrypt(received.body))).toMatchObject({
      type: 'notification',
      title: 'Looply',
      body: 'bob started following you',
    });

    // A second browser whose subscription expired: one 410, then it is never tried again.
    await call('/v1/push/subscriptions', 'POST', ann, {
      endpoint: `${pushService.origin}/gone/ann`,
      keys: browserKeys().keys,
    });
    await call('/v1/users/ann/follow', 'POST', cat);
    await waitForPushes('/push/ann', 2);
    await waitForPushes('/gone/ann', 1);

    // Another account cannot remove ann's subscription.
    expect((await call('/v1/push/subscriptions', 'DELETE', bob, { endpoint })).status).toBe(204);
    await call('/v1/users/ann/follow', 'POST', dan);
    await waitForPushes('/push/ann', 3);
    expect(pushService.to('/gone/ann')).toHaveLength(1);

    // A direct message is pushed without its text.
    const conversation = (await call('/v1/conversations', 'POST', bob, { member_usernames: ['ann'] })).body;
    await call(`/v1/conversations/${conversation.id}/messages`, 'POST', bob, { text: 'a secret plan' });
    const pushes = await waitForPushes('/push/ann', 4);
    const message = JSON.parse(browser.decrypt((pushes[3] as ReceivedPush).body));
    expect(message).toEqual({
      type: 'message',
      title: 'Looply',
      body: 'bob sent you a message',
      tag: `conversation-${conversation.id}`,
      conversation_id: conversation.id,
    });

    // `messages: false` stops message pushes, not the others.
    await call('/v1/notifications/preferences', 'PUT', ann, { messages: false });
    await call(`/v1/conversations/${conversation.id}/messages`, 'POST', bob, { text: 'again' });
    await call('/v1/users/ann/follow', 'POST', eve);
    const afterSwitch = await waitForPushes('/push/ann', 5);
    expect(JSON.parse(browser.decrypt((afterSwitch[4] as ReceivedPush).body)).body).toBe('eve started following you');

    // Unsubscribed: the next notification reaches the app, not the browser.
    expect((await call('/v1/push/subscriptions', 'DELETE', ann, { endpoint })).status).toBe(204);
    const socket = await liveSocketFor(looply.url, ann.access_token);
    await call('/v1/users/ann/follow', 'POST', fay);
    await socket.waitFor(
      (frame: Frame) => frame.type === 'notification' && frame.notification.actors[0].username === 'fay',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pushService.to('/push/ann')).toHaveLength(5);
    socket.close();
  });

  it('refuses subscriptions a push service could not use, and visitors', async () => {
    const [gil] = await signUpAll(looply, ['gil'] as const);
    const keys = browserKeys().keys;
    const bad = [
      { endpoint: 'not a url', keys },
      { endpoint: 'ftp://push.example/x', keys },
      { endpoint: 'https://user:pw@push.example/x', keys },
      { endpoint: 'https://push.example/x', keys: { ...keys, p256dh: 'AAAA' } },
      { endpoint: 'https://push.example/x', keys: { ...keys, auth: Buffer.alloc(8).toString('base64url') } },
    ];
    for (const subscription of bad) {
      const response = await call('/v1/push/subscriptions', 'POST', gil, subscription);
      expect(response.status, JSON.stringify(subscription)).toBe(400);
      expect(response.body.error.code).toBe('INVALID_SUBSCRIPTION');
    }
    expect((await call('/v1/push/subscriptions', 'POST', gil, { endpoint: 'https://push.example/x' })).status).toBe(
      400,
    );
    const visitor = await call('/v1/push/subscriptions', 'POST', undefined, {
      endpoint: 'https://push.example/x',
      keys,
    });
    expect(visitor.status).toBe(401);
    expect(
      (await call('/v1/push/subscriptions', 'DELETE', undefined, { endpoint: 'https://push.example/x' })).status,
    ).toBe(401);
  });
});
