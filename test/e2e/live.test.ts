/**
 * LIVE in Debian's Chromium against a real Looply with RTMP ingest: a host starts a LIVE on the Go LIVE page and
 * publishes to the RTMP URL and key it shows with real ffmpeg; a viewer sees the host's LIVE ring in the feed and on
 * the profile, finds the stream on the LIVE tab, plays it (the video's clock advances), buys coins and sends a gift
 * whose animation shows on both pages; the host ends it and the viewer's page says so.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/browser.ts';
import { makeClipFactory } from '../support/clips.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { publishRtmp, type RtmpPublisher } from '../support/rtmp-publisher.ts';
import { readyVideo } from '../support/social.ts';

const WAIT = { timeout: 30_000, interval: 200 };
const PASSWORD = 'correct horse battery';

async function logIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByTestId('auth-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
}

describe('LIVE in the web app', () => {
  let looply: TestLooply;
  let browser: Browser;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;
  let hostPage: Page;
  let viewerPage: Page;
  let viewer: Awaited<ReturnType<typeof signUp>>;
  let publisher: RtmpPublisher | null = null;
  let streamId = '';
  const problems: string[] = [];

  beforeAll(async () => {
    clips = await makeClipFactory();
    looply = await startTestLooply({ RTMP_PORT: '0', MIN_VIDEO_SECONDS: '1' });
    const host = await signUp(looply, 'e2e_live_host');
    viewer = await signUp(looply, 'e2e_live_viewer');
    // A video of the host's, so the viewer's feed has an avatar to ring.
    await readyVideo(looply, host, await clips.clip({ seconds: 2, width: 160, height: 284 }), 'before the live');
    browser = await launchChromium();
    hostPage = await (await browser.newContext(PHONE)).newPage();
    viewerPage = await (await browser.newContext(PHONE)).newPage();
    for (const page of [hostPage, viewerPage]) page.on('pageerror', (error) => problems.push(error.message));
    await logIn(hostPage, looply.url, 'e2e_live_host');
    await logIn(viewerPage, looply.url, 'e2e_live_viewer');
  }, 120_000);

  afterAll(async () => {
    await publisher?.kill();
    await browser?.close();
    await looply?.stop();
    await clips?.cleanup();
  });

  it('shows an empty LIVE tab while nobody is on air', async () => {
    await viewerPage.goto(`${looply.url}/live`);
    await viewerPage.getByTestId('live-empty').waitFor();
    expect(await viewerPage.getByTestId('live-card').count()).toBe(0);
  });

  it('starts a LIVE on the Go LIVE page and goes on air from ffmpeg with the RTMP URL and key it shows', async () => {
    await hostPage.goto(`${looply.url}/live`);
    await hostPage.getByTestId('go-live-link').click();
    await hostPage.waitForURL('**/go-live');
    await hostPage.getByTestId('live-title').fill('Sunset jam');
    await hostPage.getByText('OBS / streaming app').click();
    await hostPage.getByTestId('start-live').click();

    const rtmpUrl = (await hostPage.getByTestId('rtmp-url').textContent()) ?? '';
    expect(rtmpUrl).toBe(`rtmp://127.0.0.1:${looply.services.liveIngest.port}/live`);
    const key = hostPage.getByTestId('stream-key');
    expect(await key.textContent()).toMatch(/^•+$/);
    await hostPage.getByTestId('reveal-key').click();
    const streamKey = (await key.textContent()) ?? '';
    expect(streamKey).toMatch(/^[A-Za-z0-9_-]{43}$/);

    streamId = (await hostPage.getByTestId('host-console').getAttribute('data-stream-id')) ?? '';
    // A viewer with the link before the host is on air waits, and plays as soon as the stream is.
    await viewerPage.goto(`${looply.url}/live/${streamId}`);
    await viewerPage.getByTestId('stream-waiting').waitFor(WAIT);

    publisher = publishRtmp(`${rtmpUrl}/${streamKey}`, { seconds: 120 });
    await expect.poll(() => hostPage.getByTestId('ingest-status').textContent(), WAIT).toContain("You're LIVE");
    const listed = (await looply.api('/v1/live')).body.streams as Array<{ id: string; title: string }>;
    expect(listed.map((stream) => [stream.id, stream.title])).toEqual([[streamId, 'Sunset jam']]);
    const clock = () => viewerPage.getByTestId('live-video').evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(clock, WAIT).toBeGreaterThan(0);
  }, 60_000);

  it('rings the host’s avatar in the feed and on the profile', async () => {
    await viewerPage.goto(looply.url);
    const feedRing = viewerPage.locator('.rail-avatar [data-testid="live-ring"]').first();
    await feedRing.waitFor(WAIT);
    expect(await feedRing.getAttribute('data-stream-id')).toBe(streamId);

    await viewerPage.goto(`${looply.url}/@e2e_live_host`);
    const profileRing = viewerPage.locator('.profile-header [data-testid="live-ring"]');
    await profileRing.waitFor(WAIT);
    expect(await profileRing.getAttribute('href')).toBe(`/live/${streamId}`);
  });

  it('lists the stream on the LIVE tab and plays it at the live edge', async () => {
    await viewerPage.goto(`${looply.url}/live`);
    const card = viewerPage.getByTestId('live-card');
    await card.waitFor(WAIT);
    expect(await card.textContent()).toContain('Sunset jam');
    expect(await card.textContent()).toContain('@e2e_live_host');
    expect(await card.getByTestId('live-ring').count()).toBe(1);
    await card.click();
    await viewerPage.waitForURL(`**/live/${streamId}`);

    // The chat panel offers a send box, or says chat is unavailable (a server without the room's routes): never both.
    const chat = viewerPage.locator('[data-testid="chat-input"], [data-testid="chat-unavailable"]');
    await expect.poll(() => chat.count(), WAIT).toBe(1);

    const video = viewerPage.getByTestId('live-video');
    const clock = () => video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(clock, WAIT).toBeGreaterThan(0);
    const first = await clock();
    await expect.poll(clock, WAIT).toBeGreaterThan(first + 1);
    // Joined at the live edge (the end of what may be seeked to), not at the start of the playlist.
    const behind = await video.evaluate((v: HTMLVideoElement) => v.seekable.end(v.seekable.length - 1) - v.currentTime);
    expect(behind).toBeLessThan(5);
  }, 60_000);

  it('buys coins and sends a gift from the picker; its animation shows to the viewer and the host', async () => {
    await viewerPage.getByTestId('open-gifts').click();
    const balance = viewerPage.getByTestId('coin-balance');
    await expect.poll(() => balance.textContent(), WAIT).toBe('🪙 0');
    // Too few coins: the packages are offered at once.
    await viewerPage.getByTestId('coin-package').first().click();
    await expect.poll(() => balance.textContent(), WAIT).toBe('🪙 70');

    await viewerPage.getByTestId('gift-heart').click();
    await viewerPage.getByTestId('send-gift').click();
    await expect.poll(() => balance.textContent(), WAIT).toBe('🪙 65');
    const mine = viewerPage.locator('[data-testid="gift-animation"][data-gift-id="heart"]');
    await mine.waitFor(WAIT);
    expect(await mine.textContent()).toContain('You sent Heart');

    const arrived = hostPage.locator('[data-testid="gift-animation"][data-gift-id="heart"]');
    await arrived.waitFor(WAIT);
    expect(await arrived.textContent()).toContain('e2e_live_viewer sent Heart');
    const wallet = await looply.api('/v1/wallet', { token: viewer.access_token });
    expect(wallet.body.coins).toBe(65);
  }, 60_000);

  it('retries a gift whose answer was lost with the same idempotency key, and is charged once', async () => {
    const keys: string[] = [];
    viewerPage.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/v1/live/${streamId}/gifts`)) {
        keys.push(JSON.parse(request.postData() ?? '{}').idempotency_key);
      }
    });
    // The first send reaches the server (which charges it) but its answer never reaches the page.
    let lost = false;
    await viewerPage.route('**/v1/live/*/gifts', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await viewerPage.getByTestId('gift-rose').click();
    await viewerPage.getByTestId('send-gift').click();
    const retry = viewerPage.getByRole('button', { name: 'Retry' });
    await retry.waitFor(WAIT);
    expect((await looply.api('/v1/wallet', { token: viewer.access_token })).body.coins).toBe(64);
    await retry.click();
    await expect.poll(() => viewerPage.getByTestId('coin-balance').textContent(), WAIT).toBe('🪙 64');
    await viewerPage.locator('[data-testid="gift-animation"][data-gift-id="rose"]').waitFor(WAIT);
    await viewerPage.unroute('**/v1/live/*/gifts');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect((await looply.api('/v1/wallet', { token: viewer.access_token })).body.coins).toBe(64);
    // The next click is a new gift: a new key.
    await viewerPage.getByTestId('send-gift').click();
    await expect.poll(() => viewerPage.getByTestId('coin-balance').textContent(), WAIT).toBe('🪙 63');
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
  }, 60_000);

  it('ends the LIVE from the host page; the viewer sees it ended', async () => {
    await hostPage.getByTestId('end-live').click();
    await expect.poll(() => hostPage.getByTestId('ingest-status').textContent(), WAIT).toContain('Your LIVE has ended');
    await viewerPage.getByTestId('stream-ended').waitFor(WAIT);
    expect(await viewerPage.getByTestId('open-gifts').count()).toBe(0);
    await viewerPage.goto(`${looply.url}/live`);
    await viewerPage.getByTestId('live-empty').waitFor(WAIT);
    expect(problems).toEqual([]);
  }, 60_000);
});
