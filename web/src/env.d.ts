/// <reference types="vite/client" />

// hls.js ships no typings for its "light" entry point (no alternate audio, subtitles or DRM — none of which Looply uses);
// it has the same API as the full build.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
