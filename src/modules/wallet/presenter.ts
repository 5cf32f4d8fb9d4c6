import type { Static } from 'typebox';
import type { HistoryRow } from './ledger-store.ts';
import type { WalletEntrySchema } from './schemas.ts';

export type WalletEntry = Static<typeof WalletEntrySchema>;

export function toWalletEntry(row: HistoryRow): WalletEntry {
  const amount = Number(row.amount);
  const giftId = typeof row.details.gift_id === 'string' ? row.details.gift_id : null;
  const quantity = typeof row.details.quantity === 'number' ? row.details.quantity : null;
  return {
    id: row.id,
    transaction_id: row.transaction_id,
    type: row.kind === 'purchase' ? 'purchase' : amount < 0 ? 'gift_sent' : 'gift_received',
    currency: row.currency,
    amount,
    balance_after: Number(row.balance_after),
    gift_id: giftId,
    quantity,
    created_at: new Date(row.created_at).toISOString(),
  };
}
