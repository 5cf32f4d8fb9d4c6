import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';

describe('wallet API', () => {
  let looply: TestLooply;
  beforeAll(async () => {
    looply = await startTestLooply();
  });
  afterAll(() => looply?.stop());

  it('lists coin packages and gifts to anyone', async () => {
    const packages = await looply.api('/v1/wallet/packages');
    expect(packages.status).toBe(200);
    expect(packages.body.packages[0]).toEqual({ id: 'coins-70', coins: 70, price_cents: 99, currency: 'usd' });
    const gifts = await looply.api('/v1/gifts');
    expect(gifts.status).toBe(200);
    expect(gifts.body.gifts.map((gift: { id: string }) => gift.id)).toContain('rose');
  });

  it('buys coins once per idempotency key, shows them in the balance and the history, to their owner only', async () => {
    const buyer = await signUp(looply, 'coin_buyer');
    const other = await signUp(looply, 'coin_watcher');
    const purchase = { package_id: 'coins-350', idempotency_key: randomUUID() };
    const first = await looply.api('/v1/wallet/purchases', {
      method: 'POST',
      json: purchase,
      token: buyer.access_token,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'settled', coins: 350, balance: 350 });
    const retry = await looply.api('/v1/wallet/purchases', {
      method: 'POST',
      json: purchase,
      token: buyer.access_token,
    });
    expect(retry.body).toEqual(first.body);

    expect((await looply.api('/v1/wallet', { token: buyer.access_token })).body).toEqual({ coins: 350, diamonds: 0 });
    const history = await looply.api('/v1/wallet/history', { token: buyer.access_token });
    expect(history.body.entries).toEqual([
      expect.objectContaining({ type: 'purchase', currency: 'coins', amount: 350, balance_after: 350, gift_id: null }),
    ]);
    expect(history.body.has_more).toBe(false);

    expect((await looply.api('/v1/wallet', { token: other.access_token })).body).toEqual({ coins: 0, diamonds: 0 });
    expect((await looply.api('/v1/wallet/history', { token: other.access_token })).body.entries).toEqual([]);
  });

  it('refuses bad purchases with clear codes and charges nothing', async () => {
    const buyer = await signUp(looply, 'coin_careful');
    const key = randomUUID();
    const cases: Array<[unknown, number, string]> = [
      [{ package_id: 'coins-1', idempotency_key: key }, 400, 'UNKNOWN_PACKAGE'],
      [{ package_id: 'coins-70', idempotency_key: 'short' }, 400, 'VALIDATION_FAILED'],
      [{ package_id: 'coins-70', idempotency_key: 'has spaces in it' }, 400, 'VALIDATION_FAILED'],
      [{ package_id: 'coins-70' }, 400, 'VALIDATION_FAILED'],
      [{ package_id: 'coins-70', idempotency_key: key, coins: 1_000_000 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [json, status, code] of cases) {
      const response = await looply.api('/v1/wallet/purchases', { method: 'POST', json, token: buyer.access_token });
      expect([response.status, response.body.error?.code]).toEqual([status, code]);
    }
    expect((await looply.api('/v1/wallet', { token: buyer.access_token })).body).toEqual({ coins: 0, diamonds: 0 });
    const reused = await looply.api('/v1/wallet/purchases', {
      method: 'POST',
      json: { package_id: 'coins-70', idempotency_key: key },
      token: buyer.access_token,
    });
    expect(reused.status).toBe(200);
    const otherPackage = await looply.api('/v1/wallet/purchases', {
      method: 'POST',
      json: { package_id: 'coins-350', idempotency_key: key },
      token: buyer.access_token,
    });
    expect([otherPackage.status, otherPackage.body.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses purchases when the payment provider is off', async () => {
    const closed = await startTestLooply({ PAYMENT_PROVIDER: 'off' });
    try {
      const buyer = await signUp(closed, 'coin_closed');
      const response = await closed.api('/v1/wallet/purchases', {
        method: 'POST',
        json: { package_id: 'coins-70', idempotency_key: randomUUID() },
        token: buyer.access_token,
      });
      expect([response.status, response.body.error?.code]).toEqual([402, 'PAYMENT_FAILED']);
      expect((await closed.api('/v1/wallet', { token: buyer.access_token })).body.coins).toBe(0);
    } finally {
      await closed.stop();
    }
  });
});
