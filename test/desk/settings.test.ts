import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { doctorReportSchema, supportBundleFiles } from '../../core/contracts/admin-doctor.js';

/**
 * The settings, users and change-password screens against a real `hamgam serve` (Mahak URL set by
 * env, so it shows locked; user and password are the desk's to set).
 */
describe('desk settings and users', { timeout: deskTestTimeout * 2 }, () => {
  const owner = { username: 'shopowner', password: 'صاحب-فروشگاه-1403' };
  const clerk = { username: 'reza.karimi', password: 'reza-karimi-1403' };
  const jwtSecret = 'desk-settings-test-jwt-secret-0a1b2c3d';
  let desk: Desk;
  beforeAll(async () => {
    // A JWT secret of our own, so the support bundle can be searched for it.
    desk = await startDesk({ mode: 'serve', owner, products: 40, env: { HAMGAM_JWT_SECRET: jwtSecret } });
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });

  const openAsOwner = async (path: string): Promise<Page> => {
    const page = await desk.newPage('/');
    await signIn(page, owner);
    await page.goto(desk.url + path);
    return page;
  };
  // One sign-in for the file's API calls, not one per call: the app allows 10 logins a minute from an
  // address (HAMGAM_AUTH_RATE_PER_MINUTE), and a poll that signed in on each try used them up on a
  // loaded machine, so the next test's browser sign-in was refused.
  let ownerToken: string | undefined;
  const api = async (method: string, path: string, body?: unknown) => {
    if (!ownerToken) {
      const login = await fetch(`${desk.url}/admin/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(owner),
      });
      if (!login.ok) throw new Error(`owner sign-in: ${login.status} ${await login.text()}`);
      ownerToken = ((await login.json()) as { accessToken: string }).accessToken;
    }
    const accessToken = ownerToken;
    const res = await fetch(desk.url + path, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json() as Promise<Record<string, unknown>>;
  };

  it('shows the env-locked URL with a lock, and a wrong password gets the Persian hint', async () => {
    const page = await openAsOwner('/settings');
    await page.getByRole('heading', { name: 'تنظیمات', level: 1 }).waitFor();
    expect(await page.getByTestId('field-mahakUrl').isDisabled()).toBe(true);
    await page.getByTestId('lock').first().waitFor();
    await page.getByTestId('field-mahakPassword').fill('not-the-password');
    await page.getByTestId('test-connection').click();
    const failed = page.getByTestId('connection-failed');
    await expect.poll(() => failed.innerText()).toContain('محک نام کاربری یا رمز عبور را نپذیرفت');
    expect(await page.getByTestId('connection-hint').innerText()).toContain('آزمایش اتصال');
    await screenshot(page, 'settings-wrong-password');
    await expectNoSeriousAxe(page);

    await page.getByTestId('field-mahakPassword').fill('demo');
    await page.getByTestId('test-connection').click();
    await page.getByTestId('connection-ok').waitFor();
    await screenshot(page, 'settings-connection-ok');
  });

  it('downloads the support bundle from the health check: the report inside, the secrets replaced', async () => {
    const page = await openAsOwner('/settings');
    await page.getByRole('heading', { name: 'تنظیمات', level: 1 }).waitFor();
    const button = page.getByTestId('support-bundle');
    await button.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^hamgam-support-[\dTZ-]+\.zip$/);
    const file = join(desk.dir, download.suggestedFilename());
    await download.saveAs(file);
    // Debian's unzip reads it: the bundle is a real zip (core/ops/zip-writer.ts writes it by hand).
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(expect.arrayContaining([...supportBundleFiles]));
    const read = (name: string) => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' });
    expect(doctorReportSchema.parse(JSON.parse(read('doctor.json'))).checks.length).toBeGreaterThan(0);
    expect(JSON.parse(read('config.json'))).toMatchObject({ jwtSecret: '***' });
    const everything = names.map(read).join('\n');
    expect(everything).not.toContain(jwtSecret);
    expect(everything).not.toContain(owner.password);
    await page.getByTestId('support-bundle-done').waitFor();
    await screenshot(page, 'settings-support-bundle');
    await expectNoSeriousAxe(page);
  });

  it('serves prices at the price level picked in the desk, without a restart', async () => {
    await api('POST', '/admin/api/sync/pull');
    const list = (await (await fetch(`${desk.url}/api/v1/products?limit=5`)).json()) as {
      items: { id: number; price: number }[];
    };
    const product = list.items[0];
    const page = await openAsOwner('/settings');
    await page.getByRole('combobox', { name: 'سطح قیمت فروش' }).click();
    await page.getByRole('option', { name: /^قیمت ۳/ }).click();
    await page.getByTestId('save-selling').click();
    await expect
      .poll(
        async () =>
          ((await api('GET', '/admin/api/settings')).values as { sellPriceLevel: number }).sellPriceLevel,
        deskPoll,
      )
      .toBe(3);
    const after = (await (await fetch(`${desk.url}/api/v1/products/${product.id}`)).json()) as {
      price: number;
    };
    expect(after.price).not.toBe(product.price);
    await screenshot(page, 'settings-price-level');
    await expectNoSeriousAxe(page);
  });

  it("lets the owner pick the bank of online payments from Mahak's banks", async () => {
    const lists = (await api('GET', '/admin/api/settings/mahak-lists')) as unknown as {
      banks: { id: number; name: string }[];
    };
    expect(lists.banks.length).toBeGreaterThan(1);
    const bank = lists.banks[1];
    const page = await openAsOwner('/settings');
    const select = page.getByRole('combobox', { name: 'حساب بانکی پرداخت‌های اینترنتی' });
    await select.scrollIntoViewIfNeeded();
    expect(await select.innerText()).toContain('انتخاب نشده');
    await select.click();
    await page.getByTestId(`bank-${bank.id}`).click();
    await page.getByTestId('save-selling').click();
    await expect
      .poll(
        async () => ((await api('GET', '/admin/api/settings')).values as { mahakBankId: number }).mahakBankId,
        deskPoll,
      )
      .toBe(bank.id);
    expect(await select.innerText()).toContain(bank.name);
    await screenshot(page, 'settings-bank');
    await expectNoSeriousAxe(page);
  });

  it('lets the owner add a clerk who sees no owner screen and is refused at its address', async () => {
    const page = await openAsOwner('/users');
    await page.getByRole('heading', { name: 'کاربران میز کار', level: 1 }).waitFor();
    await page.getByTestId('new-username').fill(clerk.username);
    await page.getByTestId('new-password').fill(clerk.password);
    await page.getByTestId('create-staff').click();
    await page.getByTestId(`staff-${clerk.username}`).waitFor();
    await screenshot(page, 'users-list');
    await expectNoSeriousAxe(page);

    const staffPage = await desk.newPage('/');
    await signIn(staffPage, clerk);
    const nav = staffPage.getByRole('navigation');
    expect(await nav.innerText()).not.toContain('تنظیمات');
    expect(await nav.innerText()).not.toContain('کاربران');
    for (const path of ['/settings', '/users']) {
      await staffPage.goto(desk.url + path);
      await expect.poll(() => staffPage.getByTestId('error-code').innerText()).toBe('FORBIDDEN');
    }
    await screenshot(staffPage, 'users-staff-forbidden');
  });

  it('changes a clerk’s own password only with the current one', async () => {
    const page = await desk.newPage('/');
    await signIn(page, clerk);
    await page.goto(`${desk.url}/account/password`);
    await page.getByRole('heading', { name: 'تغییر رمز عبور', level: 1 }).waitFor();
    await page.getByTestId('current-password').fill('not-my-password');
    await page.getByTestId('next-password').fill('a-new-password-1403');
    await page.getByTestId('repeat-password').fill('a-new-password-1403');
    await page.getByTestId('change-password').click();
    await expect.poll(() => page.getByTestId('error-code').innerText()).toBe('AUTH_WRONG_PASSWORD');
    expect(await page.getByRole('alert').innerText()).toContain('رمز فعلی اشتباه است');
    await screenshot(page, 'account-password-wrong');
    await expectNoSeriousAxe(page);
  });
});
