/** Coin packages to buy (`GET /v1/wallet/packages`); a purchase is charged once per click, retries included. */
import { useCallback, useState } from 'react';
import { ApiError, buyCoins, getCoinPackages } from '../api.ts';
import { useResource } from '../hooks/useResource.ts';
import { FormError } from '../ui/form.tsx';
import { giftErrorMessage } from './giftErrors.ts';
import { useIdempotentAction } from './idempotentAction.ts';

const price = (cents: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);

export function CoinPackages({ onBalance }: { onBalance: (coins: number) => void }) {
  const packages = useResource((signal) => getCoinPackages(signal), []);
  const [error, setError] = useState<string | null>(null);
  const buy = useIdempotentAction(
    useCallback(
      async (packageId: string, key: string) => {
        setError(null);
        const purchase = await buyCoins({ package_id: packageId, idempotency_key: key });
        if (purchase.status === 'failed') throw new ApiError(402, 'PAYMENT_FAILED', 'The payment did not go through.');
        onBalance(purchase.balance);
      },
      [onBalance],
    ),
    useCallback((err: unknown) => setError(giftErrorMessage(err)), []),
  );

  if (packages.error) return <FormError>{packages.error}</FormError>;
  return (
    <section className="coin-packages" aria-label="Get coins">
      <h3>Get coins</h3>
      <ul>
        {(packages.data ?? []).map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="pill"
              data-testid="coin-package"
              disabled={buy.busy}
              onClick={() => void buy.run(p.id)}
            >
              🪙 {p.coins} · {price(p.price_cents, p.currency)}
            </button>
          </li>
        ))}
      </ul>
      {error && <FormError>{error}</FormError>}
      {buy.retryable && (
        <button type="button" className="button" disabled={buy.busy} onClick={() => void buy.retry()}>
          Retry purchase
        </button>
      )}
    </section>
  );
}
