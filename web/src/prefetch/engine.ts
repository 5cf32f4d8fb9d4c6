/**
 * The prefetch engine: keeps the items after the one on screen warm according to the plan (plan.ts), in the media
 * cache the players read through (loader.ts). It re-plans on every move, adapts to measured bandwidth and swipe
 * speed, and cancels downloads that stopped being useful.
 */

import { type CachedResponse, MediaCache } from './cache.ts';
import { BandwidthEstimator, SwipeTracker } from './estimators.ts';
import { type PrefetchTarget, pickVariant, planPrefetch } from './plan.ts';
import {
  isMasterPlaylist,
  type MediaPlaylist,
  parseMasterPlaylist,
  parseMediaPlaylist,
  type Variant,
} from './playlist.ts';

/** An item of the feed as the engine sees it. */
export interface FeedEntry {
  id: string;
  /** Master playlist URL; null when the item cannot play. */
  hls: string | null;
  poster: string | null;
}

export type BodyKind = 'text' | 'bytes';

export interface LoadResult {
  response: CachedResponse;
  /** hit: from the cache; join: joined a download in flight; network: fetched for the asker. */
  served: 'hit' | 'join' | 'network';
}

export interface EngineOptions {
  fetch?: typeof fetch;
  now?: () => number;
  cache?: MediaCache;
  /** Prefetch downloads at once (a player's own requests never wait). */
  maxConcurrent?: number;
  initialBandwidthBps?: number | null;
  /** Physical pixels of the player's short side, so no larger rendition than needed is fetched. */
  playerShortSidePx?: () => number | null;
  canPlay?: (codecs: string | null) => boolean;
  saveData?: () => boolean;
  warmPoster?: (url: string) => void;
  /** Seconds per segment (our ladder: 2). */
  segmentSeconds?: number;
}

interface VideoState {
  entry: FeedEntry;
  masterUrl: string;
  offset: number;
  /** Segments wanted now. */
  want: number;
  variants: Variant[] | null;
  variantUrl: string | null;
  media: MediaPlaylist | null;
  controller: AbortController;
  running: boolean;
  posterWarmed: boolean;
}

interface Pending {
  url: string;
  kind: BodyKind;
  priority: () => number;
  start: () => void;
}

export interface EngineStats {
  enabled: boolean;
  prefetchedBytes: number;
  playerNetworkBytes: number;
  prefetchRequests: number;
  cancelled: number;
  hits: number;
  joins: number;
  misses: number;
  cachedBytes: number;
  bandwidthBps: number | null;
  dwellSeconds: number | null;
  plan: PrefetchTarget[];
}

const abortError = () => new DOMException('Prefetch cancelled', 'AbortError');

export class PrefetchEngine {
  readonly cache: MediaCache;
  readonly bandwidth: BandwidthEstimator;
  readonly swipes = new SwipeTracker();
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #options: EngineOptions;
  readonly #maxConcurrent: number;
  readonly #videos = new Map<string, VideoState>();
  /** Chosen start variant per master playlist, shared by the engine and the player. */
  readonly #chosen = new Map<string, string>();
  readonly #pending: Pending[] = [];
  #active = 0;
  /** Downloads in flight (prefetch and player), and the bytes and start of the current busy period. */
  #downloading = 0;
  #busySince = 0;
  #busyBytes = 0;
  #queue: FeedEntry[] = [];
  #position = 0;
  #plan: PrefetchTarget[] = [];
  enabled = true;
  prefetchedBytes = 0;
  playerNetworkBytes = 0;
  prefetchRequests = 0;
  cancelled = 0;

  constructor(options: EngineOptions = {}) {
    this.#options = options;
    this.cache = options.cache ?? new MediaCache();
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#now = options.now ?? (() => performance.now());
    this.#maxConcurrent = options.maxConcurrent ?? 2;
    this.bandwidth = new BandwidthEstimator({ initialBps: options.initialBandwidthBps ?? null });
  }

