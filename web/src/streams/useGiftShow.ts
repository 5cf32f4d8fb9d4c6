/** The gifts on screen now: each one arriving is shown for its animation's length, a few at most at a time. */
import { useCallback, useRef, useState } from 'react';

export interface ShownGift {
  key: number;
  giftId: string;
  quantity: number;
  from: string;
}

const MAX_ON_SCREEN = 6;
const SHOW_MS = 3000;

export function useGiftShow() {
  const [shown, setShown] = useState<ShownGift[]>([]);
  const next = useRef(1);

  const show = useCallback((gift: Omit<ShownGift, 'key'>) => {
    const key = next.current++;
    setShown((list) => [...list, { ...gift, key }].slice(-MAX_ON_SCREEN));
    setTimeout(() => setShown((list) => list.filter((g) => g.key !== key)), SHOW_MS);
  }, []);

  return { shown, show };
}
