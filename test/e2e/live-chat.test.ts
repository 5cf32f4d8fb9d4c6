/**
 * A LIVE's room and browser ingest in Debian's Chromium (docs/protocol of issue 12): chat history on join, messages
 * live on every page, slow mode refusing a quick second message, the host deleting a message and muting a viewer,
 * the viewer count from presence; and a LIVE sent from the Go LIVE page's camera (Chromium's fake camera) over the
 * ingest WebSocket, played by a viewer.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/browser.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { publishRtmp, type RtmpPublisher } from '../support/rtmp-publisher.ts';

const WAIT = { timeout: 30_000, interval: 200 };
const PASSWORD = 'correct horse battery';

/** A fake camera and microphone that need no permission prompt (launchChromium's extraArgs, from the ingest branch). */
const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

describe('a LIVE’s chat, moderation and browser ingest in the web app', () => {
  let looply: TestLooply;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof signUp>>;
  let lateViewer: Awaited<ReturnType<typeof signUp>>;
  let streamId = '';
  let publisher: RtmpPublisher | null = null;
  const pages: Record<string, Page> = {};
  const problems: string[] = [];

  async function pageFor(username: string): Promise<Page> {
    const page = await (await browser.newContext(PHONE)).newPage();
    page.on('pageerror', (error) => problems.push(`${username}: ${error.message}`));
    await page.goto(`${looply.url}/login`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByTestId('auth-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    pages[username] = page;
    return page;
  }

  const chatTexts = (page: Page) => page.locator('[data-testid="chat-message"] .chat-text').allTextContents();

  beforeAll(async () => {
    looply = await startTestLooply({ RTMP_PORT: '0' });
    host = await signUp(looply, 'chat_host');
    lateViewer = await signUp(looply, 'late_viewer');
    await Promise.all(['chat_viewer', 'cam_host'].map((name) => signUp(looply, name)));
    const started = await looply.api('/v1/live/start', {
      method: 'POST',
      token: host.access_token,
      json: { title: 'Chatty' },
    });
    expect(started.status).toBe(201);
    streamId = started.body.stream_id;
    publisher = publishRtmp(`${started.body.rtmp_url}/${started.body.stream_key}`, { seconds: 180 });
    browser = await launchChromium(FAKE_CAMERA);
    await Promise.all([pageFor('chat_host'), pageFor('chat_viewer'), pageFor('late_viewer'), pageFor('cam_host')]);
  }, 120_000);

  afterAll(async () => {
    await publisher?.kill();
    await browser?.close();
    await looply?.stop();
  });

  it('carries messages live to every page, with history for those who join later and the viewer count', async () => {
    const hostPage = pages.chat_host as Page;
    const viewerPage = pages.chat_viewer as Page;
    await Promise.all([hostPage, viewerPage].map((page) => page.goto(`${looply.url}/live/${streamId}`)));
    await viewerPage.getByTestId('chat-input').waitFor(WAIT);
    await viewerPage.getByTestId('chat-input').fill('hello from the viewer');
    await viewerPage.getByTestId('chat-send').click();
    for (const page of [hostPage, viewerPage]) {
      await expect.poll(() => chatTexts(page), WAIT).toEqual(['hello from the viewer']);
    }
    // Presence: at least the viewer (whether the host counts too is the room's call).
    await expect
      .poll(async () => Number(await hostPage.getByTestId('viewer-count').getAttribute('data-count')), WAIT)
      .toBeGreaterThanOrEqual(1);

    const late = pages.late_viewer as Page;
    await late.goto(`${looply.url}/live/${streamId}`);
    await expect.poll(() => chatTexts(late), WAIT).toEqual(['hello from the viewer']);
  }, 60_000);

  it('refuses a quick second message under slow mode, with the reason', async () => {
    const hostPage = pages.chat_host as Page;
    const late = pages.late_viewer as Page;
    await hostPage.locator('.slow-mode select').selectOption('30');
    await expect.poll(() => late.locator('.chat-composer .hint').textContent(), WAIT).toContain('30 s');
    await late.getByTestId('chat-input').fill('first under slow mode');
    await late.getByTestId('chat-send').click();
    await expect.poll(() => chatTexts(hostPage), WAIT).toContain('first under slow mode');
    await late.getByTestId('chat-input').fill('too soon');
    await late.getByTestId('chat-send').click();
    await expect.poll(() => late.getByTestId('chat-error').textContent(), WAIT).toContain('Slow mode');
    expect(await chatTexts(hostPage)).not.toContain('too soon');
    await hostPage.locator('.slow-mode select').selectOption('0');
  }, 60_000);

  it('lets the host delete a message and mute its author', async () => {
    const hostPage = pages.chat_host as Page;
    const viewerPage = pages.chat_viewer as Page;
    const late = pages.late_viewer as Page;
    const row = hostPage.getByTestId('chat-message').filter({ hasText: 'hello from the viewer' });
    await row.getByRole('button', { name: /Actions for/ }).click();
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => chatTexts(viewerPage), WAIT).not.toContain('hello from the viewer');

    const other = hostPage.getByTestId('chat-message').filter({ hasText: 'first under slow mode' });
    await other.getByRole('button', { name: /Actions for/ }).click();
    await other.getByRole('button', { name: 'Mute' }).click();
    await expect.poll(() => late.getByTestId('chat-input').isDisabled(), WAIT).toBe(true);
    const refused = await looply.api(`/v1/live/${streamId}/chat`, {
      method: 'POST',
      token: lateViewer.access_token,
      json: { text: 'still here?' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('MUTED_IN_STREAM');
    // The viewer who was not muted still may write.
    await viewerPage.getByTestId('chat-input').fill('still allowed');
    await viewerPage.getByTestId('chat-send').click();
    await expect.poll(() => chatTexts(hostPage), WAIT).toContain('still allowed');
  }, 60_000);

  it('goes LIVE from the browser camera over the ingest socket, and a viewer plays it', async () => {
    const camPage = pages.cam_host as Page;
    await camPage.goto(`${looply.url}/go-live`);
    await camPage.getByTestId('live-title').fill('From my camera');
    await camPage.getByText('This camera').click();
    await camPage.getByTestId('start-live').click();
    await expect
      .poll(() => camPage.getByTestId('ingest-status').textContent(), { timeout: 60_000, interval: 250 })
      .toContain("You're LIVE");
    const listed = (await looply.api('/v1/live')).body.streams as Array<{ id: string; title: string }>;
    const camStream = listed.find((stream) => stream.title === 'From my camera');
    expect(camStream).toBeDefined();

    const viewerPage = pages.late_viewer as Page;
    await viewerPage.goto(`${looply.url}/live/${camStream?.id}`);
    const video = viewerPage.getByTestId('live-video');
    const clock = () => video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(clock, WAIT).toBeGreaterThan(0);
    const first = await clock();
    await expect.poll(clock, WAIT).toBeGreaterThan(first + 1);
    await camPage.getByTestId('end-live').click();
    await viewerPage.getByTestId('stream-ended').waitFor(WAIT);
    expect(problems).toEqual([]);
  }, 120_000);
});
