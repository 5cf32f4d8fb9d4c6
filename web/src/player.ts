/**
 * Attach an HLS stream to a <video>: hls.js where Media Source Extensions exist, else the browser's native HLS
 * (Safari/iOS). hls.js is loaded on first use so it stays out of the initial bundle. With prefetching on, hls.js
 * reads through the prefetch engine's cache and starts on the rendition the engine warmed.
 */
import type Hls from 'hls.js/light';
import { createCachedLoader, prefetch } from './prefetch/index.ts';
import type { Variant } from './prefetch/playlist.ts';

type HlsModule = typeof import('hls.js/light');

let hlsModule: Promise<HlsModule> | null = null;

/** Start downloading hls.js early (the feed calls this while it fetches the first page). */
export function preloadPlayer(): Promise<HlsModule> {
  hlsModule ??= import('hls.js/light');
  hlsModule.catch(() => {
    hlsModule = null;
  });
  return hlsModule;
}

export interface PlayerHandle {
  /** Stops loading and frees the stream, its buffers and its decoder. */
  detach(): void;
  /** The item on screen buffers further ahead; a neighbour only keeps its first seconds ready. */
  setActive(active: boolean): void;
}

/**
 * Seconds buffered ahead by the playing item and by a waiting neighbour. hls.js buffers up to
 * min(max(maxBufferLength, 8 × maxBufferSize / bitrate), maxMaxBufferLength): for short clips the cap is
 * maxMaxBufferLength, so that is the one that keeps a neighbour from taking the network from the playing item.
 */
const ACTIVE_BUFFER_S = 12;
const ACTIVE_MAX_BUFFER_S = 30;
const NEIGHBOUR_BUFFER_S = 4;

/**
 * Calls `fail` on a fatal hls.js error it cannot mend (`network` tells a lost connection from a broken stream);
 * a decoding error is first recovered from, twice at most.
 */
export function onFatalError(HlsClass: HlsModule['default'], instance: Hls, fail: (network: boolean) => void): void {
  let mediaRecoveries = 0;
  instance.on(HlsClass.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
      mediaRecoveries += 1;
      instance.recoverMediaError();
      return;
    }
    fail(data.type === HlsClass.ErrorTypes.NETWORK_ERROR);
  });
}

/** Frees what played on `video`: the hls.js instance, or the native player's source. */
export function release(video: HTMLVideoElement, hls: Hls | null): void {
  if (hls) hls.destroy();
  else if (video.hasAttribute('src')) {
    video.removeAttribute('src');
    video.load();
  }
}

let cachedLoader: ReturnType<typeof createCachedLoader> | null = null;

export function attachHls(
  video: HTMLVideoElement,
  src: string,
  onError: (message: string) => void,
  active = true,
): PlayerHandle {
  let disposed = false;
  let hls: Hls | null = null;
  let isActive = active;

  preloadPlayer()
    .then(({ default: HlsClass }) => {
      if (disposed) return;
      if (HlsClass.isSupported()) {
        if (prefetch.enabled) cachedLoader ??= createCachedLoader(prefetch, HlsClass.DefaultConfig.loader);
        const instance = new HlsClass({
          capLevelToPlayerSize: true,
          maxBufferLength: isActive ? ACTIVE_BUFFER_S : NEIGHBOUR_BUFFER_S,
          maxMaxBufferLength: isActive ? ACTIVE_MAX_BUFFER_S : NEIGHBOUR_BUFFER_S,
          backBufferLength: 10,
          startFragPrefetch: true,
          abrEwmaDefaultEstimate: prefetch.bandwidth.bps ?? 2_000_000,
          ...(prefetch.enabled && cachedLoader ? { loader: cachedLoader } : {}),
        });
        // Start on the rendition the prefetch engine chose (and warmed), by the same rule either way.
        instance.on(HlsClass.Events.MANIFEST_PARSED, (_event, data) => {
          const variants: Variant[] = data.levels.map((level) => ({
            url: level.uri,
            bandwidth: level.bitrate,
            width: level.width || null,
            height: level.height || null,
            codecs: level.codecs || null,
          }));
          const index = prefetch.chooseVariant(src, variants);
          if (index >= 0) instance.startLevel = index;
        });
        onFatalError(HlsClass, instance, (network) => {
          if (disposed) return;
          instance.destroy();
          hls = null;
          onError(
            network ? "Couldn't load this video. Check your connection." : "This video can't be played right now.",
          );
        });
        instance.loadSource(src);
        instance.attachMedia(video);
        hls = instance;
      } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
        video.src = src;
      } else {
        onError("This browser can't play these videos.");
      }
    })
    .catch(() => {
      if (!disposed) onError("Couldn't load the video player. Check your connection.");
    });

  return {
    detach() {
      disposed = true;
      release(video, hls);
      hls = null;
    },
    setActive(next) {
      isActive = next;
      if (!hls) return;
      hls.config.maxBufferLength = next ? ACTIVE_BUFFER_S : NEIGHBOUR_BUFFER_S;
      hls.config.maxMaxBufferLength = next ? ACTIVE_MAX_BUFFER_S : NEIGHBOUR_BUFFER_S;
    },
  };
}
