import { Type } from 'typebox';
import { TEXT_LIMITS } from '../../config.ts';
import { Nullable } from '../../http/schemas.ts';
import { MAX_GIFT_QUANTITY } from './catalogue.ts';

export const IdempotencyKey = Type.String({
  minLength: TEXT_LIMITS.idempotencyKey.min,
  maxLength: TEXT_LIMITS.idempotencyKey.max,
  pattern: '^[A-Za-z0-9_.:-]+$',
  description: 'Chosen by the client, unique per request it means once: a retry with the same key moves money once.',
});

export const BalancesSchema = Type.Object({
  coins: Type.Integer({ description: 'Bought with money, spent on gifts.' }),
  diamonds: Type.Integer({ description: 'Earned from gifts received.' }),
});

export const CoinPackageSchema = Type.Object({
  id: Type.String(),
  coins: Type.Integer(),
  price_cents: Type.Integer(),
  currency: Type.String(),
});

export const CoinPackagesSchema = Type.Object({ packages: Type.Array(CoinPackageSchema) });

export const GiftSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  coins: Type.Integer(),
  animation: Type.String(),
});

export const GiftCatalogueSchema = Type.Object({
  gifts: Type.Array(GiftSchema),
  max_quantity: Type.Integer({ default: MAX_GIFT_QUANTITY }),
});

export const PurchaseBody = Type.Object(
  { package_id: Type.String({ maxLength: 40 }), idempotency_key: IdempotencyKey },
  { additionalProperties: false },
);

export const PurchaseReceiptSchema = Type.Object({
  purchase_id: Type.String(),
  package_id: Type.String(),
  coins: Type.Integer(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('settled'), Type.Literal('failed')]),
  balance: Type.Integer({ description: 'Your coins afterwards.' }),
});

export const WalletEntrySchema = Type.Object({
  id: Type.String(),
  transaction_id: Type.String(),
  type: Type.Union([Type.Literal('purchase'), Type.Literal('gift_sent'), Type.Literal('gift_received')]),
  currency: Type.Union([Type.Literal('coins'), Type.Literal('diamonds')]),
  amount: Type.Integer({ description: 'Signed: negative when it left the account.' }),
  balance_after: Type.Integer(),
  gift_id: Nullable(Type.String()),
  quantity: Nullable(Type.Integer()),
  created_at: Type.String(),
});

export const WalletHistorySchema = Type.Object({
  entries: Type.Array(WalletEntrySchema),
  cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
});
