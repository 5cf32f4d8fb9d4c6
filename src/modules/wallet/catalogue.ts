/** What coins cost and what they buy. Prices are in the smallest unit of `PRICE_CURRENCY`. */
export const PRICE_CURRENCY = 'usd';

export interface CoinPackage {
  id: string;
  coins: number;
  price_cents: number;
}

export const COIN_PACKAGES: readonly CoinPackage[] = [
  { id: 'coins-70', coins: 70, price_cents: 99 },
  { id: 'coins-350', coins: 350, price_cents: 499 },
  { id: 'coins-1400', coins: 1400, price_cents: 1999 },
  { id: 'coins-7000', coins: 7000, price_cents: 9999 },
];

export interface Gift {
  id: string;
  name: string;
  coins: number;
  /** The animation the web app plays when the gift arrives. */
  animation: 'float' | 'burst' | 'rain' | 'fly' | 'roar';
}

export const GIFTS: readonly Gift[] = [
  { id: 'rose', name: 'Rose', coins: 1, animation: 'float' },
  { id: 'heart', name: 'Heart', coins: 5, animation: 'burst' },
  { id: 'confetti', name: 'Confetti', coins: 30, animation: 'rain' },
  { id: 'rocket', name: 'Rocket', coins: 100, animation: 'fly' },
  { id: 'lion', name: 'Lion', coins: 500, animation: 'roar' },
];

/** The creator earns one diamond for each coin a gift cost; what a diamond pays out is the operator's policy. */
export const DIAMONDS_PER_COIN = 1;
/** Gifts of one kind sent at once (a combo). */
export const MAX_GIFT_QUANTITY = 99;

export function coinPackage(id: string): CoinPackage | undefined {
  return COIN_PACKAGES.find((item) => item.id === id);
}

export function gift(id: string): Gift | undefined {
  return GIFTS.find((item) => item.id === id);
}
