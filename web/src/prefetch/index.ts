/**
 * The prefetch module's public face: one engine for the page, the switch that turns it off (`?prefetch=off` or
 * localStorage `looply.prefetch=off`, for comparisons), and poster warming.
 */
import { PrefetchEngine } from './engine.ts';

export { MediaCache } from './cache.ts';
export type { EngineStats, FeedEntry } from './engine.ts';
export { PrefetchEngine } from './engine.ts';
export { BandwidthEstimator, SwipeTracker } from './estimators.ts';
export { createCachedLoader, loaderCounters } from './loader.ts';
export { networkTier, type PlanInput, type PrefetchTarget, pickVariant, planPrefetch } from './plan.ts';
export { parseMasterPlaylist, parseMediaPlaylist, type Variant } from './playlist.ts';

const STORAGE_KEY = 'looply.prefetch';

/**
 * How this page warms what comes next: `on` (the engine, and the neighbours of the item on screen hold a player),
 * `neighbours` (neighbour players only, no engine) or `off` (a plain player that loads when its item comes on
 * screen). Set with `?prefetch=` (remembered) or localStorage `looply.prefetch`; for comparisons and debugging.
 */
export type PrefetchMode = 'on' | 'neighbours' | 'off';

export function prefetchMode(): PrefetchMode {
  const valid = (value: string | null): value is PrefetchMode =>
    value === 'on' || value === 'off' || value === 'neighbours';
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('prefetch');
    if (valid(fromUrl)) localStorage.setItem(STORAGE_KEY, fromUrl);
    const stored = localStorage.getItem(STORAGE_KEY);
    return valid(stored) ? stored : 'on';
  } catch {
    return 'on';
  }
}

export const mode: PrefetchMode = prefetchMode();

interface NetworkInformationLike {
  downlink?: number;
  saveData?: boolean;
}

function connection(): NetworkInformationLike | undefined {
  return (navigator as Navigator & { connection?: NetworkInformationLike }).connection;
}

const warmed = new Set<string>();

/** Fetch and decode a poster ahead of time, so the item shows its picture the moment it scrolls in. */
export function warmPoster(url: string): void {
  if (warmed.has(url)) return;
  warmed.add(url);
  if (warmed.size > 200) warmed.delete(warmed.values().next().value ?? '');
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  img.decode().catch(() => {});
}

function playerShortSidePx(): number {
  const dpr = Math.min(window.devicePixelRatio || 1, 3);
  const width = Math.min(window.innerWidth, (window.innerHeight * 9) / 16);
  return Math.round(width * dpr);
}

function canPlay(codecs: string | null): boolean {
  if (!codecs) return true;
  const MS = (window as { ManagedMediaSource?: typeof MediaSource }).ManagedMediaSource ?? window.MediaSource;
  return MS ? MS.isTypeSupported(`video/mp4; codecs="${codecs}"`) : true;
}

/** The page's engine. `navigator.connection.downlink` (Mbit/s) seeds its bandwidth estimate. */
export const prefetch = new PrefetchEngine({
  initialBandwidthBps: (connection()?.downlink ?? 0) * 1_000_000 || null,
  saveData: () => connection()?.saveData === true,
  playerShortSidePx,
  canPlay,
  warmPoster,
});
prefetch.enabled = mode === 'on';

declare global {
  interface Window {
    /** For the swipe benchmark and debugging: the engine's counters. */
    __looplyPrefetch?: PrefetchEngine;
  }
}
window.__looplyPrefetch = prefetch;
