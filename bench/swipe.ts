/**
 * Swipe benchmark: `npm run bench:swipe` (or `node bench/swipe.ts [--swipes 30] [--videos 35] [--mbit 10]
 * [--latency 20] [--dwell 1500] [--modes on,neighbours,off]`). Prints JSON.
 *
 * Starts a real Looply (embedded stores, temp DATA_DIR), puts `--videos` generated clips through the media pipeline,
 * then in headless Chromium on a phone-sized page with the network throttled over CDP
 * (`Network.emulateNetworkConditions`) swipes `--swipes` times with ArrowDown, staying `--dwell` ms on each video
 * after its first frame (one scenario per dwell: someone watching a moment, someone skimming).
 * Time to first frame is measured in the page from the keydown to the first `requestVideoFrameCallback` after the
 * new item's `playing` event. Each prefetch mode runs in a fresh browser context (an empty HTTP cache):
 *
 * - `on`: the prefetch engine plus ready players for the neighbours of the item on screen (the default);
 * - `neighbours`: neighbour players only, no prefetch engine;
 * - `off`: neither: the player loads when its item comes on screen.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { generateDemoClip } from '../src/modules/media/demo-clip.ts';
import { signUp, startTestLooply, type TestLooply } from '../test/support/looply.ts';
import { machine } from './machine.ts';

const { values } = parseArgs({
  options: {
    swipes: { type: 'string', default: '30' },
    videos: { type: 'string', default: '40' },
    mbit: { type: 'string', default: '10' },
    latency: { type: 'string', default: '20' },
    dwell: { type: 'string', default: '1500,500' },
    modes: { type: 'string', default: 'on,neighbours,off' },
    seconds: { type: 'string', default: '8' },
    size: { type: 'string', default: '720x1280' },
  },
});
const SWIPES = Number(values.swipes);
const VIDEOS = Number(values.videos);
const MBIT = Number(values.mbit);
const LATENCY_MS = Number(values.latency);
const DWELLS_MS = (values.dwell ?? '1500')
  .split(',')
  .map(Number)
  .filter((n) => n >= 0);
const CLIP_SECONDS = Number(values.seconds);
const [WIDTH, HEIGHT] = (values.size ?? '720x1280').split('x').map(Number) as [number, number];
const MODES = (values.modes ?? '').split(',').filter((m) => ['on', 'neighbours', 'off'].includes(m));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SWIPE_TIMEOUT_MS = 15_000;

const percentile = (sorted: number[], p: number) => {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] ?? 0);
};

/** Generated clips, each uploaded several times, all processed by the real pipeline; returns when all are ready. */
async function seed(looply: TestLooply): Promise<number> {
  const work = await mkdtemp(join(tmpdir(), 'looply-bench-swipe-'));
  try {
    const creators = await Promise.all(
      ['ana', 'ben', 'cleo', 'dev', 'eli'].map((name) => signUp(looply, `swipe_${name}`)),
    );
    const distinct = 7;
    const clips: string[] = [];
    for (let i = 0; i < distinct; i++) {
      const file = join(work, `clip-${i}.mp4`);
      await generateDemoClip({
        ffmpegPath: 'ffmpeg',
        outFile: file,
        title: `Swipe ${i + 1}`,
        colour: ['#ff3366', '#3a86ff', '#2ec4b6', '#ff9f1c', '#8338ec', '#06d6a0', '#ef476f'][i] ?? '#444444',
        durationSeconds: CLIP_SECONDS,
        width: WIDTH,
        height: HEIGHT,
        seed: i + 1,
      });
      clips.push(file);
    }
    const ids: string[] = [];
    for (let i = 0; i < VIDEOS; i++) {
      const author = creators[i % creators.length];
      if (!author) continue;
      const accepted = await looply.services.videoLifecycle.acceptUpload({
        authorId: author.user.id,
        caption: `swipe benchmark clip ${i + 1} #bench`,
        hashtags: ['bench'],
        file: clips[i % distinct] ?? '',
        durationMs: CLIP_SECONDS * 1000,
      });
      ids.push(accepted.video_id);
    }
    const deadline = Date.now() + 30 * 60_000;
    for (const id of ids) {
      for (;;) {
        const video = (await looply.api(`/v1/videos/${id}`)).body;
        if (video?.status === 'ready') break;
        if (video?.status === 'failed') throw new Error(`clip failed: ${JSON.stringify(video.error)}`);
        if (Date.now() > deadline) throw new Error('seeding took over 30 minutes');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    return ids.length;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface SwipeResult {
  ttff: number | null;
  playing: number | null;
  /** Picture height of the rendition that played. */
  height: number | null;
}

/** Arms the measurement on the item after the active one; `window.__swipe` resolves with it. */
async function arm(page: Page): Promise<boolean> {
  return page.evaluate((timeoutMs) => {
    const feed = document.querySelector<HTMLElement>('[data-testid="feed"]');
    const from = Number(feed?.dataset.activeIndex ?? Number.NaN);
    const target = document.querySelector(`[data-testid="feed-item"][data-index="${from + 1}"]`);
    const video = target?.querySelector('video');
    if (!video) return false;
    type Result = { ttff: number | null; playing: number | null; height: number | null };
    const w = window as unknown as { __swipe: Promise<Result> };
    w.__swipe = new Promise((resolve) => {
      let t0: number | null = null;
      window.addEventListener(
        'keydown',
        () => {
          t0 = performance.now();
        },
        { capture: true, once: true },
      );
      video.addEventListener(
        'playing',
        () => {
          const playingAt = performance.now();
          video.requestVideoFrameCallback(() => {
            const start = t0 ?? playingAt;
            resolve({ ttff: performance.now() - start, playing: playingAt - start, height: video.videoHeight });
          });
        },
        { once: true },
      );
      setTimeout(() => resolve({ ttff: null, playing: null, height: null }), timeoutMs);
    });
    return true;
  }, SWIPE_TIMEOUT_MS);
}

async function runMode(url: string, mode: string, dwellMs: number) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: (MBIT * 1_000_000) / 8,
      uploadThroughput: (MBIT * 1_000_000) / 8,
    });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
    });

    await page.goto(`${url}/?prefetch=${mode}`);
    await page
      .locator('[data-testid="feed-item"][data-active="true"][data-started="true"]')
      .waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);

    const results: SwipeResult[] = [];
    let ended: string | null = null;
    const bytesPerSwipe: number[] = [];
    for (let i = 0; i < SWIPES; i++) {
      // The next page of the feed may still be loading.
      let armed = await arm(page);
      for (let wait = 0; !armed && wait < 40; wait++) {
        await page.waitForTimeout(250);
        armed = await arm(page);
      }
      if (!armed) {
        ended = `the feed ended after ${i} swipes`;
        break;
      }
      const before = bytes;
      await page.keyboard.press('ArrowDown');
      const result = await page.evaluate(() => (window as unknown as { __swipe: Promise<SwipeResult> }).__swipe);
      results.push(result);
      await page.waitForTimeout(dwellMs);
      bytesPerSwipe.push(bytes - before);
    }
    const engine = await page.evaluate(() => {
      const stats = window.__looplyPrefetch?.stats();
      return stats ? { ...stats, plan: undefined } : null;
    });
    const ttffs = results
      .map((r) => r.ttff)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    const playing = results
      .map((r) => r.playing)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    const total = bytesPerSwipe.reduce((a, b) => a + b, 0);
    const renditions: Record<string, number> = {};
    for (const r of results) if (r.height) renditions[`${r.height}p`] = (renditions[`${r.height}p`] ?? 0) + 1;
    await context.close();
    return {
      swipes: results.length,
      ...(ended ? { note: ended } : {}),
      timeouts: results.filter((r) => r.ttff === null).length,
      ttff_ms: {
        p50: percentile(ttffs, 50),
        p95: percentile(ttffs, 95),
        mean: ttffs.length ? Math.round(ttffs.reduce((a, b) => a + b, 0) / ttffs.length) : null,
        min: percentile(ttffs, 0),
        max: ttffs.length ? Math.round(ttffs[ttffs.length - 1] ?? 0) : null,
      },
      to_playing_ms: { p50: percentile(playing, 50), p95: percentile(playing, 95) },
      bytes_per_swipe: Math.round(total / Math.max(1, results.length)),
      renditions_played: renditions,
      engine: mode === 'on' ? engine : undefined,
      page_errors: problems,
    };
  } finally {
    await browser.close();
  }
}

