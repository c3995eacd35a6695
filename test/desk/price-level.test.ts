import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/contracts/admin-sync.js';
import {
  deskStartTimeout,
  deskTestTimeout,
  expectNoSeriousAxe,
  expectOneLineLink,
  screenshot,
  signIn,
  startDesk,
  type Desk,
} from './desk-harness.js';
import { adminGet, ownerToken } from './workbench-scenarios.js';

/**
 * The storefront sells at a price level Mahak does not name (the demo's Mahak names levels 1 to 5; the
 * server is set to 9): the status API reports it (storefront.priceLevelProblem) and the status screen
 * warns in Persian, with what to do and a way to the settings.
 */
describe('desk: a sell price level Mahak does not name', { timeout: deskTestTimeout * 2 }, () => {
  let desk: Desk;
  let token: string;
  beforeAll(async () => {
    desk = await startDesk({ products: 30, env: { HAMGAM_SELL_PRICE_LEVEL: '9' } });
    token = await ownerToken(desk);
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });

  it('warns on the status screen, says what to do, and leads to the settings', async () => {
    // The demo's first pull brings Mahak's level names; until then nothing can be said.
    await expect
      .poll(
        async () =>
          (await adminGet<SyncStatus>(desk, token, '/admin/api/sync/status')).storefront.priceLevelProblem,
        { timeout: 60_000, interval: 500 },
      )
      .toMatchObject({ level: 9, named: [1, 2, 3, 4, 5] });
    const page = await desk.newPage('/');
    await signIn(page);
    await page.goto(`${desk.url}/status`);
    const warning = page.getByTestId('price-level-warning');
    await warning.waitFor();
    const text = await warning.innerText();
    expect(text).toContain('قیمت‌های فروشگاه اینترنتی درست نیست');
    expect(text).toContain('سطح قیمت ۹ در محک تعریف نشده است');
    expect(text).toContain('سطح‌های محک: ۱، ۲، ۳، ۴، ۵');
    expect(text).toContain('چه باید کرد');
    expect(text).toContain('HAMGAM_SELL_PRICE_LEVEL');
    const link = warning.getByRole('link', { name: 'رفتن به تنظیمات فروش' });
    await expectOneLineLink(page, link, warning);
    await screenshot(page, 'status-price-level');
    await expectNoSeriousAxe(page);
    // A narrow window (a laptop with the desk beside the Mahak program): still one line, inside the alert.
    await page.setViewportSize({ width: 800, height: 900 });
    await expectOneLineLink(page, link, warning);
    await screenshot(page, 'status-price-level-800');
    await link.click();
    await page.waitForURL(/\/settings/);
  });
});
