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

/**
 * The first-run wizard against `hamgam serve` on an empty database whose Mahak URL is not fixed by env:
 * the owner types the simulator's address, tests it, picks the lists, sees the preview, runs the first
 * pull and lands on the desk; a reload does not bring the wizard back.
 */
describe('desk first-run setup wizard', { timeout: deskTestTimeout * 4 }, () => {
  const owner = { username: 'shopowner', password: 'صاحب-فروشگاه-1403' };
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk({ mode: 'serve', owner, products: 40, firstRun: true });
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });

  const check = async (page: Page, name: string) => {
    await screenshot(page, `setup-${name}`);
    await expectNoSeriousAxe(page);
  };
  /** Opens a select (MUI menu) and picks the option with this text. */
  const pick = async (page: Page, label: string, option: RegExp) => {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).first().click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  };

  /**
   * A desk screen's heading shows (the gate answered) and it is not the wizard. Polled: the router
   * changes the address at once but keeps the wizard on screen until the next screen's code has loaded
   * (a lazy route inside a transition), which on a loaded machine takes a while.
   */
  const expectDeskScreen = async (page: Page) => {
    const heading = async () => {
      await page.locator('main h1').first().waitFor();
      return page.locator('main h1').first().innerText();
    };
    await expect.poll(heading, deskPoll).not.toBe('راه‌اندازی همگام');
    expect(new URL(page.url()).pathname).not.toBe('/setup');
  };

  it('walks connection → test → lists → preview → first sync → done, and stays done', async () => {
    const page = await desk.newPage('/');
    await signIn(page, owner);
    await page.waitForURL(/\/setup$/);
    await page.getByTestId('setup-step-connection').waitFor();
    // Nothing tested yet: the clerk cannot skip ahead.
    await expect.poll(() => page.getByTestId('setup-next').isDisabled(), deskPoll).toBe(true);
    await page.getByTestId('field-mahakUrl').fill(desk.mahakUrl);
    await page.getByTestId('field-mahakUser').fill('demo');
    await page.getByTestId('field-mahakPassword').fill('demo');
    await check(page, 'connection');

    await page.getByTestId('setup-test-connection').click();
    await page.getByTestId('connection-ok').waitFor();
    await check(page, 'connection-ok');
    await page.getByTestId('setup-next').click();

    await page.getByTestId('setup-step-lists').waitFor();
    await page.getByTestId('price-level').waitFor();
    await pick(page, 'گروه مشتریان اینترنتی', /./);
    await check(page, 'lists');
    await page.getByTestId('setup-next').click();

    await page.getByTestId('setup-step-preview').waitFor();
    const products = page.getByTestId('preview-Products');
    await products.waitFor();
    // 40 simulator products, all new on a fresh database, in Persian digits.
    expect(await products.innerText()).toContain('۴۰');
    await check(page, 'preview');
    await page.getByTestId('setup-next').click();

    await page.getByTestId('setup-step-sync').waitFor();
    await page.getByTestId('setup-start-sync').click();
    await page.getByTestId('setup-sync-progress').waitFor();
    await page.getByTestId('setup-sync-done').waitFor({ timeout: 180_000 });
    await check(page, 'sync-done');
    await page.getByTestId('setup-next').click();

    await page.getByTestId('setup-step-done').waitFor();
    await check(page, 'done');
    await page.getByTestId('setup-finish').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/setup'));
    await expectDeskScreen(page);
    await check(page, 'after');

    // Setup is finished on the server: neither a reload nor the desk's root opens the wizard again.
    await page.reload();
    await expectDeskScreen(page);
    await page.goto(`${desk.url}/`);
    await expectDeskScreen(page);
    expectCleanConsole(page);
  });
});