const host = machine({ chromium: execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim() });
const started = Date.now();
const looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1', WORKER_CONCURRENCY: '2' });
try {
  const videos = await seed(looply);
  const seedSeconds = Math.round((Date.now() - started) / 1000);
  const scenarios = [];
  for (const dwellMs of DWELLS_MS) {
    const modes: Record<string, Awaited<ReturnType<typeof runMode>>> = {};
    for (const mode of MODES) modes[mode] = await runMode(looply.url, mode, dwellMs);
    const on = modes.on?.ttff_ms;
    const off = modes.off?.ttff_ms;
    const speedup = on?.p95 && off?.p95 ? Math.round((off.p95 / on.p95) * 10) / 10 : null;
    scenarios.push({
      dwell_ms: dwellMs,
      modes,
      p95_speedup_on_vs_off: speedup,
      targets: {
        p95_at_most_150ms_with_prefetch: on?.p95 !== null && on?.p95 !== undefined ? on.p95 <= 150 : null,
        at_least_3x_better_than_off: speedup === null ? null : speedup >= 3,
      },
    });
  }
  console.log(
    JSON.stringify(
      {
        benchmark: 'swipe',
        date: new Date().toISOString().slice(0, 10),
        machine: { ...host, load_average_1m_at_end: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
        setup: {
          videos,
          clip: `${WIDTH}x${HEIGHT}, ${CLIP_SECONDS} s, H.264 ladder (x264 ultrafast), 2 s segments`,
          seed_seconds: seedSeconds,
          viewport: '390x844 @2x, mobile',
          network: { latency_ms: LATENCY_MS, throughput_mbit_s: MBIT },
          swipes: SWIPES,
          measure: 'keydown (ArrowDown) → first requestVideoFrameCallback after the new item fires `playing`',
        },
        scenarios,
      },
      null,
      2,
    ),
  );
} finally {
  await looply.stop();
}