  /** The feed in order. Call again when pages are appended. */
  setQueue(entries: readonly FeedEntry[]): void {
    this.#queue = entries.map((entry) => ({ ...entry, hls: entry.hls ? absolute(entry.hls) : null }));
    this.#replan();
  }

  /** The server's `prefetch_hints`: warm them before the feed's own order is known (an empty queue). */
  seed(hints: readonly { video_id: string; hls: string; poster: string | null }[]): void {
    if (this.#queue.length > 0 || hints.length === 0) return;
    // The hints are the videos after the first: a queue with a placeholder in front plans exactly them.
    this.setQueue([
      { id: '', hls: null, poster: null },
      ...hints.map((h) => ({ id: h.video_id, hls: h.hls, poster: h.poster })),
    ]);
  }

  /** The item on screen is now `index`. */
  setPosition(index: number): void {
    if (index !== this.#position) this.swipes.moved(index, this.#now());
    else if (this.swipes.dwellSeconds === null) this.swipes.moved(index, this.#now());
    this.#position = index;
    this.#replan();
  }

  get position(): number {
    return this.#position;
  }

  stats(): EngineStats {
    return {
      enabled: this.enabled,
      prefetchedBytes: this.prefetchedBytes,
      playerNetworkBytes: this.playerNetworkBytes,
      prefetchRequests: this.prefetchRequests,
      cancelled: this.cancelled,
      hits: this.cache.hits,
      joins: this.cache.joins,
      misses: this.cache.misses,
      cachedBytes: this.cache.bytes,
      bandwidthBps: this.bandwidth.bps,
      dwellSeconds: this.swipes.dwellSeconds,
      plan: this.#plan,
    };
  }

  /**
   * The variant a player should start `masterUrl` on: the one the engine prefetched, or (first come) the pick from
   * `variants` by the same rule. Returns its index in `variants`, or -1.
   */
  chooseVariant(masterUrl: string, variants: readonly Variant[]): number {
    const key = absolute(masterUrl);
    const known = this.#chosen.get(key);
    if (known) {
      const index = variants.findIndex((v) => v.url === known);
      if (index !== -1) return index;
    }
    const index = pickVariant(variants, this.#variantChoice());
    const picked = variants[index];
    if (picked) this.#chosen.set(key, picked.url);
    return index;
  }

  /**
   * A player's request: from the cache, joined to a download in flight, or fetched now ahead of any prefetch.
   * The player's downloads are cached too (a replay or a swipe back costs nothing).
   */
  async load(url: string, kind: BodyKind, signal?: AbortSignal): Promise<LoadResult> {
    const key = absolute(url);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.hits += 1;
      return { response: cached, served: 'hit' };
    }
    const flight = this.cache.inFlight(key);
    if (flight) {
      this.cache.joins += 1;
      flight.waiters += 1;
      this.#boost(key);
      try {
        return { response: await withAbort(flight.promise, signal), served: 'join' };
      } finally {
        flight.waiters -= 1;
      }
    }
    this.cache.misses += 1;
    const controller = new AbortController();
    const promise = this.#download(key, kind, controller.signal, 'player');
    const tracked = this.cache.track(key, controller, promise);
    tracked.waiters += 1;
    try {
      return { response: await withAbort(tracked.promise, signal), served: 'network' };
    } finally {
      tracked.waiters -= 1;
    }
  }

  /** Drops every cached byte and cancels every download (tests, sign-out). */
  reset(): void {
    for (const state of this.#videos.values()) state.controller.abort();
    this.#videos.clear();
    this.#pending.length = 0;
    this.cache.clear();
  }

  // ---- planning ----

  #replan(): void {
    if (!this.enabled) return;
    const position = this.#position;
    const plan = planPrefetch({
      position,
      count: this.#queue.length,
      bandwidthBps: this.bandwidth.bps,
      bitrateBps: this.#typicalBitrate(),
      dwellSeconds: this.swipes.dwellSeconds,
      direction: this.swipes.direction,
      saveData: this.#options.saveData?.() ?? false,
      segmentSeconds: this.#options.segmentSeconds ?? 2,
    });
    this.#plan = plan;

    // The item on screen is wanted too (its first segment), so a first visit or a jump starts from the cache.
    const targets: PrefetchTarget[] = [{ index: position, offset: 0, segments: 1 }, ...plan];
    const keep = new Set<string>();
    for (const target of targets) {
      const entry = this.#queue[target.index];
      if (!entry?.hls) continue;
      keep.add(entry.hls);
      let state = this.#videos.get(entry.hls);
      if (!state) {
        state = {
          entry,
          masterUrl: entry.hls,
          offset: target.offset,
          want: 0,
          variants: null,
          variantUrl: null,
          media: null,
          controller: new AbortController(),
          running: false,
          posterWarmed: false,
        };
        this.#videos.set(entry.hls, state);
      }
      state.offset = target.offset;
      state.want = Math.max(target.offset === 0 ? state.want : 0, target.segments);
      if (!state.running) void this.#run(state);
    }
    // The item just left (a swipe back is likely) keeps what it has; everything else stops downloading.
    const previous = this.#queue[position - 1]?.hls;
    for (const [url, state] of this.#videos) {
      if (keep.has(url)) continue;
      if (url === previous) {
        state.want = 0;
        state.offset = -1;
        continue;
      }
      this.#cancel(state);
      this.#videos.delete(url);
    }
    this.#pump();
  }

  #cancel(state: VideoState): void {
    state.controller.abort();
    const urls = [state.masterUrl, state.variantUrl, ...(state.media?.segments.map((s) => s.url) ?? [])];
    if (state.media?.initUrl) urls.push(state.media.initUrl);
    for (const url of urls) {
      if (!url || !this.cache.cancel(url)) continue;
      this.cancelled += 1;
      const index = this.#pending.findIndex((p) => p.url === url);
      if (index !== -1) this.#pending.splice(index, 1);
    }
  }

  async #run(state: VideoState): Promise<void> {
    state.running = true;
    const { signal } = state.controller;
    try {
      if (!state.posterWarmed && state.entry.poster) {
        state.posterWarmed = true;
        this.#options.warmPoster?.(state.entry.poster);
      }
      if (!state.media) {
        const master = await this.#prefetch(state.masterUrl, 'text', state, 0, signal);
        const text = master.data as string;
        if (isMasterPlaylist(text)) {
          state.variants = parseMasterPlaylist(text, state.masterUrl);
          const index = this.chooseVariant(state.masterUrl, state.variants);
          state.variantUrl = state.variants[index]?.url ?? null;
          if (!state.variantUrl) return;
          const media = await this.#prefetch(state.variantUrl, 'text', state, 1, signal);
          state.media = parseMediaPlaylist(media.data as string, state.variantUrl);
        } else {
          state.variantUrl = state.masterUrl;
          state.media = parseMediaPlaylist(text, state.masterUrl);
        }
      }
      const media = state.media;
      for (let i = 0; i < state.want && i < media.segments.length; i++) {
        if (i === 0 && media.initUrl) await this.#prefetch(media.initUrl, 'bytes', state, 2, signal);
        const segment = media.segments[i];
        if (segment) await this.#prefetch(segment.url, 'bytes', state, 3 + i, signal);
      }
    } catch {
      // Cancelled, or the network failed: the player fetches for itself when it gets there.
    } finally {
      state.running = false;
    }
  }

  /** One prefetch download through the scheduler; resolves from the cache or a download in flight when it can. */
  #prefetch(
    url: string,
    kind: BodyKind,
    state: VideoState,
    step: number,
    signal: AbortSignal,
  ): Promise<CachedResponse> {
    if (signal.aborted) return Promise.reject(abortError());
    const cached = this.cache.get(url);
    if (cached) return Promise.resolve(cached);
    const flight = this.cache.inFlight(url);
    if (flight) return withAbort(flight.promise, signal);

    const controller = new AbortController();
    let launch!: (launched: boolean) => void;
    const started = new Promise<boolean>((resolve) => {
      launch = resolve;
    });
    const promise = started.then((launched) => {
      if (!launched) throw abortError();
      return this.#download(url, kind, controller.signal, 'prefetch');
    });
    this.cache.track(url, controller, promise);
    controller.signal.addEventListener('abort', () => launch(false), { once: true });
    this.#pending.push({
      url,
      kind,
      priority: () => state.offset * 100 + step,
      start: () => {
        this.#active += 1;
        launch(true);
      },
    });
    this.#pump();
    return withAbort(this.cache.inFlight(url)?.promise ?? promise, signal);
  }

  /** A player waits for `url`: if it is still queued, it goes first. */
  #boost(url: string): void {
    const index = this.#pending.findIndex((p) => p.url === url);
    if (index === -1) return;
    const [pending] = this.#pending.splice(index, 1);
    pending?.start();
  }

  #pump(): void {
    while (this.#active < this.#maxConcurrent && this.#pending.length > 0) {
      let best = 0;
      for (let i = 1; i < this.#pending.length; i++) {
        if ((this.#pending[i]?.priority() ?? 0) < (this.#pending[best]?.priority() ?? 0)) best = i;
      }
      const [next] = this.#pending.splice(best, 1);
      if (!next) break;
      next.start();
    }
  }

  async #download(
    url: string,
    kind: BodyKind,
    signal: AbortSignal,
    origin: 'prefetch' | 'player',
  ): Promise<CachedResponse> {
    const counted = origin === 'prefetch';
    let bytes = 0;
    if (this.#downloading === 0) {
      this.#busySince = this.#now();
      this.#busyBytes = 0;
    }
    this.#downloading += 1;
    try {
      if (signal.aborted) throw abortError();
      const start = this.#now();
      const res = await this.#fetch(url, { signal, credentials: 'same-origin' });
      const firstByte = this.#now() - start;
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      const data = kind === 'text' ? await res.text() : await res.arrayBuffer();
      const loadMs = Math.max(1, this.#now() - start);
      bytes = typeof data === 'string' ? data.length : data.byteLength;
      if (counted) {
        this.prefetchedBytes += bytes;
        this.prefetchRequests += 1;
      } else {
        this.playerNetworkBytes += bytes;
      }
      return { url, data, bytes, loadMs, firstByteMs: firstByte, origin };
    } finally {
      this.#measure(bytes);
      if (counted) {
        this.#active -= 1;
        queueMicrotask(() => this.#pump());
      }
    }
  }

  /**
   * Throughput of the connection, not of one download: downloads run side by side and share it, so the bytes of a
   * busy period (some download in flight) over its length is the sample; a long busy period is cut every 512 KB.
   */
  #measure(bytes: number): void {
    this.#downloading -= 1;
    this.#busyBytes += bytes;
    const now = this.#now();
    if (this.#downloading === 0 || this.#busyBytes >= 512 * 1024) {
      this.bandwidth.sample(this.#busyBytes, now - this.#busySince);
      this.#busySince = now;
      this.#busyBytes = 0;
    }
  }

  #variantChoice() {
    return {
      bandwidthBps: this.bandwidth.bps,
      playerShortSidePx: this.#options.playerShortSidePx?.() ?? null,
      ...(this.#options.canPlay ? { canPlay: this.#options.canPlay } : {}),
    };
  }

  /** The bitrate of the renditions being prefetched (for the plan's network headroom). */
  #typicalBitrate(): number | null {
    for (const state of this.#videos.values()) {
      const variant = state.variants?.find((v) => v.url === state.variantUrl);
      if (variant?.bandwidth) return variant.bandwidth;
    }
    return null;
  }
}

function absolute(url: string): string {
  try {
    return new URL(url, globalThis.location?.href ?? 'http://localhost/').href;
  } catch {
    return url;
  }
}

/** `promise`, rejecting early with an AbortError when `signal` aborts (the download itself goes on). */
function withAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
