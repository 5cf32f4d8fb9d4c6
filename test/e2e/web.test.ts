import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClipFactory } from '../support/clips.ts';
import { startTestLooply, type TestLooply } from '../support/looply.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the web app in a real Chromium', () => {
  let looply: TestLooply;
  let browser: Browser;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;

  beforeAll(async () => {
    clips = await makeClipFactory();
    looply = await startTestLooply();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await looply?.stop();
    await clips?.cleanup();
  });

  it('signs up, uploads a clip, sees it become ready and play in the feed', async () => {
    const clip = await clips.clip({ seconds: 4, width: 360, height: 640, title: 'Hello Looply' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(looply.url);
    await page.getByTestId('feed').waitFor();
    await page.getByTestId('nav-profile').click();
    await page.waitForURL('**/login');
    await page.getByTestId('auth-switch').click();
    await page.waitForURL('**/signup');
    await page.locator('input[name="username"]').fill('e2e_user');
    await page.locator('input[name="password"]').fill('a long password');
    await page.getByTestId('auth-submit').click();
    await page.waitForURL((url) => url.pathname === '/');

    await page.getByTestId('nav-upload').click();
    await page.getByTestId('upload-file').setInputFiles(clip);
    await page.getByTestId('upload-caption').fill('My first clip #hello');
    await page.getByTestId('upload-hashtags').fill('e2e');
    await page.getByTestId('upload-submit').click();
    await page.locator('[data-testid="upload-status"][data-status="ready"]').waitFor({ timeout: 120_000 });

    await page.getByTestId('nav-home').click();
    const item = page.locator('[data-testid="feed-item"][data-active="true"]');
    await item.waitFor();
    const video = item.getByTestId('feed-video');
    await expect
      .poll(async () => video.evaluate((element) => (element as HTMLVideoElement).currentTime), { timeout: 30_000 })
      .toBeGreaterThan(1);
    expect(await item.getAttribute('data-video-id')).toMatch(/^[0-9a-f-]{36}$/);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'feed-phone.png') });
    expect(problems).toEqual([]);
    await context.close();
  });
});
