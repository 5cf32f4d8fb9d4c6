/**
 * The web app in Debian's Chromium against a real Looply: sign-up, a resumable (tus) upload that becomes ready, the
 * swipe feed (each video playing, served from the prefetch cache), likes, double-tap likes and comments, the view
 * signals the recommender gets, a shared video page with Open Graph tags, and the installable PWA.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewLoggedData as ViewData } from '../../src/modules/videos/events.ts';
import type { DomainEvent } from '../../src/platform/stream/events.ts';
import { launchChromium, PHONE } from '../support/browser.ts';
import { makeClipFactory } from '../support/clips.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { readyVideo } from '../support/social.ts';

/** The active item's video position, seconds. */
const activeTime = (page: Page) =>
  page
    .locator('[data-testid="feed-item"][data-active="true"] video')
    .evaluate((el) => (el as HTMLVideoElement).currentTime);

describe('the web app in a real Chromium', () => {
  let looply: TestLooply;
  let browser: Browser;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;
  let phone: BrowserContext;
  let page: Page;
  let creatorVideos: string[] = [];
  const views: ViewData[] = [];
  const problems: string[] = [];
  let uploadedId = '';

  beforeAll(async () => {
    clips = await makeClipFactory();
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1', WORKER_CONCURRENCY: '2' });
    await looply.infra.events.subscribe('e2e-web-views', ['ViewLogged'], async (event: DomainEvent) => {
      views.push(event.data as ViewData);
    });
    // Five videos by another creator, so there is a feed to swipe through.
    const creator = await signUp(looply, 'e2e_creator');
    const clip = await clips.clip({ seconds: 6, width: 240, height: 426, title: 'Swipe me' });
    creatorVideos = [];
    for (let i = 0; i < 5; i++) {
      creatorVideos.push(await readyVideo(looply, creator, clip, `clip ${i + 1} #e2etag with @e2e_creator`));
    }
    browser = await launchChromium();
    phone = await browser.newContext(PHONE);
    page = await phone.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await looply?.stop();
    await clips?.cleanup();
  });

  it('signs up, uploads a clip through tus with an edit, and sees it become ready', async () => {
    const clip = await clips.clip({ seconds: 4, width: 360, height: 640, title: 'Hello Looply' });
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
    await page.getByText('Mono', { exact: true }).click();
    await page.getByTestId('upload-caption').fill('My first clip #hello');
    await page.getByTestId('upload-hashtags').fill('e2e');
    const tusPatch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/v1/uploads/'));
    await page.getByTestId('upload-submit').click();
    await tusPatch;
    await page.locator('[data-testid="upload-status"][data-status="ready"]').waitFor({ timeout: 120_000 });
    uploadedId = (await page.getByTestId('upload-watch').getAttribute('href'))?.split('/v/')[1] ?? '';
    const video = (await looply.api(`/v1/videos/${uploadedId}`)).body;
    expect(video.status).toBe('ready');
    expect(video.hashtags).toEqual(expect.arrayContaining(['hello', 'e2e']));
  });

  it('swipes through five videos, each playing, starting from the prefetch cache', async () => {
    await page.getByTestId('nav-home').click();
    await page.locator('[data-testid="feed-item"][data-active="true"][data-started="true"]').waitFor();
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.getByTestId('feed').getAttribute('data-active-index')).toBe(String(i));
      const item = page.locator(`[data-testid="feed-item"][data-index="${i}"]`);
      await expect.poll(() => item.getAttribute('data-active')).toBe('true');
      const id = await item.getAttribute('data-video-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      seen.push(id ?? '');
      const start = await activeTime(page);
      await expect.poll(() => activeTime(page), { timeout: 15_000 }).toBeGreaterThan(start + 0.4);
    }
    expect(new Set(seen).size, `videos shown: ${seen.join(', ')}`).toBe(5);
    const stats = await page.evaluate(() => window.__looplyPrefetch?.stats());
    expect(stats?.enabled).toBe(true);
    // Players found playlists and segments the engine had fetched ahead.
    expect((stats?.hits ?? 0) + (stats?.joins ?? 0)).toBeGreaterThan(5);
    expect(stats?.prefetchedBytes).toBeGreaterThan(0);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'feed-phone.png') });
  });

  it('likes with the rail and with a double tap, and comments', async () => {
    const item = page.locator('[data-testid="feed-item"][data-active="true"]');
    const id = (await item.getAttribute('data-video-id')) ?? '';
    await item.getByTestId('like-button').click();
    await expect.poll(() => item.getByTestId('like-button').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await looply.api(`/v1/videos/${id}`)).body.stats.likes).toBe(1);

    await page.keyboard.press('ArrowUp');
    // Let the smooth scroll land before tapping.
    await expect
      .poll(() => page.getByTestId('feed').evaluate((el) => Math.abs(el.scrollTop / el.clientHeight - 3)))
      .toBeLessThan(0.01);
    const previous = page.locator('[data-testid="feed-item"][data-active="true"]');
    const previousId = (await previous.getAttribute('data-video-id')) ?? '';
    expect(previousId).not.toBe(id);
    await previous.getByTestId('tap-layer').dblclick();
    await expect.poll(() => previous.getByTestId('like-button').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await looply.api(`/v1/videos/${previousId}`)).body.stats.likes).toBe(1);

    await previous.getByTestId('comment-button').click();
    const sheet = page.getByTestId('comments-sheet');
    await sheet.waitFor();
    await sheet.getByTestId('comment-input').fill('Nice one @e2e_creator');
    await sheet.getByTestId('comment-submit').click();
    await expect
      .poll(() => sheet.getByTestId('comment').allTextContents())
      .toEqual([expect.stringContaining('Nice one @e2e_creator')]);
    const comments = (await looply.api(`/v1/videos/${previousId}/comments`)).body.comments;
    expect(comments.map((c: { content: string }) => c.content)).toEqual(['Nice one @e2e_creator']);
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
  });

  it('sends a view for every video watched, with plausible watch times, signed in', async () => {
    const me = (await looply.api('/v1/users/e2e_user')).body.id;
    // Hiding the page flushes what is still queued (as closing the tab would).
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect
      .poll(() => new Set(views.filter((v) => v.user_id === me).map((v) => v.video_id)).size, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(5);
    for (const view of views.filter((v) => v.user_id === me)) {
      expect(view.source).toBe('fyp');
      expect(view.watch_time_ms).toBeGreaterThan(100);
      expect(view.watch_time_ms).toBeLessThan(60_000);
      expect(view.completion_rate).toBeGreaterThanOrEqual(0);
      expect(view.completion_rate).toBeLessThanOrEqual(1);
    }
    const watched = views.find((v) => v.user_id === me && creatorVideos.includes(v.video_id));
    expect((await looply.api(`/v1/videos/${watched?.video_id}`)).body.stats.views).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
  });

  it('serves a shareable video page with Open Graph tags, and a hashtag link leads to its page', async () => {
    const html = await (await fetch(`${looply.url}/v/${creatorVideos[0]}`)).text();
    expect(html).toContain('<meta property="og:title" content="e2e_creator (@e2e_creator) on Looply"');
    expect(html).toMatch(/<meta property="og:image" content="http:\/\/[^"]+\/poster\.jpg"/);
    expect(html).toMatch(/<meta property="og:video" content="http:\/\/[^"]+"/);

    const visitor = await browser.newContext(PHONE);
    const tab = await visitor.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${looply.url}/v/${creatorVideos[0]}`);
    const item = tab.locator('[data-testid="feed-item"][data-video-id]');
    await item.waitFor();
    await expect
      .poll(() => item.locator('video').evaluate((el) => (el as HTMLVideoElement).currentTime), { timeout: 15_000 })
      .toBeGreaterThan(0.3);
    await item.getByRole('link', { name: '#e2etag' }).click();
    await tab.waitForURL('**/tag/e2etag');
    await tab.getByRole('heading', { name: '#e2etag' }).waitFor();

    // Following asks a visitor to sign in.
    await tab.goto(`${looply.url}/following`);
    await tab.getByRole('heading', { name: 'See videos from creators you follow' }).waitFor();
    expect(errors).toEqual([]);
    await visitor.close();
  });

  it('is an installable PWA whose service worker keeps the app shell and never the API or media', async () => {
    const manifest = (await looply.api('/manifest.webmanifest')).body;
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    const context = await browser.newContext(PHONE);
    const tab = await context.newPage();
    await tab.goto(looply.url);
    await tab.locator('[data-testid="feed-item"][data-active="true"][data-started="true"]').waitFor();
    const cached = await tab.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const urls: string[] = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/index.html');
    expect(cached.some((url) => url.startsWith('/assets/'))).toBe(true);
    expect(cached.filter((url) => url.startsWith('/v1/') || url.startsWith('/media/'))).toEqual([]);
    await context.close();
  });
});
