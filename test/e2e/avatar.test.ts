/**
 * The edit-profile form in Debian's Chromium: a picture picked from disk becomes the avatar, and can be removed; the
 * For You setting shows what the server has and saves a change.
 */

import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/browser.ts';
import { startTestLooply, type TestLooply } from '../support/looply.ts';

describe('changing the profile picture in the web app', () => {
  let looply: TestLooply;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    looply = await startTestLooply();
    browser = await launchChromium();
    page = await (await browser.newContext(PHONE)).newPage();
    page.on('pageerror', (error) => problems.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await looply?.stop();
  });

  it('uploads a picked picture, shows it on the profile, and removes it', async () => {
    await page.goto(`${looply.url}/signup`);
    await page.locator('input[name="username"]').fill('e2e_face');
    await page.locator('input[name="password"]').fill('a long password');
    await page.getByTestId('auth-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('nav-profile').click();
    await page.getByRole('button', { name: 'Edit profile' }).click();

    const picture = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#2080c0' } })
      .png()
      .toBuffer();
    await page.getByTestId('avatar-file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picture });
    const headerPicture = page.locator('.profile-header img.avatar');
    await headerPicture.waitFor();
    expect(await headerPicture.getAttribute('src')).toMatch(/^\/media\/avatars\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.webp$/);
    await expect.poll(() => headerPicture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(256);
    const me = await looply.api('/v1/users/e2e_face');
    expect(me.body.avatar_url).toBe(await headerPicture.getAttribute('src'));

    await page.getByTestId('avatar-remove').click();
    await page.locator('.profile-header .avatar-letter').waitFor();
    expect((await looply.api('/v1/users/e2e_face')).body.avatar_url).toBeNull();
    expect(problems).toEqual([]);
  });

  it('shows the For You setting the server has, and saves a change to it', async () => {
    const setting = page.getByRole('checkbox', { name: /Personalised For You/ });
    await expect.poll(() => setting.isChecked()).toBe(true);
    await setting.uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Edit profile' }).waitFor();
    const login = await looply.api('/v1/auth/login', {
      method: 'POST',
      json: { username: 'e2e_face', password: 'a long password' },
    });
    const preferences = await looply.api('/v1/feed/preferences', { token: login.body.access_token });
    expect(preferences.body).toEqual({ personalized_feed: false });

    await page.getByRole('button', { name: 'Edit profile' }).click();
    await expect.poll(() => setting.isChecked()).toBe(false);
    expect(problems).toEqual([]);
  });
});
