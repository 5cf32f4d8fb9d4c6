/**
 * The inbox in Debian's Chromium against a real Looply: a new follower in Notifications, then Messages — the list,
 * a conversation with more history than one page (oldest first, "Older messages" for the rest), a reply sent from
 * the composer, and a message that arrives live.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/browser.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';

/** More than the web app's page of messages (30), so the history takes two pages. */
const HISTORY = 35;

describe('the inbox in the web app', () => {
  let looply: TestLooply;
  let browser: Browser;
  let page: Page;
  let writer: Awaited<ReturnType<typeof signUp>>;
  const problems: string[] = [];

  const messageTexts = () => page.locator('ol.messages > li > p').allTextContents();

  beforeAll(async () => {
    looply = await startTestLooply();
    writer = await signUp(looply, 'e2e_writer');
    browser = await launchChromium();
    page = await (await browser.newContext(PHONE)).newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${looply.url}/signup`);
    await page.locator('input[name="username"]').fill('e2e_reader');
    await page.locator('input[name="password"]').fill('a long password');
    await page.getByTestId('auth-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await looply?.stop();
  });

  it('shows a new follower under Notifications', async () => {
    const followed = await looply.api('/v1/users/e2e_reader/follow', { method: 'POST', token: writer.access_token });
    expect(followed.status).toBeLessThan(300);
    await page.goto(`${looply.url}/inbox`);
    const list = page.getByRole('list', { name: 'Notifications' });
    await expect
      .poll(() => list.getByTestId('notification').allTextContents())
      .toEqual([expect.stringContaining('started following you')]);
    await expect
      .poll(() => page.getByRole('link', { name: 'Notifications' }).getAttribute('aria-current'))
      .toBe('page');
  });

  it('lists the conversation, pages its history oldest first, sends a reply and receives one live', async () => {
    // 35 messages from seq 1: the history's pages cross 9 → 10, which a text-ordered seq once misordered.
    const opened = await looply.api('/v1/conversations', {
      method: 'POST',
      token: writer.access_token,
      json: { member_usernames: ['e2e_reader'] },
    });
    const id = opened.body.id as string;
    for (let i = 1; i <= HISTORY; i++) {
      const sent = await looply.api(`/v1/conversations/${id}/messages`, {
        method: 'POST',
        token: writer.access_token,
        json: { text: `message ${i}` },
      });
      expect(sent.status).toBe(201);
    }

    await page.getByRole('link', { name: 'Messages' }).click();
    const row = page.getByRole('list', { name: 'Conversations' }).getByRole('link');
    await expect.poll(() => row.textContent()).toContain(`message ${HISTORY}`);
    expect(await row.textContent()).toContain(`${HISTORY} unread`);
    await row.click();
    await page.waitForURL(`**/messages/${id}`);

    const lastPage = Array.from({ length: 30 }, (_, i) => `message ${HISTORY - 29 + i}`);
    await expect.poll(messageTexts).toEqual(lastPage);
    await page.getByRole('button', { name: 'Older messages' }).click();
    const all = Array.from({ length: HISTORY }, (_, i) => `message ${i + 1}`);
    await expect.poll(messageTexts).toEqual(all);
    await expect.poll(() => page.getByRole('button', { name: 'Older messages' }).count()).toBe(0);

    await page.getByRole('textbox', { name: 'Message' }).fill('hello back');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(messageTexts).toEqual([...all, 'hello back']);

    await looply.api(`/v1/conversations/${id}/messages`, {
      method: 'POST',
      token: writer.access_token,
      json: { text: 'sent while you look' },
    });
    await expect.poll(messageTexts).toEqual([...all, 'hello back', 'sent while you look']);

    // The open conversation marks what it shows as read, the live message too.
    const reader = await looply.api('/v1/auth/login', {
      method: 'POST',
      json: { username: 'e2e_reader', password: 'a long password' },
    });
    const unread = async () =>
      (await looply.api('/v1/conversations', { token: reader.body.access_token })).body.conversations[0].unread_count;
    await expect.poll(unread).toBe(0);
    expect(problems).toEqual([]);
  });
});
