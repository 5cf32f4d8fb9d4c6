/**
 * A live stream on a <video> with hls.js in low-latency mode: it starts at the live edge, plays a little faster
 * while it is behind, and jumps back to the edge when it fell too far (a stall, a tab in the background).
 * Safari and iOS play HLS natively and keep to the edge themselves.
 */
import type Hls from 'hls.js/light';
import { onFatalError, preloadPlayer, release } from '../player.ts';

/**
 * Seconds behind the edge hls.js aims for: four 0.25 s parts. `npm run bench:live` measured 1.7 s glass to glass
 * with it (docs/benchmarks.md, Live); hls.js adds to it after a stall and speeds up to come back.
 */
const TARGET_LATENCY_S = 1;
/** Further behind than this, speeding up would take too long: seek to the edge. */
const MAX_LATENCY_S = 4;
const CATCH_UP_CHECK_MS = 1000;
/** Fresh starts after a lost stream (no playlist yet, a dropped connection) before the page says it failed. */
const MAX_RESTARTS = 15;
const RESTART_MS = 2000;

type HlsModule = typeof import('hls.js/light');

export interface LivePlayerHandle {
  detach(): void;
}

export function attachLiveHls(
  video: HTMLVideoElement,
  src: string,
  onError: (message: string) => void,
): LivePlayerHandle {
  let disposed = false;
  let hls: Hls | null = null;
  let catchUp: ReturnType<typeof setInterval> | undefined;
  let restart: ReturnType<typeof setTimeout> | undefined;
  let restarts = 0;

  const play = (HlsClass: HlsModule['default']) => {
    const instance = new HlsClass({
      lowLatencyMode: true,
      startPosition: -1,
      liveSyncDuration: TARGET_LATENCY_S,
      liveMaxLatencyDuration: MAX_LATENCY_S,
      maxLiveSyncPlaybackRate: 1.5,
      liveDurationInfinity: true,
      backBufferLength: 4,
      maxBufferLength: 4,
    });
    onFatalError(HlsClass, instance, (network) => {
      if (disposed || hls !== instance) return;
      release(video, instance);
      hls = null;
      // A stream just put on air has no playlist for its first seconds, and a node may drop: start again.
      if (network && restarts < MAX_RESTARTS) {
        restarts += 1;
        restart = setTimeout(() => {
          if (!disposed) play(HlsClass);
        }, RESTART_MS);
        return;
      }
      onError(network ? "Couldn't load the stream. Check your connection." : "This stream can't be played right now.");
    });
    instance.on(HlsClass.Events.FRAG_BUFFERED, () => {
      restarts = 0;
    });
    instance.loadSource(src);
    instance.attachMedia(video);
    hls = instance;
  };

  preloadPlayer()
    .then(({ default: HlsClass }) => {
      if (disposed) return;
      if (!HlsClass.isSupported()) {
        if (video.canPlayType('application/vnd.apple.mpegurl')) video.src = src;
        else onError("This browser can't play live video.");
        return;
      }
      play(HlsClass);
      // hls.js only speeds up within liveMaxLatencyDuration and re-syncs after a stall; a paused or
      // backgrounded page can fall minutes behind, so check now and then and jump to the edge.
      catchUp = setInterval(() => {
        const edge = hls?.liveSyncPosition ?? null;
        if (edge === null || video.paused || video.seeking) return;
        if (edge - video.currentTime > MAX_LATENCY_S) video.currentTime = edge;
      }, CATCH_UP_CHECK_MS);
    })
    .catch(() => {
      if (!disposed) onError("Couldn't load the video player. Check your connection.");
    });

  return {
    detach() {
      disposed = true;
      clearInterval(catchUp);
      clearTimeout(restart);
      release(video, hls);
      hls = null;
    },
  };
}
