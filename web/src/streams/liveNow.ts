/**
 * Who is on air, from `GET /v1/live`, shared by every avatar that may wear a LIVE ring: fetched when first asked
 * for and again once it is older than a short while, so a feed of avatars costs one request, not one per avatar.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { LiveStream } from '../api/types.ts';
import { getLiveNow } from '../api.ts';

const FRESH_MS = 20_000;

/** Host id → the stream they are live in. */
let onAir: ReadonlyMap<string, LiveStream> = new Map();
let fetchedAt = 0;
let pending: Promise<void> | null = null;
const listeners = new Set<() => void>();

function refresh(): void {
  if (pending || Date.now() - fetchedAt < FRESH_MS) return;
  pending = getLiveNow()
    .then((page) => {
      const next = new Map<string, LiveStream>();
      for (const stream of page.streams) if (stream.host && stream.status === 'live') next.set(stream.host.id, stream);
      onAir = next;
      for (const listener of listeners) listener();
    })
    .catch(() => {})
    .finally(() => {
      fetchedAt = Date.now();
      pending = null;
    });
}

/** What a page that listed streams itself learned: saves the rings a request. */
export function rememberOnAir(streams: readonly LiveStream[]): void {
  onAir = new Map(streams.filter((s) => s.host && s.status === 'live').map((s) => [s.host?.id ?? '', s]));
  fetchedAt = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The stream `userId` is live in now, or null (as of the last few seconds). */
export function useLiveStreamOf(userId: string | null | undefined): LiveStream | null {
  useEffect(refresh, []);
  const map = useSyncExternalStore(subscribe, () => onAir);
  return userId ? (map.get(userId) ?? null) : null;
}
