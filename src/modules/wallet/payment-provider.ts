import { randomUUID } from 'node:crypto';

/** A request to charge a person for coins. `idempotencyKey` makes a retried charge the same charge. */
export interface ChargeRequest {
  purchaseId: string;
  userId: string;
  amountCents: number;
  currency: string;
  description: string;
  idempotencyKey: string;
}

/**
 * What the provider said. `settled`: the money is ours, credit the coins now. `pending`: it settles later and the
 * provider calls back (a real card provider's webhook ends in WalletService.settlePurchase). `failed`: nothing charged.
 */
export type ChargeOutcome =
  | { status: 'settled'; providerRef: string }
  | { status: 'pending'; providerRef: string }
  | { status: 'failed'; reason: string };

/** The payment-provider port: a real provider (Stripe, Adyen …) implements it beside the sandbox. */
export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
}

/**
 * Settles every charge at once without moving real money: for tests and local use. It still keys charges by
 * idempotency key, as a real provider does, so a retried purchase is one charge.
 */
export function createSandboxPaymentProvider(): PaymentProvider {
  const charges = new Map<string, string>();
  return {
    name: 'sandbox',
    async charge(request) {
      const key = `${request.userId}:${request.idempotencyKey}`;
      const ref = charges.get(key) ?? `sandbox_${randomUUID()}`;
      charges.set(key, ref);
      return { status: 'settled', providerRef: ref };
    },
  };
}

/** PAYMENT_PROVIDER=off: every purchase is refused and nothing is charged. */
export function createDisabledPaymentProvider(): PaymentProvider {
  return {
    name: 'off',
    async charge() {
      return { status: 'failed', reason: 'coin purchases are turned off on this server' };
    },
  };
}

export function paymentProviderFor(setting: 'sandbox' | 'off'): PaymentProvider {
  return setting === 'sandbox' ? createSandboxPaymentProvider() : createDisabledPaymentProvider();
}
