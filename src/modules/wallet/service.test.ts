import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/support/services.ts';
import { GIFTS } from './catalogue.ts';
import { type ChargeOutcome, createSandboxPaymentProvider, type PaymentProvider } from './payment-provider.ts';
import { WalletService } from './service.ts';

const rose = GIFTS.find((item) => item.id === 'rose');
const heart = GIFTS.find((item) => item.id === 'heart');
if (!rose || !heart) throw new Error('the gift catalogue lost its rose or heart');

describe.each(databaseVariants())('wallet on $name', ({ open }) => {
  let database: TestDatabase;
  let wallet: WalletService;
  beforeAll(async () => {
    database = await open();
    wallet = new WalletService({ db: database.db, payments: createSandboxPaymentProvider() });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function funded(coinPackage = 'coins-70'): Promise<string> {
    const userId = randomUUID();
    await wallet.purchaseCoins(userId, coinPackage, randomUUID());
    return userId;
  }

  it('credits bought coins once, however often the purchase is retried', async () => {
    const userId = randomUUID();
    const key = randomUUID();
    const first = await wallet.purchaseCoins(userId, 'coins-350', key);
    const again = await wallet.purchaseCoins(userId, 'coins-350', key);
    expect(first).toMatchObject({ status: 'settled', coins: 350, balance: 350 });
    expect(again).toEqual(first);
    expect(await wallet.balances(userId)).toEqual({ coins: 350, diamonds: 0 });
    await expect(wallet.purchaseCoins(userId, 'coins-70', key)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    await expect(wallet.purchaseCoins(userId, 'coins-3', randomUUID())).rejects.toMatchObject({
      code: 'UNKNOWN_PACKAGE',
    });
  });

  it('finishes a purchase the provider settles later, once', async () => {
    const pending: PaymentProvider = {
      name: 'card-later',
      async charge(request): Promise<ChargeOutcome> {
        return { status: 'pending', providerRef: `ref-${request.purchaseId}` };
      },
    };
    const later = new WalletService({ db: database.db, payments: pending });
    const userId = randomUUID();
    const receipt = await later.purchaseCoins(userId, 'coins-70', randomUUID());
    expect(receipt).toMatchObject({ status: 'pending', balance: 0 });
    await later.settlePurchase(receipt.purchase_id, 'ref');
    await later.settlePurchase(receipt.purchase_id, 'ref');
    expect(await later.balances(userId)).toEqual({ coins: 70, diamonds: 0 });
  });

  it('charges nothing when the payment fails', async () => {
    const declined: PaymentProvider = {
      name: 'declines',
      async charge(): Promise<ChargeOutcome> {
        return { status: 'failed', reason: 'card declined' };
      },
    };
    const userId = randomUUID();
    await expect(
      new WalletService({ db: database.db, payments: declined }).purchaseCoins(userId, 'coins-70', randomUUID()),
    ).rejects.toMatchObject({ code: 'PAYMENT_FAILED', status: 402 });
    expect(await wallet.balances(userId)).toEqual({ coins: 0, diamonds: 0 });
  });

  it('moves coins from the sender and diamonds to the creator, and keeps both histories', async () => {
    const sender = await funded();
    const creator = randomUUID();
    const receipt = await wallet.sendGift({
      senderId: sender,
      recipientId: creator,
      giftId: 'heart',
      quantity: 3,
      idempotencyKey: randomUUID(),
      context: { stream_id: 'stream-1' },
    });
    expect(receipt).toMatchObject({ coins_spent: 15, diamonds_earned: 15, balance: 55, replayed: false });
    expect(await wallet.balances(sender)).toEqual({ coins: 55, diamonds: 0 });
    expect(await wallet.balances(creator)).toEqual({ coins: 0, diamonds: 15 });
    const senderHistory = await wallet.history(sender, null, 10);
    expect(
      senderHistory.entries.map((entry) => [entry.kind, Number(entry.amount), Number(entry.balance_after)]),
    ).toEqual([
      ['gift', -15, 55],
      ['purchase', 70, 70],
    ]);
    expect(senderHistory.entries[0]?.details).toMatchObject({ gift_id: 'heart', stream_id: 'stream-1' });
    const page = await wallet.history(sender, null, 1);
    expect(page.next).not.toBeNull();
    expect((await wallet.history(sender, page.next, 1)).entries.map((entry) => entry.kind)).toEqual(['purchase']);
  });

  it('refuses a gift the sender cannot pay for, whole, and charges nothing', async () => {
    const sender = await funded();
    const creator = randomUUID();
    await expect(
      wallet.sendGift({
        senderId: sender,
        recipientId: creator,
        giftId: 'lion',
        quantity: 1,
        idempotencyKey: 'k-lion',
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_COINS', status: 402 });
    expect(await wallet.balances(sender)).toEqual({ coins: 70, diamonds: 0 });
    expect(await wallet.balances(creator)).toEqual({ coins: 0, diamonds: 0 });
    // The refused attempt used no key: the same key may pay once the coins are there.
    await wallet.purchaseCoins(sender, 'coins-1400', randomUUID());
    const paid = await wallet.sendGift({
      senderId: sender,
      recipientId: creator,
      giftId: 'lion',
      quantity: 1,
      idempotencyKey: 'k-lion',
    });
    expect(paid.balance).toBe(970);
  });

  it('refuses unknown gifts, gifts to oneself and a key reused for another gift', async () => {
    const sender = await funded();
    const base = { senderId: sender, recipientId: randomUUID(), quantity: 1, idempotencyKey: randomUUID() };
    await expect(wallet.sendGift({ ...base, giftId: 'unicorn' })).rejects.toMatchObject({ code: 'UNKNOWN_GIFT' });
    await expect(wallet.sendGift({ ...base, giftId: 'rose', recipientId: sender })).rejects.toMatchObject({
      code: 'CANNOT_GIFT_SELF',
    });
    await wallet.sendGift({ ...base, giftId: 'rose' });
    await expect(wallet.sendGift({ ...base, giftId: 'heart' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('keeps every balance exact under 200 concurrent gifts from 20 wallets, with retried keys charged once', async () => {
    const creators = [randomUUID(), randomUUID()];
    const senders = await Promise.all(Array.from({ length: 20 }, () => funded()));
    // 10 gifts per wallet (7 hearts of 5 coins + 3 roses), each sent twice with the same key: 200 distinct gifts,
    // 400 requests. 70 coins cannot pay for 7 hearts and 3 roses (38 coins) twice over, so a double charge shows.
    const gifts = senders.flatMap((senderId, s) =>
      Array.from({ length: 10 }, (_, g) => ({
        senderId,
        recipientId: creators[(s + g) % 2] as string,
        giftId: g < 7 ? 'heart' : 'rose',
        quantity: 1,
        idempotencyKey: `gift-${s}-${g}`,
      })),
    );
    const outcomes = await Promise.allSettled([...gifts, ...gifts].map((request) => wallet.sendGift(request)));
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const perWallet = 7 * heart.coins + 3 * rose.coins;
    for (const sender of senders) expect(await wallet.balances(sender)).toEqual({ coins: 70 - perWallet, diamonds: 0 });
    const earned = await Promise.all(creators.map(async (id) => (await wallet.balances(id)).diamonds));
    expect(earned.reduce((sum, value) => sum + value, 0)).toBe(20 * perWallet);
    const replayed = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value.replayed);
    expect(replayed).toHaveLength(200);
  });

  it('never lets concurrent gifts overdraw a wallet', async () => {
    const sender = await funded();
    const creator = randomUUID();
    // 70 coins, 20 hearts of 5 asked at once: exactly 14 can be paid.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        wallet.sendGift({
          senderId: sender,
          recipientId: creator,
          giftId: 'heart',
          quantity: 1,
          idempotencyKey: `o-${i}`,
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(14);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused.map((outcome) => (outcome.reason as { code: string }).code)).toEqual(
      Array(6).fill('INSUFFICIENT_COINS'),
    );
    expect(await wallet.balances(sender)).toEqual({ coins: 0, diamonds: 0 });
  });

  it('balances its books: entries sum to zero per currency and every balance is the sum of its entries', async () => {
    const audit = await wallet.audit();
    expect(audit).toEqual([
      { currency: 'coins', sum: 0, mismatched: 0, negative: 0 },
      { currency: 'diamonds', sum: 0, mismatched: 0, negative: 0 },
    ]);
  });
});
