import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, chromium } from 'playwright-core';
import { until } from '../chaos/processes.ts';
import { readClock } from './clock-frames.ts';

export interface GlassToGlassOptions {
  /** Base URL of the api node the page plays from (the page is served on its origin). */
  base: string;
  streamId: string;
  /** The publisher's clock epoch: a frame's burned time is `epoch + value`. */
  epoch: number;
  /** Seconds after the first shown frame that are left out (the player joining and settling). */
  joinSeconds: number;
  sampleSeconds: number;
  /** hls.js settings over `{ lowLatencyMode: true }`. */
  hlsConfig: Record<string, unknown>;
}

/** Percentiles by rank (nearest rank), rounded to ms. */
export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0 ? null : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);
  return { p50: at(0.5), p95: at(0.95), max: at(1), min: sorted.length === 0 ? null : Math.round(sorted[0] ?? 0) };
}

interface PageState {
  frames: number;
  unreadable: number;
  stalls: number;
  firstFrameAt: number | null;
  errors: string[];
  hlsLatency: number | null;
  hlsTargetLatency: number | null;
}

/**
 * Debian's Chromium (or CHROMIUM_PATH) as test/support/browser.ts launches it, but leaving SIGINT and SIGTERM to
 * the benchmark: Playwright's own handlers exit the process once the browser is closed, before the benchmark has
 * stopped its Looply and ffmpeg children.
 */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

const HLS_JS = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js');

function playerPage(options: GlassToGlassOptions): string {
  const config = {
    src: `${options.base}/v1/live/${options.streamId}/hls/master.m3u8`,
    epoch: options.epoch,
    hls: { lowLatencyMode: true, ...options.hlsConfig },
  };
  // The page reads each frame it shows: drawn into a small canvas, the blocks give back the clock burned into it.
  return `<!doctype html>
<html><body style="margin:0;background:#000">
<video id="video" muted autoplay playsinline width="640" height="360"></video>
<script src="/__bench/hls.min.js"></script>
<script>
const readClock = ${readClock.toString()};
const config = ${JSON.stringify(config)};
const samples = [];
const state = { frames: 0, unreadable: 0, stalls: 0, firstFrameAt: null, errors: [] };
const canvas = document.createElement('canvas');
canvas.width = 160;
canvas.height = 90;
const context = canvas.getContext('2d', { willReadFrequently: true });
const video = document.getElementById('video');
const hls = new Hls(config.hls);
hls.on(Hls.Events.ERROR, (_event, data) => {
  if (!data.fatal) return;
  state.errors.push(data.type + ':' + data.details);
  if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
  else hls.startLoad();
});
hls.loadSource(config.src);
hls.attachMedia(video);
video.addEventListener('waiting', () => { if (state.firstFrameAt !== null) state.stalls += 1; });
const onFrame = (_now, metadata) => {
  const shownAt = performance.timeOrigin + metadata.expectedDisplayTime;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const value = readClock(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
  state.frames += 1;
  if (state.firstFrameAt === null) state.firstFrameAt = Date.now();
  if (value === null) state.unreadable += 1;
  else samples.push([config.epoch + value, shownAt]);
  video.requestVideoFrameCallback(onFrame);
};
video.requestVideoFrameCallback(onFrame);
video.play().catch(() => {});
// hls.js's own distance to the live edge of the playlist it last loaded, twice a second: the player's share.
const edge = [];
setInterval(() => { if (Number.isFinite(hls.latency)) edge.push([Date.now(), hls.latency * 1000]); }, 500);
window.__bench = {
  state: () => ({ ...state, hlsLatency: hls.latency ?? null, hlsTargetLatency: hls.targetLatency ?? null }),
  samplesSince: (from) => samples.filter((sample) => sample[1] >= from),
  edgeSince: (from) => edge.filter((sample) => sample[0] >= from).map((sample) => sample[1]),
};
</script></body></html>`;
}

/**
 * Glass to glass in a real Chromium: the page plays the stream with hls.js in low-latency mode, reads the clock out
 * of every frame it shows (requestVideoFrameCallback + canvas) and records the frame's display time minus the time
 * burned into it (one machine, one clock). Samples from the first `joinSeconds` after the first frame are left out.
 */
export async function measureGlassToGlass(browser: Browser, options: GlassToGlassOptions) {
  const context = await browser.newContext({ viewport: { width: 640, height: 360 } });
  try {
    const page = await context.newPage();
    const html = playerPage(options);
    const script = await readFile(HLS_JS);
    await page.route(`${options.base}/__bench/**`, (route) =>
      route.request().url().endsWith('/hls.min.js')
        ? route.fulfill({ body: script, contentType: 'text/javascript' })
        : route.fulfill({ body: html, contentType: 'text/html' }),
    );
    const openedAt = Date.now();
    await page.goto(`${options.base}/__bench/player.html`);
    const state = () => page.evaluate(() => (window as unknown as { __bench: { state(): PageState } }).__bench.state());
    await until('Chromium shows a first frame', async () => (await state()).firstFrameAt !== null, 60_000, 100);
    const first = (await state()).firstFrameAt ?? openedAt;
    await sleep(Math.max(0, first + options.joinSeconds * 1000 - Date.now()));
    const from = Date.now();
    const before = await state();
    await sleep(options.sampleSeconds * 1000);
    const samples = await page.evaluate(
      (since) =>
        (window as unknown as { __bench: { samplesSince(from: number): number[][] } }).__bench.samplesSince(since),
      from,
    );
    const edge = await page.evaluate(
      (since) => (window as unknown as { __bench: { edgeSince(from: number): number[] } }).__bench.edgeSince(since),
      from,
    );
    const after = await state();
    const latencies = samples.map(([burned, shown]) => (shown ?? 0) - (burned ?? 0));
    const framesInWindow = after.frames - before.frames;
    return {
      page_open_to_first_frame_seconds: Math.round(first - openedAt) / 1000,
      first_frame_at: first,
      glass_to_glass_ms: percentiles(latencies),
      samples: latencies.length,
      frames_shown_in_window: framesInWindow,
      frames_unreadable_in_window: after.unreadable - before.unreadable,
      shown_fps: Math.round((10 * framesInWindow) / options.sampleSeconds) / 10,
      stalls_in_window: after.stalls - before.stalls,
      hls_js: {
        /** hls.js's distance from the playlist's live edge: the player's part of glass to glass. */
        behind_live_edge_ms: percentiles(edge),
        latency_seconds_at_end: after.hlsLatency === null ? null : Math.round(after.hlsLatency * 100) / 100,
        target_latency_seconds: after.hlsTargetLatency === null ? null : Math.round(after.hlsTargetLatency * 100) / 100,
        fatal_errors: after.errors,
      },
    };
  } finally {
    await context.close();
  }
}
