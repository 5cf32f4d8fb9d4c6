import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db/database.ts';
import { AppError, badRequest, conflict } from '../../platform/errors.ts';
import { coinPackage, DIAMONDS_PER_COIN, gift, PRICE_CURRENCY } from './catalogue.ts';
import { type HistoryRow, LedgerStore } from './ledger-store.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { type PurchaseRow, PurchaseStore } from './purchase-store.ts';

export interface Balances {
  coins: number;
  diamonds: number;
}

export interface PurchaseReceipt {
  purchase_id: string;
  package_id: string;
  coins: number;
  status: PurchaseRow['status'];
  /** The buyer's coins afterwards. */
  balance: number;
}

export interface GiftRequest {
  senderId: string;
  recipientId: string;
  giftId: string;
  quantity: number;
  /** The client's key for this one gift: the same key again is the same gift, charged once. */
  idempotencyKey: string;
  /** Where it was sent, e.g. the live stream: kept with the transaction. */
  context?: Record<string, string>;
}

export interface GiftReceipt {
  transaction_id: string;
  gift_id: string;
  quantity: number;
  coins_spent: number;
  diamonds_earned: number;
  /** The sender's coins afterwards. */
  balance: number;
  /** True when this key was already used for this gift: nothing was charged again. */
  replayed: boolean;
}

export interface HistoryPage {
  entries: HistoryRow[];
  /** Where the next page starts; null at the end. */
  next: string | null;
}

const insufficientCoins = () =>
  new AppError(402, 'INSUFFICIENT_COINS', 'You do not have enough coins for this gift: buy more and try again.');
const keyReused = () =>
  conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request.');

/**
 * Coins and diamonds on a double-entry ledger. Every movement is one database transaction whose entries sum to zero
 * per currency; a person's balance never goes below zero; a request carrying an idempotency key moves money once.
 */
export class WalletService {
  readonly #db: Database;
  readonly #payments: PaymentProvider;

  constructor(deps: { db: Database; payments: PaymentProvider }) {
    this.#db = deps.db;
    this.#payments = deps.payments;
  }

