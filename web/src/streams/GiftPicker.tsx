/**
 * The gift sheet: the catalogue with coin prices, this person's balance, a Send that is charged once however often
 * it is retried, and coin packages when the balance runs short.
 */
import { useCallback, useState } from 'react';
import type { Gift, GiftReceipt } from '../api/types.ts';
import { ApiError, getWallet, sendGift } from '../api.ts';
import { useResource } from '../hooks/useResource.ts';
import { FormError } from '../ui/form.tsx';
import { CoinPackages } from './CoinPackages.tsx';
import { giftErrorMessage } from './giftErrors.ts';
import { giftPicture } from './giftLook.ts';
import { useIdempotentAction } from './idempotentAction.ts';

interface Props {
  streamId: string;
  gifts: readonly Gift[];
  onSent: (receipt: GiftReceipt) => void;
  onClose: () => void;
}

export function GiftPicker({ streamId, gifts, onSent, onClose }: Props) {
  const wallet = useResource((signal) => getWallet(signal), []);
  const [picked, setChosen] = useState<string | null>(null);
  const chosen = picked ?? gifts[0]?.id ?? null;
  const [error, setError] = useState<string | null>(null);
  const [shop, setShop] = useState(false);
  const setCoins = useCallback((coins: number) => wallet.setData((w) => ({ ...w, coins })), [wallet.setData]);

  const send = useIdempotentAction(
    useCallback(
      async (giftId: string, key: string) => {
        setError(null);
        const receipt = await sendGift(streamId, { gift_id: giftId, quantity: 1, idempotency_key: key });
        setCoins(receipt.balance);
        onSent(receipt);
      },
      [streamId, setCoins, onSent],
    ),
    useCallback((err: unknown) => {
      setError(giftErrorMessage(err));
      if (err instanceof ApiError && err.code === 'INSUFFICIENT_COINS') setShop(true);
    }, []),
  );
  const coins = wallet.data?.coins;
  const price = gifts.find((g) => g.id === chosen)?.coins ?? 0;

  return (
    <section className="gift-picker" aria-label="Send a gift" data-testid="gift-picker">
      <header className="gift-picker-header">
        <h2>Send a gift</h2>
        <span className="coin-balance" data-testid="coin-balance">
          🪙 {coins === undefined ? '…' : coins}
        </span>
        <button type="button" className="icon-button plain" aria-label="Close gifts" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="gift-grid" role="radiogroup" aria-label="Gifts">
        {gifts.map((gift) => (
          <label
            key={gift.id}
            className={chosen === gift.id ? 'gift-choice on' : 'gift-choice'}
            data-testid={`gift-${gift.id}`}
          >
            <input
              type="radio"
              name="gift"
              className="sr-only"
              checked={chosen === gift.id}
              onChange={() => setChosen(gift.id)}
            />
            <span className="gift-choice-picture" aria-hidden="true">
              {giftPicture(gift.id)}
            </span>
            <span>{gift.name}</span>
            <small className="muted">🪙 {gift.coins}</small>
          </label>
        ))}
      </div>
      {error && <FormError testId="gift-error">{error}</FormError>}
      <div className="gift-picker-actions">
        <button type="button" className="button" onClick={() => setShop((s) => !s)} data-testid="get-coins">
          Get coins
        </button>
        {send.retryable ? (
          <button type="button" className="button primary" disabled={send.busy} onClick={() => void send.retry()}>
            Retry
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            data-testid="send-gift"
            disabled={!chosen || send.busy || (coins !== undefined && coins < price)}
            onClick={() => chosen && void send.run(chosen)}
          >
            Send
          </button>
        )}
      </div>
      {(shop || (coins !== undefined && coins < price)) && <CoinPackages onBalance={setCoins} />}
    </section>
  );
}
