/**
 * Discover, hashtag and sound pages in Debian's Chromium against a real Looply and its real search and trending
 * APIs: typeahead suggestions and results of every kind, a hashtag page listing only its videos (one of which then
 * plays), a sound page reached from a playing video's sound link listing the videos that reuse the sound, and the
 * trending hashtags Discover shows while nothing is typed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../support/api-client.ts';
import { launchChromium, PHONE } from '../support/browser.ts';
import { makeClipFactory } from '../support/clips.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { eventually } from '../support/search.ts';
import { type Account, readyVideo } from '../support/social.ts';
import { uploadVideo, waitForProcessed } from '../support/uploads.ts';

/** The video ids of the grid tiles on the page (their links end in `/v/{id}`), in order. */
const tileIds = (page: Page, scope = 'main') =>
  page
    .locator(`${scope} [data-testid="video-tile"]`)
    .evaluateAll((tiles) => tiles.map((tile) => (tile.getAttribute('href') ?? '').split('/v/')[1] ?? ''));

const sorted = (ids: string[]) => [...ids].sort();

describe('Discover, hashtag and sound pages in a real Chromium', () => {
  let looply: TestLooply;
  let browser: Browser;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  /** API calls the pages made that failed. */
  const failures: string[] = [];
  /** #groove #dance, its own original sound. */
  let first = '';
  /** #groove, reusing the first video's sound. */
  let second = '';
  /** No hashtag, by someone else, with its own sound. */
  let untagged = '';
  let soundId = '';
  const soundTitle = 'original sound - groove_maker';

  beforeAll(async () => {
    clips = await makeClipFactory();
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1', WORKER_CONCURRENCY: '2' });
    const [maker, sam] = await Promise.all([signUp(looply, 'groove_maker'), signUp(looply, 'sunset_sam')]);
    const [clipA, clipB, clipC] = await Promise.all([
      clips.clip({ seconds: 4, width: 240, height: 426, title: 'Groove one' }),
      clips.clip({ seconds: 4, width: 240, height: 426, title: 'Groove two' }),
      clips.clip({ seconds: 4, width: 240, height: 426, title: 'Sunset' }),
    ]);
    // Through `POST /v1/videos`, which tags a video with the #hashtags of its caption (readyVideo, going to the
    // videos service directly, leaves `hashtags` empty).
    const tagged = async (author: Account, clip: string, caption: string, fields: Record<string, string> = {}) => {
      const accepted = await uploadVideo(looply, author.access_token, clip, { caption, ...fields });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
      const video = await waitForProcessed(looply, accepted.body.video_id, author.access_token);
      expect(video.status, JSON.stringify(video.error)).toBe('ready');
      return video as { id: string; hashtags: string[]; sound: { id: string; title: string } | null };
    };
    const [firstVideo, untaggedId] = await Promise.all([
      tagged(maker, clipA, 'first moves #groove #dance'),
      readyVideo(looply, sam, clipC, 'sunset over the bay'),
    ]);
    first = firstVideo.id;
    untagged = untaggedId;
    expect(firstVideo.hashtags).toEqual(['groove', 'dance']);
    expect(firstVideo.sound).toEqual({ id: expect.any(String), title: soundTitle });
    soundId = firstVideo.sound?.id ?? '';
    // A second upload reusing the first video's sound.
    const secondVideo = await tagged(maker, clipB, 'second take #groove', { sound_id: soundId });
    second = secondVideo.id;
    expect(secondVideo.sound).toEqual({ id: soundId, title: soundTitle });
    expect(secondVideo.hashtags).toEqual(['groove']);

    // The search index follows events: wait until it knows every account, hashtag, sound and video above.
    const search = (query: string, type: string): Promise<ApiResponse> =>
      looply.api(`/v1/search?${new URLSearchParams({ query, type, count: '50' })}`);
    await eventually(async () => {
      const ids = (response: ApiResponse, list: string, field = 'id') =>
        (response.body[list] as Array<Record<string, string>>).map((item) => item[field] ?? '');
      expect(ids(await search('groove', 'users'), 'users', 'username')).toContain('groove_maker');
      expect((await search('groove', 'hashtags')).body.hashtags).toContainEqual(
        expect.objectContaining({ name: 'groove', video_count: 2 }),
      );
      expect((await search('groove', 'sounds')).body.sounds).toContainEqual(
        expect.objectContaining({ id: soundId, video_count: 2 }),
      );
      expect(sorted(ids(await search('groove', 'videos'), 'videos'))).toEqual(sorted([first, second]));
      expect((await search('sunset', 'videos')).body.videos.map((v: { id: string }) => v.id)).toEqual([untagged]);
      expect(sorted(ids(await looply.api(`/v1/sounds/${soundId}/videos`), 'videos'))).toEqual(sorted([first, second]));
    }, 30_000);

    browser = await launchChromium();
    context = await browser.newContext(PHONE);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/v1/') && response.status() >= 400) {
        failures.push(`${response.status()} ${response.request().method()} ${response.url()}`);
      }
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await looply?.stop();
    await clips?.cleanup();
  });

  it('suggests as you type, then shows matching accounts, hashtags, sounds and videos', async () => {
    await page.goto(looply.url);
    await page.getByTestId('nav-discover').click();
    await page.waitForURL('**/search');
    const input = page.getByTestId('search-input');
    await input.fill('groov');
    // Typeahead: what `/v1/search/suggest` answers, in its order.
    const suggested = (await looply.api('/v1/search/suggest?query=groov')).body.suggestions as Array<{
      type: string;
      text: string;
    }>;
    expect(suggested).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'hashtag', text: 'groove' }),
        expect.objectContaining({ type: 'user', text: 'groove_maker' }),
      ]),
    );
    const mark: Record<string, string> = { hashtag: '#', user: '@', sound: '♫ ' };
    const suggestions = page.getByRole('list', { name: 'Suggestions' }).getByRole('button');
    await expect
      .poll(() => suggestions.allTextContents(), { timeout: 15_000 })
      .toEqual(suggested.map((s) => `${mark[s.type] ?? ''}${s.text}`));

    await input.fill('groove');
    await input.press('Enter');
    await page.waitForURL('**/search?q=groove');
    await expect.poll(() => suggestions.count()).toBe(0);
    const section = (name: string) => page.locator(`main section[aria-label="${name}"]`);
    await section('Videos').waitFor({ timeout: 15_000 });

    const account = section('Accounts').getByRole('link');
    expect(await account.allTextContents()).toEqual([expect.stringContaining('@groove_maker')]);
    expect(await account.getAttribute('href')).toBe('/@groove_maker');
    const tag = section('Hashtags').getByRole('link', { name: /^#groove\b/ });
    expect(await tag.getAttribute('href')).toBe('/tag/groove');
    expect(await tag.textContent()).toBe('#groove 2');
    const sound = section('Sounds').getByRole('link', { name: soundTitle });
    expect(await sound.getAttribute('href')).toBe(`/sound/${soundId}`);
    expect(sorted(await tileIds(page, 'main section[aria-label="Videos"]'))).toEqual(sorted([first, second]));

    // One kind at a time: the Accounts tab asks for `type=users`.
    await page.getByRole('tab', { name: 'Accounts' }).click();
    await page.waitForURL('**/search?q=groove&type=users');
    await expect
      .poll(() => page.locator('main .list-row').allTextContents())
      .toEqual([expect.stringContaining('@groove_maker')]);
    expect(await section('Videos').count()).toBe(0);
  });

  it('opens a hashtag result: its page lists the tagged videos only, and one of them plays', {
    timeout: 90_000,
  }, async () => {
    await page.getByRole('tab', { name: 'Top' }).click();
    await page.waitForURL('**/search?q=groove');
    await page
      .locator('main section[aria-label="Hashtags"]')
      .getByRole('link', { name: /^#groove\b/ })
      .click();
    await page.waitForURL('**/tag/groove');
    await page.getByRole('heading', { name: '#groove' }).waitFor();
    await page.getByText('2 videos').waitFor();
    const grid = 'main section[aria-label="Videos tagged #groove"]';
    await expect.poll(() => tileIds(page, grid).then(sorted), { timeout: 15_000 }).toEqual(sorted([first, second]));
    expect(await tileIds(page, grid)).not.toContain(untagged);

    await page.locator(`${grid} [data-testid="video-tile"][href="/v/${first}"]`).click();
    await page.waitForURL(`**/v/${first}`);
    const item = page.locator(`[data-testid="feed-item"][data-video-id="${first}"]`);
    await item.waitFor();
    const time = () => item.locator('video').evaluate((el) => (el as HTMLVideoElement).currentTime);
    await expect.poll(time, { timeout: 20_000 }).toBeGreaterThan(0.3);
    const start = await time();
    await expect.poll(time, { timeout: 15_000 }).toBeGreaterThan(start + 0.3);
  });

  it("opens the playing video's sound: the sound page lists the videos using it", async () => {
    const item = page.locator(`[data-testid="feed-item"][data-video-id="${first}"]`);
    await item.getByRole('link', { name: `Sound: ${soundTitle}` }).click();
    await page.waitForURL(`**/sound/${soundId}`);
    await page.getByRole('heading', { name: `♫ ${soundTitle}` }).waitFor();
    await page.getByText('2 videos').waitFor();
    await expect(page.locator('main').getByRole('link', { name: 'Use this sound' }).getAttribute('href')).resolves.toBe(
      `/upload?sound=${soundId}`,
    );
    const grid = 'main section[aria-label="Videos with this sound"]';
    await expect.poll(() => tileIds(page, grid).then(sorted), { timeout: 15_000 }).toEqual(sorted([first, second]));
    expect(await tileIds(page, grid)).not.toContain(untagged);

    // The same page from a search result.
    await page.goto(`${looply.url}/search?q=groove&type=sounds`);
    await page.locator('main section[aria-label="Sounds"]').getByRole('link', { name: soundTitle }).click();
    await page.waitForURL(`**/sound/${soundId}`);
    await expect.poll(() => tileIds(page, grid).then(sorted), { timeout: 15_000 }).toEqual(sorted([first, second]));
  });

  it('shows trending hashtags on Discover while nothing is typed', { timeout: 90_000 }, async () => {
    // Views and a like on the #groove videos, on top of their uploads, so #groove leads the board.
    const fan = await signUp(looply, 'groove_fan');
    for (const id of [first, second]) {
      const view = await looply.api(`/v1/videos/${id}/view`, {
        method: 'POST',
        json: { watch_time_ms: 3000, completion_rate: 1, replay_count: 0, source: 'search' },
      });
      expect(view.status).toBe(204);
      expect((await looply.api(`/v1/videos/${id}/like`, { method: 'POST', token: fan.access_token })).status).toBe(200);
    }
    // Each detector shares its board every few seconds; videos trend by their views and likes.
    const board = await eventually(async () => {
      const response = await looply.api('/v1/trending?type=hashtags');
      const names = response.body.items.map((item: { hashtag: { name: string } }) => item.hashtag.name);
      expect(names[0]).toBe('groove');
      expect(names).toContain('dance');
      const videos = (await looply.api('/v1/trending?type=videos')).body.items;
      expect(videos.map((item: { video: { id: string } }) => item.video.id)).toEqual(
        expect.arrayContaining([first, second]),
      );
      return names as string[];
    }, 30_000);

    await page.goto(`${looply.url}/search`);
    await page.getByRole('heading', { name: 'Trending' }).waitFor();
    const chips = page.locator('main ul.chips').getByRole('link');
    await expect.poll(() => chips.allTextContents(), { timeout: 15_000 }).toEqual(board.map((name) => `#${name}`));
    expect(await page.getByText('Nothing is trending yet.').count()).toBe(0);
    // Trending videos under the hashtags: the two liked and viewed #groove videos among them.
    await expect.poll(() => tileIds(page), { timeout: 15_000 }).toEqual(expect.arrayContaining([first, second]));
    for (const id of await tileIds(page)) expect([first, second, untagged]).toContain(id);

    await chips.first().click();
    await page.waitForURL('**/tag/groove');
    await expect
      .poll(() => tileIds(page, 'main section[aria-label="Videos tagged #groove"]').then(sorted), { timeout: 15_000 })
      .toEqual(sorted([first, second]));
    expect(problems).toEqual([]);
    expect(failures).toEqual([]);
  });
});