  async balances(userId: string): Promise<Balances> {
    return new LedgerStore(this.#db).balances(userId);
  }

  async history(userId: string, before: string | null, limit: number): Promise<HistoryPage> {
    const rows = await new LedgerStore(this.#db).history(userId, before, limit + 1);
    const entries = rows.slice(0, limit);
    return { entries, next: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
  }

  /**
   * Charges the buyer through the payment provider and credits the coins when it settles. A retry with the same
   * key (after a timeout or a crash) finds the first purchase and finishes it instead of charging twice.
   */
  async purchaseCoins(userId: string, packageId: string, idempotencyKey: string): Promise<PurchaseReceipt> {
    const item = coinPackage(packageId);
    if (!item) throw badRequest('UNKNOWN_PACKAGE', 'There is no coin package with that id.');
    const purchases = new PurchaseStore(this.#db);
    const fresh = {
      id: randomUUID(),
      userId,
      packageId,
      coins: item.coins,
      priceCents: item.price_cents,
      currency: PRICE_CURRENCY,
      provider: this.#payments.name,
      idempotencyKey,
    };
    const inserted = await purchases.insert(fresh);
    const purchase = inserted ? await purchases.find(fresh.id) : await purchases.findByKey(userId, idempotencyKey);
    if (!purchase) throw new Error(`purchase ${fresh.id} vanished`);
    if (purchase.package_id !== packageId) throw keyReused();
    if (purchase.status === 'pending') await this.#charge(purchase);
    return this.#receipt(purchase.id);
  }

  /** The provider says the payment went through: credits the coins, once (a repeated call changes nothing). */
  async settlePurchase(purchaseId: string, providerRef: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const purchases = new PurchaseStore(tx);
      const purchase = await purchases.lockPending(purchaseId);
      if (!purchase) return;
      const coins = Number(purchase.coins);
      const transactionId = randomUUID();
      const ledger = new LedgerStore(tx);
      await ledger.insertTransaction({
        id: transactionId,
        kind: 'purchase',
        actorId: purchase.user_id,
        idempotencyKey: `purchase:${purchase.id}`,
        fingerprint: purchase.id,
        details: { purchase_id: purchase.id, package_id: purchase.package_id },
      });
      const buyer = await ledger.userAccount(purchase.user_id, 'coins');
      const balance = await ledger.credit(buyer, coins);
      await ledger.insertEntries(transactionId, [
        { accountId: await ledger.systemAccount('issuance', 'coins'), amount: -coins, balanceAfter: null },
        { accountId: buyer, amount: coins, balanceAfter: balance },
      ]);
      await purchases.markSettled(purchase.id, providerRef, transactionId);
    });
  }

  /** Coins from the sender, diamonds to the recipient, in one transaction; refused whole when coins are short. */
  async sendGift(request: GiftRequest): Promise<GiftReceipt> {
    const item = gift(request.giftId);
    if (!item) throw badRequest('UNKNOWN_GIFT', 'There is no gift with that id.');
    if (request.senderId === request.recipientId) {
      throw badRequest('CANNOT_GIFT_SELF', 'You cannot send a gift to yourself.');
    }
    const coins = item.coins * request.quantity;
    const diamonds = coins * DIAMONDS_PER_COIN;
    const details = {
      gift_id: item.id,
      quantity: request.quantity,
      coins,
      diamonds,
      sender_id: request.senderId,
      recipient_id: request.recipientId,
      ...(request.context ?? {}),
    };
    const fingerprint = JSON.stringify(details);
    const transactionId = randomUUID();
    const receipt = (balance: number, id: string, replayed: boolean): GiftReceipt => ({
      transaction_id: id,
      gift_id: item.id,
      quantity: request.quantity,
      coins_spent: coins,
      diamonds_earned: diamonds,
      balance,
      replayed,
    });
    const balance = await this.#db.transaction(async (tx) => {
      const ledger = new LedgerStore(tx);
      const fresh = await ledger.insertTransaction({
        id: transactionId,
        kind: 'gift',
        actorId: request.senderId,
        idempotencyKey: request.idempotencyKey,
        fingerprint,
        details,
      });
      if (!fresh) return null;
      return this.#moveGift(ledger, transactionId, request, coins, diamonds);
    });
    if (balance !== null) return receipt(balance, transactionId, false);
    const earlier = await new LedgerStore(this.#db).findTransaction(request.senderId, request.idempotencyKey);
    if (!earlier || earlier.fingerprint !== fingerprint) throw keyReused();
    return receipt((await this.balances(request.senderId)).coins, earlier.id, true);
  }

  /** Per currency: the sum of all entries (zero when the books balance) and accounts out of line with their entries. */
  audit() {
    return new LedgerStore(this.#db).audit();
  }

  async #moveGift(
    ledger: LedgerStore,
    transactionId: string,
    request: GiftRequest,
    coins: number,
    diamonds: number,
  ): Promise<number> {
    const sender = await ledger.userAccount(request.senderId, 'coins');
    const left = await ledger.debit(sender, coins);
    if (left === null) throw insufficientCoins();
    const recipient = await ledger.userAccount(request.recipientId, 'diamonds');
    const earned = await ledger.credit(recipient, diamonds);
    await ledger.insertEntries(transactionId, [
      { accountId: sender, amount: -coins, balanceAfter: left },
      { accountId: await ledger.systemAccount('spent', 'coins'), amount: coins, balanceAfter: null },
      { accountId: await ledger.systemAccount('issuance', 'diamonds'), amount: -diamonds, balanceAfter: null },
      { accountId: recipient, amount: diamonds, balanceAfter: earned },
    ]);
    return left;
  }

  async #charge(purchase: PurchaseRow): Promise<void> {
    const outcome = await this.#payments.charge({
      purchaseId: purchase.id,
      userId: purchase.user_id,
      amountCents: purchase.price_cents,
      currency: purchase.currency,
      description: `${purchase.coins} Looply coins`,
      idempotencyKey: purchase.id,
    });
    const purchases = new PurchaseStore(this.#db);
    if (outcome.status === 'failed') {
      await purchases.markFailed(purchase.id);
      throw new AppError(402, 'PAYMENT_FAILED', `The payment did not go through: ${outcome.reason}`);
    }
    if (outcome.status === 'settled') await this.settlePurchase(purchase.id, outcome.providerRef);
    else await purchases.setProviderRef(purchase.id, outcome.providerRef);
  }

  async #receipt(purchaseId: string): Promise<PurchaseReceipt> {
    const purchase = await new PurchaseStore(this.#db).find(purchaseId);
    if (!purchase) throw new Error(`purchase ${purchaseId} vanished`);
    return {
      purchase_id: purchase.id,
      package_id: purchase.package_id,
      coins: Number(purchase.coins),
      status: purchase.status,
      balance: (await this.balances(purchase.user_id)).coins,
    };
  }
}
