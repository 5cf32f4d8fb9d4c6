/**
 * A live stream on a <video> with hls.js in low-latency mode: it starts at the live edge, plays a little faster
 * while it is behind, and jumps back to the edge when it fell too far (a stall, a tab in the background).
 * Safari and iOS play HLS natively and keep to the edge themselves.
 */
import type Hls from 'hls.js/light';
import { onFatalError, preloadPlayer, release } from '../player.ts';

/** Seconds behind the edge hls.js aims for: a second of 1 s segments and parts is enough to play smoothly. */
const TARGET_LATENCY_S = 1.5;
/** Further behind than this, speeding up would take too long: seek to the edge. */
const MAX_LATENCY_S = 4;
const CATCH_UP_CHECK_MS = 1000;

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

  preloadPlayer()
    .then(({ default: HlsClass }) => {
      if (disposed) return;
      if (!HlsClass.isSupported()) {
        if (video.canPlayType('application/vnd.apple.mpegurl')) video.src = src;
        else onError("This browser can't play live video.");
        return;
      }
      const instance = new HlsClass({
        lowLatencyMode: true,
        startPosition: -1,
        liveSyncDuration: TARGET_LATENCY_S,
        liveMaxLatencyDuration: MAX_LATENCY_S,
        maxLiveSyncPlaybackRate: 1.5,
        liveDurationInfinity: true,
        backBufferLength: 4,
        maxBufferLength: 4,
        manifestLoadingMaxRetry: 6,
        levelLoadingMaxRetry: 6,
      });
      onFatalError(HlsClass, instance, (network) => {
        if (disposed) return;
        onError(
          network ? "Couldn't load the stream. Check your connection." : "This stream can't be played right now.",
        );
      });
      instance.loadSource(src);
      instance.attachMedia(video);
      hls = instance;
      // hls.js only speeds up within liveMaxLatencyDuration and re-syncs after a stall; a paused or
      // backgrounded page can fall minutes behind, so check now and then and jump to the edge.
      catchUp = setInterval(() => {
        const edge = instance.liveSyncPosition;
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
      release(video, hls);
      hls = null;
    },
  };
}
