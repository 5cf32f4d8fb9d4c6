/**
 * The prefetch plan as pure functions: given where the person is in the feed, how fast they swipe and how fast the
 * network is, which items to warm and how deep. The engine turns the plan into requests; tests pin its decisions.
 *
 * The base plan is the reference design's: while N plays, N+1's first 2 segments, N+2's first segment, N+3's
 * playlists and poster. After a swipe the same plan, one further on, is the "adjustment" (N+2 becomes the next
 * item and gets its 2 segments, N+3 its first, N+4 its playlists).
 */
import type { Variant } from './playlist.ts';

export interface PlanInput {
  /** Index of the item on screen. */
  position: number;
  /** Items known in the feed (the plan never points past them). */
  count: number;
  /** Measured throughput in bits per second; null before anything was measured. */
  bandwidthBps: number | null;
  /** Bits per second of the rendition that will play (the prefetched one); null when unknown. */
  bitrateBps?: number | null;
  /** Typical seconds the person stays on an item (median of recent swipes); null before two swipes. */
  dwellSeconds?: number | null;
  /** The direction of the last move: 1 down the feed, -1 back up. */
  direction?: 1 | -1;
  /** The browser asks to save data (Save-Data / `navigator.connection.saveData`). */
  saveData?: boolean;
  /** Length of one segment, seconds. */
  segmentSeconds?: number;
}

export interface PrefetchTarget {
  /** Feed index of the item. */
  index: number;
  /** index − position. */
  offset: number;
  /** How many leading segments to buffer (0: playlists and poster only). */
  segments: number;
}

export type NetworkTier = 'slow' | 'normal' | 'fast';

/** Bitrate assumed for planning when the rendition is not known yet (about our 360p–480p rungs). */
const DEFAULT_BITRATE_BPS = 1_000_000;
/** Swiping on within this many seconds is skimming: the person sees little of each item. */
const SKIMMING_DWELL_S = 3;
/** Staying this long is watching: items far ahead are less likely to be reached soon. */
const WATCHING_DWELL_S = 12;

/** How much faster than the rendition's bitrate the network is: below 1.5× prefetching competes with playback. */
export function networkTier(bandwidthBps: number | null, bitrateBps: number | null = null): NetworkTier {
  if (bandwidthBps === null || !Number.isFinite(bandwidthBps) || bandwidthBps <= 0) return 'normal';
  const headroom = bandwidthBps / (bitrateBps && bitrateBps > 0 ? bitrateBps : DEFAULT_BITRATE_BPS);
  if (headroom < 1.5) return 'slow';
  if (headroom >= 4) return 'fast';
  return 'normal';
}

/** Segments per offset ahead (index 0 is N+1): the reference plan and its variants per network tier. */
const DEPTHS: Record<NetworkTier, readonly number[]> = {
  slow: [1, 0, 0],
  normal: [2, 1, 0],
  fast: [3, 2, 1, 0],
};

/** What to warm, highest priority first. The item on screen itself is its player's business, not the plan's. */
export function planPrefetch(input: PlanInput): PrefetchTarget[] {
  const { position, count } = input;
  if (count <= 0) return [];
  const segmentSeconds = input.segmentSeconds && input.segmentSeconds > 0 ? input.segmentSeconds : 2;
  const tier = input.saveData ? 'slow' : networkTier(input.bandwidthBps, input.bitrateBps ?? null);
  let depths = [...DEPTHS[tier]];

  const dwell = input.dwellSeconds ?? null;
  if (dwell !== null && dwell < SKIMMING_DWELL_S && !input.saveData) {
    // Skimming: each item is seen for `dwell` seconds, so depth beyond that is waste; reach further instead.
    const needed = Math.max(1, Math.ceil(dwell / segmentSeconds));
    depths = depths.map((d) => (d > 0 ? Math.min(d, needed) : tier === 'slow' ? 0 : 1));
    depths.push(0);
  } else if (dwell !== null && dwell > WATCHING_DWELL_S && depths.length > 3) {
    // Watching whole videos: the item after next is far away in time; keep its playlists only.
    depths = depths.slice(0, 3);
  }

  const targets: PrefetchTarget[] = [];
  depths.forEach((segments, i) => {
    const index = position + i + 1;
    if (index < count) targets.push({ index, offset: i + 1, segments });
  });
  // Going back up the feed: the item above is the likely next one.
  if (input.direction === -1 && position - 1 >= 0) {
    targets.unshift({ index: position - 1, offset: -1, segments: tier === 'slow' ? 1 : 2 });
  }
  return targets;
}

export interface VariantChoice {
  bandwidthBps: number | null;
  /** Physical pixels of the player's shorter side (css px × devicePixelRatio); null: no cap. */
  playerShortSidePx?: number | null;
  /** Whether the browser can decode a variant's codecs (MediaSource.isTypeSupported); default: yes. */
  canPlay?: (codecs: string | null) => boolean;
}

/** Share of the measured bandwidth a rendition may use, leaving room for prefetching and estimate error. */
const SAFETY = 0.7;
const FALLBACK_BANDWIDTH_BPS = 2_000_000;

/**
 * The variant to start with: the best that fits the bandwidth and is not larger than the player needs. The player
 * starts hls.js on the same variant, so the prefetched segments are the ones it plays. -1 when none is playable.
 */
export function pickVariant(variants: readonly Variant[], choice: VariantChoice): number {
  const canPlay = choice.canPlay ?? (() => true);
  const playable = variants.map((v, i) => ({ v, i })).filter(({ v }) => canPlay(v.codecs));
  if (playable.length === 0) return -1;
  const budget =
    (choice.bandwidthBps && choice.bandwidthBps > 0 ? choice.bandwidthBps : FALLBACK_BANDWIDTH_BPS) * SAFETY;
  const shortSide = (v: Variant) => (v.width !== null && v.height !== null ? Math.min(v.width, v.height) : null);
  const byBitrate = [...playable].sort((a, b) => a.v.bandwidth - b.v.bandwidth);

  // The smallest variant that covers the player; anything above it is pixels nobody sees.
  let sizeCap = Number.POSITIVE_INFINITY;
  const need = choice.playerShortSidePx ?? null;
  if (need !== null && need > 0) {
    const covering = byBitrate.find(({ v }) => (shortSide(v) ?? 0) >= need);
    sizeCap = covering ? covering.v.bandwidth : Number.POSITIVE_INFINITY;
  }

  let best = byBitrate[0];
  for (const candidate of byBitrate) {
    if (candidate.v.bandwidth <= budget && candidate.v.bandwidth <= sizeCap) best = candidate;
  }
  return best ? best.i : -1;
}
