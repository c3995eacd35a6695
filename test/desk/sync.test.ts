import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deskStartTimeout,
  deskTestTimeout,
  expectNoSeriousAxe,
  screenshot,
  signIn,
  startDesk,
  type Desk,
} from './desk-harness.js';

/**
 * The status dashboard, «sync now» with live progress (resumed after a reload), the preview, the
 * one-record sync and the run history, in a real browser against a real `hamgam demo`.
 */
// Sync runs and page loads on a loaded 2-core machine: twice the usual per-test limit.
describe('desk sync screens', { timeout: 2 * deskTestTimeout }, () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk({ products: 120 });
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });
  // Each page keeps the progress stream open: close it, and lift any simulator fault, after each test.
  const pages: Page[] = [];
  afterEach(async () => {
    await clearFaults();
    for (const page of pages.splice(0)) await page.context().close();
  });

  const sim = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const res = await fetch(`${desk.simUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const clearFaults = () => (desk ? sim('DELETE', '/__sim/faults').catch(() => undefined) : undefined);
  const mainText = (page: Page) => page.locator('main').innerText();
  const panel = (page: Page) => page.getByTestId('sync-progress');
  const phaseOf = (page: Page) => panel(page).getAttribute('data-phase');

  /** Clicks «sync now» and waits for the panel to show a run other than the one shown before. */
  async function syncNow(page: Page): Promise<string> {
    const before = (await panel(page).count()) > 0 ? await panel(page).getAttribute('data-run-id') : null;
    await page.getByTestId('sync-now').click();
    await expect
      .poll(async () => ((await panel(page).count()) > 0 ? panel(page).getAttribute('data-run-id') : null), {
        timeout: 45_000,
      })
      .not.toBe(before);
    return (await panel(page).getAttribute('data-run-id'))!;
  }

  /** Signed in on the status page, with the demo's first pull finished. */
  async function statusPage(): Promise<Page> {
    const page = await desk.newPage('/');
    pages.push(page);
    await signIn(page);
    await page.waitForURL(/\/status$/);
    await page.getByTestId('entity-status-table').waitFor();
    await expect
      .poll(() => page.getByTestId('overall-state').innerText(), { timeout: 60_000 })
      .toMatch(/همگام$|در انتظار/);
    return page;
  }

  it('the dashboard: overall state, push summary and one row per entity, Persian digits only', async () => {
    const page = await statusPage();
    await page.getByRole('heading', { name: 'وضعیت همگام‌سازی', level: 1 }).waitFor();
    const rows = page.getByTestId('entity-status-table').getByRole('row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(14); // header + 13 entities
    expect(await mainText(page)).toContain('کالاها');
    expect(await mainText(page)).not.toMatch(/[0-9]/);
    await screenshot(page, 'status-dashboard');
    await expectNoSeriousAxe(page);
  });

  it('previews what a sync would change, writing nothing', async () => {
    const page = await statusPage();
    await page.getByTestId('sync-more').click();
    await page.getByTestId('sync-preview').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'پیش‌نمایش همگام‌سازی' }).waitFor();
    await dialog.getByTestId('preview-table').or(dialog.getByRole('alert')).first().waitFor();
    expect(await dialog.innerText()).not.toMatch(/[0-9]/);
    await screenshot(page, 'status-preview');
    await expectNoSeriousAxe(page);
    await dialog.getByRole('button', { name: 'بستن' }).click();
  });

  it('syncs one record by its Mahak id', async () => {
    const products = (await sim('GET', '/__sim/snapshot/Products')) as { ProductId: number; Name: string }[];
    const product = products[0];
    const page = await statusPage();
    await page.getByTestId('sync-more').click();
    await page.getByTestId('sync-record').click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByTestId('record-id')
      .fill(String(product.ProductId).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[+d]));
    await dialog.getByTestId('record-submit').click();
    const outcome = dialog.getByTestId('record-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toMatch(/applied|unchanged/);
    expect(await outcome.innerText()).toContain(product.Name);
    await screenshot(page, 'status-record-sync');
    await expectNoSeriousAxe(page);
  });

  it('«sync now» shows the progress bar live until it reaches done', async () => {
    const page = await statusPage();
    const runId = await syncNow(page);
    await expect.poll(() => phaseOf(page), { timeout: 60_000 }).toBe('done');
    expect(await panel(page).getAttribute('data-run-id')).toBe(runId);
    expect(await page.getByTestId('sync-progress-percent').innerText()).toBe('۱۰۰٪');
    expect(await page.getByTestId('sync-progress-bar').getAttribute('aria-valuenow')).toBe('100');
    expect(await panel(page).innerText()).toContain('همگام‌سازی تمام شد');
    await screenshot(page, 'status-sync-done');
    await expectNoSeriousAxe(page);
  });

  it('the dashboard in English', async () => {
    const page = await statusPage();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Sync status', level: 1 }).waitFor();
    await screenshot(page, 'status-dashboard-en');
    await expectNoSeriousAxe(page);
    await page.getByTestId('language-switch').click();
  });
});
