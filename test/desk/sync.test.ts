import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deskPoll,
  deskStartTimeout,
  deskTestTimeout,
  expectNoSeriousAxe,
  screenshot,
  signIn,
  startDesk,
  type Desk,
} from './desk-harness.js';
import { textWithoutLatinParts } from './page-text.js';

/**
 * The status dashboard, «sync now» with live progress (resumed after a reload), the preview, the
 * one-record sync and the run history, in a real browser against a real `hamgam demo`.
 */
// Sync runs and page loads on a loaded 2-core machine: twice the usual per-test limit.
describe('desk sync screens', { timeout: 2 * deskTestTimeout }, () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk({
      products: 120,
      env: {
        // The demo pulls every minute; here only the tests' clicks start runs, so each run is the one
        // the test made (a scheduled pull between tests would clear or mask a failed run).
        HAMGAM_PULL_SCHEDULE: '0 3 1 1 *',
        // The reload case slows every GetAllData to 30 s: slower than that is a timeout by default,
        // and a run retrying timeouts is not the slow-but-healthy run that case is about.
        HAMGAM_MAHAK_TIMEOUT_MS: '90000',
      },
    });
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
  const toPersian = (text: string) => text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[+d]!);
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

  /**
   * Signed in on the status page, with the demo's first pull finished. `healthy` (the default) also
   * waits for the overall state to be synced or pending; after the failed-run case the state rightly
   * stays «needs action» until a sync succeeds, so later cases open the page without that wait.
   */
  async function statusPage({ healthy = true } = {}): Promise<Page> {
    const page = await desk.newPage('/');
    pages.push(page);
    await signIn(page);
    await page.waitForURL(/\/status$/);
    await page.getByTestId('entity-status-table').waitFor();
    if (healthy)
      await expect
        .poll(() => page.getByTestId('overall-state').innerText(), { timeout: 60_000 })
        .toMatch(/همگام$|در انتظار/);
    return page;
  }

  it('the dashboard: overall state, push summary and one row per entity, Persian digits only', async () => {
    const page = await statusPage();
    await page.getByRole('heading', { name: 'وضعیت همگام‌سازی', level: 1 }).waitFor();
    const rows = page.getByTestId('entity-status-table').getByRole('row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(15); // header + 14 entities
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
    await dialog.getByTestId('record-id').fill(toPersian(String(product.ProductId)));
    await dialog.getByTestId('record-submit').click();
    const outcome = dialog.getByTestId('record-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toMatch(/applied|unchanged/);
    // Mahak's name, its model number in Persian digits like all text in fa.
    expect(await outcome.innerText()).toContain(toPersian(product.Name));
    expect(await outcome.innerText()).not.toMatch(/[0-9]/);
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

  it('a reload in the middle of a sync picks the same run up again and follows it to the end', async () => {
    const page = await statusPage();
    // Every GetAllData round now waits 30 s at the simulator: the run is certainly still going after the
    // reload. Slowed only once the page is up: the dashboard's own probe of Mahak is not what is tested.
    await sim('POST', '/__sim/faults', { kind: 'latency', operation: 'GetAllData', ms: 30_000 });
    const runId = await syncNow(page);
    expect(await phaseOf(page)).toMatch(/starting|fetching/);
    await page.reload();
    await expect.poll(() => panel(page).getAttribute('data-run-id'), { timeout: 45_000 }).toBe(runId);
    expect(await phaseOf(page)).toMatch(/starting|fetching/);
    await screenshot(page, 'status-sync-running');
    await expectNoSeriousAxe(page);
    await clearFaults();
    await expect.poll(() => phaseOf(page), { timeout: 60_000 }).toBe('done');
    expect(await panel(page).getAttribute('data-run-id')).toBe(runId);
  });

  it('a failed sync explains itself on the dashboard and in the run history', async () => {
    const page = await statusPage();
    // Mahak fails once the healthy dashboard is up (a failing probe would rightly show «needs action» first).
    await sim('POST', '/__sim/faults', { kind: 'http5xx', operation: 'GetAllData', status: 503 });
    await syncNow(page);
    await expect.poll(() => phaseOf(page), { timeout: 60_000 }).toBe('failed');
    await clearFaults();
    const advice = panel(page).getByTestId('sync-error-advice');
    expect(await advice.getAttribute('data-kind')).toBe('mahak_server_error');
    expect(await advice.innerText()).toContain('چه باید کرد؟');
    // No English inside the Persian advice: the code and any system text are set apart left to right.
    expect(await advice.evaluate(textWithoutLatinParts)).not.toMatch(/[A-Za-z]/);
    expect(await advice.innerText()).toContain('mahak_server_error');
    await screenshot(page, 'status-sync-failed');
    await expectNoSeriousAxe(page);

    await page.getByTestId('progress-open-run').click();
    await page.waitForURL(/\/runs\/[\w-]+$/);
    await page.getByTestId('run-summary').waitFor();
    expect(await page.getByTestId('sync-error-advice').getAttribute('data-kind')).toBe('mahak_server_error');
    await page.getByTestId('run-log').locator('[data-event="run_failed"]').waitFor();
    await screenshot(page, 'runs-detail-failed');
    await expectNoSeriousAxe(page);

    // Back on the dashboard the failure stays said, with the way to the failed run.
    await page.goto(`${desk.url}/status`);
    await expect.poll(() => page.getByTestId('overall-state').innerText(), deskPoll).toBe('نیاز به اقدام');
    expect(await page.getByTestId('sync-error-advice').first().getAttribute('data-kind')).toBe(
      'mahak_server_error',
    );
  });

  it('the run history lists the runs with Jalali times and opens a run’s counts and log', async () => {
    const page = await statusPage({ healthy: false });
    await page.getByRole('link', { name: 'تاریخچهٔ همگام‌سازی' }).click();
    await page.waitForURL(/\/runs$/);
    const links = page.getByTestId('run-link');
    await expect.poll(() => links.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    expect(await links.first().innerText()).toMatch(/^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}$/);
    await screenshot(page, 'runs-history');
    await expectNoSeriousAxe(page);

    await page.getByRole('combobox', { name: 'نتیجه' }).click();
    await page.getByRole('option', { name: 'موفق', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-status-failed').count(), { timeout: 30_000 }).toBe(0);
    await links.first().click();
    await page.getByTestId('run-summary').waitFor();
    await page.getByTestId('run-log').locator('[data-event="run_finished"]').waitFor();
    expect(await page.getByTestId('entity-progress').innerText()).toContain('کالاها');
    expect(await mainText(page)).not.toMatch(/[0-9]/);
    await screenshot(page, 'runs-detail');
    await expectNoSeriousAxe(page);
  });

  it('the dashboard in English', async () => {
    const page = await statusPage({ healthy: false });
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Sync status', level: 1 }).waitFor();
    await screenshot(page, 'status-dashboard-en');
    await expectNoSeriousAxe(page);
    await page.getByTestId('language-switch').click();
  });
});
