/**
 * A real Chromium plays a live stream published with real ffmpeg over RTMP, with hls.js in low-latency mode as the
 * web app does: it finds the parts and blocking reloads in the playlist and keeps playing at the live edge.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { publishRtmp, type RtmpPublisher } from '../support/rtmp-publisher.ts';

const WAIT = { timeout: 45_000, interval: 200 };
const hlsScript = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js');

/** The part of hls.js this page touches. */
interface Player {
  lowLatencyMode: boolean;
  currentLevel: number;
  levels?: Array<{ details?: { partList?: unknown[] | null; canBlockReload?: boolean } }>;
}

interface PlayerWindow {
  // biome-ignore lint/suspicious/noExplicitAny: hls.js's constructor, loaded into the page by a script tag
  Hls: any;
  player: Player;
  playerError: string | null;
}

interface PlayerState {
  currentTime: number;
  lowLatency: boolean;
  parts: number;
  canBlockReload: boolean;
  error: string | null;
}

describe('live playback in a real Chromium', () => {
  let looply: TestLooply;
  let browser: Browser;
  let publisher: RtmpPublisher | undefined;

  beforeAll(async () => {
    looply = await startTestLooply({ RTMP_PORT: '0' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await publisher?.kill();
    await browser?.close();
    await looply?.stop();
  });

  async function play(page: Page, url: string): Promise<void> {
    await page.setContent('<video id="v" muted autoplay playsinline></video>');
    await page.addScriptTag({ path: hlsScript });
    await page.evaluate((source) => {
      const w = window as unknown as PlayerWindow;
      w.playerError = null;
      const hls = new w.Hls({ lowLatencyMode: true });
      hls.on(w.Hls.Events.ERROR, (_: unknown, data: { fatal: boolean; details: string }) => {
        if (data.fatal) w.playerError = data.details;
      });
      hls.loadSource(source);
      hls.attachMedia(document.getElementById('v'));
      w.player = hls;
    }, url);
  }

  const state = (page: Page) =>
    page.evaluate((): PlayerState => {
      const w = window as unknown as PlayerWindow;
      const details = w.player.levels?.[w.player.currentLevel]?.details ?? w.player.levels?.[0]?.details;
      return {
        currentTime: (document.getElementById('v') as HTMLVideoElement).currentTime,
        lowLatency: w.player.lowLatencyMode === true,
        parts: details?.partList?.length ?? 0,
        canBlockReload: details?.canBlockReload === true,
        error: w.playerError,
      };
    });

  it('plays the stream at the live edge from LL-HLS parts with blocking reloads', async () => {
    const host = await signUp(looply, 'chromium_host');
    const started = await looply.api('/v1/live/start', {
      method: 'POST',
      token: host.access_token,
      json: { title: 'Watched in Chromium' },
    });
    expect(started.status).toBe(201);
    publisher = publishRtmp(`${started.body.rtmp_url}/${started.body.stream_key}`, { seconds: 120 });
    const master = `${looply.url}/v1/live/${started.body.stream_id}/hls/master.m3u8`;
    await vi.waitFor(async () => expect((await fetch(master)).status).toBe(200), WAIT);
    const page = await browser.newPage();
    await play(page, master);
    const playing = await vi.waitFor(async () => {
      const now = await state(page);
      expect(now.error).toBeNull();
      expect(now.currentTime).toBeGreaterThan(0);
      return now;
    }, WAIT);
    expect(playing.lowLatency).toBe(true);
    expect(playing.canBlockReload).toBe(true);
    expect(playing.parts).toBeGreaterThan(0);
    // It keeps going: later frames are shown, not a stall on the first segment.
    await vi.waitFor(
      async () => expect((await state(page)).currentTime).toBeGreaterThan(playing.currentTime + 2),
      WAIT,
    );
    expect((await state(page)).error).toBeNull();
    await page.close();
  }, 120_000);
});
