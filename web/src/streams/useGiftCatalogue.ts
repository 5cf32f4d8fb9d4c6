/** The gift catalogue (`GET /v1/gifts`), loaded once per page load and shared by the picker and the animations. */
import type { GiftCatalogue } from '../api/types.ts';
import { getGifts } from '../api.ts';
import { useResource } from '../hooks/useResource.ts';

let cached: Promise<GiftCatalogue> | null = null;

function catalogue(): Promise<GiftCatalogue> {
  cached ??= getGifts();
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

export function useGiftCatalogue() {
  return useResource(() => catalogue(), []);
}
