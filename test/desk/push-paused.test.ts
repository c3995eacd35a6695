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
import {
  adminGet,
  checkout,
  checkoutPaid,
  goodsOnSale,
  ownerToken,
  pushUntil,
} from './workbench-scenarios.js';

/**
 * The paused push as staff see it (issue 8 follow-up): the payment bank is set to one Mahak does not
 * hold, so the paid online order waits (a cash-on-delivery one still goes); the status screen and
 * the orders list say so in one banner, with the env var to fix and a way to the settings.
 */
describe('desk: pushing paused banner', { timeout: deskTestTimeout * 2 }, () => {
  let desk: Desk;
  let token: string;
  beforeAll(async () => {
    desk = await startDesk({
      products: 60,
      env: { HAMGAM_MAHAK_BANK_ID: '999999' },
    });
    token = await ownerToken(desk);
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });

  it('shows the pause on the status and orders screens, with the key to fix and the settings link', async () => {
    const [cod, paid] = await goodsOnSale(desk, 2);
    const codOrder = await checkout(desk, [cod]);
    await checkoutPaid(desk, [paid]);
    const status = () => adminGet<SyncStatus>(desk, token, '/admin/api/sync/status');
    const paused = async () => (await status()).push.paused;
    const sent = async () =>
      (await adminGet<{ syncStatus: string }>(desk, token, `/admin/api/orders/${codOrder}`)).syncStatus ===
      'sent';
    await pushUntil(desk, token, async () => (await paused()) !== null && (await sent()), 'the push pause');
    // Set by env: fixed in the server's configuration, even though the desk can choose a bank too.
    expect(await paused()).toMatchObject({ key: 'mahakBankId', where: 'config' });

    const page = await desk.newPage('/');
    await signIn(page);
    await page.goto(`${desk.url}/status`);
    const banner = page.getByTestId('push-paused-banner');
    await banner.waitFor();
    const text = await banner.innerText();
    // Only paid online orders wait: the title says so, not that all of the push stopped.
    const title = 'سفارش‌های پرداخت‌شدهٔ اینترنتی منتظر تعیین حساب بانکی‌اند';
    expect(await banner.locator('.MuiAlertTitle-root').innerText()).toBe(title);
    expect(text).not.toContain('متوقف است');
    // The message under it does not say the title again.
    expect(text.split(title)).toHaveLength(2);
    expect(text).toContain('حساب بانکی پرداخت‌های اینترنتی در محک وجود ندارد');
    expect(text).toContain('سفارش‌های پرداخت در محل ارسال می‌شوند');
    expect(text).toContain('HAMGAM_MAHAK_BANK_ID');
    expect(text).toContain('پیکربندی سرور');
    await expectOneLineLink(page, banner.getByTestId('push-paused-settings'), banner);
    await screenshot(page, 'push-paused-status');
    await expectNoSeriousAxe(page);
    await page.setViewportSize({ width: 800, height: 900 });
    await expectOneLineLink(page, banner.getByTestId('push-paused-settings'), banner);
    await screenshot(page, 'push-paused-status-800');
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto(`${desk.url}/orders`);
    await page.getByTestId('push-paused-banner').waitFor();
    await screenshot(page, 'push-paused-orders');
    await expectNoSeriousAxe(page);
    await page.getByTestId('push-paused-settings').click();
    await page.waitForURL(/\/settings$/);
  });
});
