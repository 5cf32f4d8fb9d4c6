import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { PageQuery } from '../../http/schemas.ts';
import { decodeSeqCursor, encodeSeqCursor } from '../../http/seq-cursor.ts';
import { COIN_PACKAGES, GIFTS, MAX_GIFT_QUANTITY, PRICE_CURRENCY } from './catalogue.ts';
import { toWalletEntry } from './presenter.ts';
import {
  BalancesSchema,
  CoinPackagesSchema,
  GiftCatalogueSchema,
  PurchaseBody,
  PurchaseReceiptSchema,
  WalletHistorySchema,
} from './schemas.ts';
import type { WalletService } from './service.ts';

const HISTORY_PAGE = 20;

export function registerWalletRoutes(app: FastifyInstance, wallet: WalletService, rateLimit: RateLimiter): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['wallet'];

  api.get('/v1/wallet', { schema: { tags, response: { 200: BalancesSchema } } }, async (request) =>
    wallet.balances(requireViewer(request).userId),
  );

  api.get(
    '/v1/wallet/history',
    { schema: { tags, querystring: PageQuery, response: { 200: WalletHistorySchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      const before = decodeSeqCursor(request.query.cursor);
      const page = await wallet.history(viewer.userId, before, request.query.count ?? HISTORY_PAGE);
      return {
        entries: page.entries.map(toWalletEntry),
        cursor: encodeSeqCursor(page.next),
        has_more: page.next !== null,
      };
    },
  );

  api.get('/v1/wallet/packages', { schema: { tags, response: { 200: CoinPackagesSchema } } }, async () => ({
    packages: COIN_PACKAGES.map((item) => ({ ...item, currency: PRICE_CURRENCY })),
  }));

  api.post(
    '/v1/wallet/purchases',
    { schema: { tags, body: PurchaseBody, response: { 200: PurchaseReceiptSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.purchase);
      return wallet.purchaseCoins(viewer.userId, request.body.package_id, request.body.idempotency_key);
    },
  );

  api.get('/v1/gifts', { schema: { tags, response: { 200: GiftCatalogueSchema } } }, async () => ({
    gifts: [...GIFTS],
    max_quantity: MAX_GIFT_QUANTITY,
  }));
}
