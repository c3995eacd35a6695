import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deskPoll,
  deskStartTimeout,
  deskTestTimeout,
  expectCleanConsole,
  expectNoSeriousAxe,
  screenshot,
  signIn,
  startDesk,
  type Desk,
} from './desk-harness.js';

/** The desk's shell in a real browser against a real `hamgam demo`: sign-in, RTL Persian, English, sign-out. */
describe('desk shell', { timeout: deskTestTimeout }, () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk({ products: 100 });
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });

  const htmlAttributes = (page: Page) =>
    page.evaluate<{ dir: string; lang: string }>(
      '({ dir: document.documentElement.dir, lang: document.documentElement.lang })',
    );
  const visibleText = (page: Page) => page.evaluate<string>('document.body.innerText');
  const navBox = async (page: Page) => (await page.getByRole('navigation').boundingBox())!;

  it('opens on the Persian sign-in screen, right to left', async () => {
    const page = await desk.newPage('/');
    await page.waitForURL(/\/sign-in$/);
    await expect.poll(() => htmlAttributes(page), deskPoll).toEqual({ dir: 'rtl', lang: 'fa' });
    await page.getByRole('heading', { name: 'ورود به میز کار' }).waitFor();
    await screenshot(page, 'shell-sign-in');
    await expectNoSeriousAxe(page);
  });

  it('shows the Persian error with its code for a wrong password', async () => {
    const page = await desk.newPage('/sign-in');
    await page.getByTestId('username').fill('admin');
    await page.getByTestId('password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText(), deskPoll).toContain('نام کاربری یا رمز عبور اشتباه است');
    expect(await alert.getByTestId('error-code').innerText()).toBe('AUTH_INVALID_CREDENTIALS');
    expect(page.url()).toMatch(/\/sign-in$/);
    await screenshot(page, 'shell-sign-in-wrong-password');
    await expectNoSeriousAxe(page);
  });

  it('signs in to the RTL Persian shell: drawer on the right, Jalali date with Persian digits, no Latin digit', async () => {
    const page = await desk.newPage('/');
    await signIn(page);
    expect(await page.getByTestId('user-menu').innerText()).toContain('admin (مدیر)');
    await expect
      .poll(() => page.getByTestId('today').innerText(), deskPoll)
      .toMatch(/^[۰-۹]+ \S+ ۱۴[۰-۹]{2}$/);
    expect(await visibleText(page)).not.toMatch(/[0-9]/);
    await expect.poll(async () => (await navBox(page)).x, deskPoll).toBeGreaterThan(640);
    await screenshot(page, 'shell-home-fa');
    await expectNoSeriousAxe(page);
    // The strict CSP (no inline script, styles only via Emotion's tags) must not break anything.
    expectCleanConsole(page);
  });

  it('switches to English (LTR, drawer on the left, Latin digits), keeps it on reload, and back to Persian', async () => {
    const page = await desk.newPage('/');
    await signIn(page);
    await page.getByTestId('language-switch').click();
    await expect.poll(() => htmlAttributes(page), deskPoll).toEqual({ dir: 'ltr', lang: 'en' });
    await expect.poll(() => page.getByTestId('today').innerText(), deskPoll).toMatch(/^\d+ \w+ 14\d\d$/);
    await expect.poll(async () => (await navBox(page)).x, deskPoll).toBeLessThan(10);
    await page.reload();
    await page.getByTestId('user-menu').filter({ hasText: 'admin (Owner)' }).waitFor();
    expect(await htmlAttributes(page)).toEqual({ dir: 'ltr', lang: 'en' });
    await screenshot(page, 'shell-home-en');
    await expectNoSeriousAxe(page);

    await page.getByTestId('language-switch').click();
    await expect.poll(() => htmlAttributes(page), deskPoll).toEqual({ dir: 'rtl', lang: 'fa' });
    await expect.poll(() => page.getByTestId('user-menu').innerText(), deskPoll).toContain('مدیر');
    expectCleanConsole(page);
  });

  it('answers an unknown desk address with a Persian not-found screen inside the shell', async () => {
    const page = await desk.newPage('/');
    await signIn(page);
    await page.goto(`${desk.url}/no-such-screen`);
    await page.getByRole('heading', { name: 'صفحه پیدا نشد' }).waitFor();
    await screenshot(page, 'shell-not-found');
    await expectNoSeriousAxe(page);
  });

  it('signs out: back to sign-in, and the desk stays closed until signing in again', async () => {
    const page = await desk.newPage('/');
    await signIn(page);
    await page.getByTestId('user-menu').click();
    await screenshot(page, 'shell-user-menu');
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in$/);
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    await page.goto(`${desk.url}/`);
    await page.waitForURL(/\/sign-in$/);
  });
});
