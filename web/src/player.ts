/**
 * Attach an HLS stream to a <video>: hls.js where Media Source Extensions exist, else the browser's native HLS
 * (Safari/iOS). hls.js is loaded on first use so it stays out of the initial bundle.
 */
import type Hls from 'hls.js/light';

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

/** Returns a detach function that stops loading and frees the stream (and its buffers). */
export function attachHls(video: HTMLVideoElement, src: string, onError: (message: string) => void): () => void {
  let disposed = false;
  let hls: Hls | null = null;

  preloadPlayer()
    .then(({ default: HlsClass }) => {
      if (disposed) return;
      if (HlsClass.isSupported()) {
        const instance = new HlsClass({
          capLevelToPlayerSize: true,
          maxBufferLength: 12,
          maxMaxBufferLength: 30,
          backBufferLength: 10,
        });
        let mediaRecoveries = 0;
        instance.on(HlsClass.Events.ERROR, (_event, data) => {
          if (!data.fatal || disposed) return;
          if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
            mediaRecoveries += 1;
            instance.recoverMediaError();
            return;
          }
          instance.destroy();
          hls = null;
          onError("This video can't be played right now.");
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

  return () => {
    disposed = true;
    if (hls) {
      hls.destroy();
      hls = null;
    } else if (video.hasAttribute('src')) {
      video.removeAttribute('src');
      video.load();
    }
  };
}
