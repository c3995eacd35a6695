import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueDetail } from '../../core/contracts/admin-catalogue.js';
import {
  deskStartTimeout,
  deskTestTimeout,
  expectNoSeriousAxe,
  screenshot,
  signIn,
  startDesk,
  type Desk,
} from './desk-harness.js';
import { personGroups } from '../../core/mahak-sim/catalogue-words.js';
import { checkout, digitsOf, json, plainProducts, staffToken, storefrontCustomer } from './desk-fetch.js';
import { lineCount } from './page-text.js';

/**
 * The catalogue, orders and customers screens in a real browser against a real `hamgam demo`: browse
 * and search, edit web-only fields and see them survive a pull, a price changed at the simulator's desk
 * arriving after «get from Mahak», and orders placed through the storefront API shown, cancelled and
 * followed to Mahak's invoice number. Screenshots and axe on every screen.
 */
// Several screens, axe runs and a pull per test: twice the usual limit keeps a loaded machine green.
describe('desk catalogue, orders and customers', { timeout: 2 * deskTestTimeout }, () => {
  let desk: Desk;
  let token: string;
  let products: CatalogueDetail[];
  let page: Page;
  beforeAll(async () => {
    desk = await startDesk({ products: 120 });
    token = await staffToken(desk.url);
    products = await plainProducts(desk.url, token, 7);
    page = await desk.newPage('/');
    await signIn(page);
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });

  /** One signed-in page for the file; screens are opened in the app (no reload of the bundle). */
  const open = async (path: string) => {
    await page.evaluate(
      `history.pushState(null, '', '${path}'); dispatchEvent(new PopStateEvent('popstate'))`,
    );
    await page.waitForURL(`**${path}`);
    return page;
  };
  const mainText = (page: Page) => page.getByRole('main').innerText();
  const rowOf = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  /** Waits for a condition (vitest's default second is too short for a loaded machine). */
  const until = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 200 });
  /** What the Persian desk shows of Mahak's text: its digits in Persian. */
  const fa = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
  const pull = () => json(`${desk.url}/admin/api/sync/pull`, { method: 'POST', token });

  it('browses and searches the catalogue (Persian, ي/ی folded, no Latin digit)', async () => {
    const product = products[0];
    const page = await open('/catalogue');
    await page.getByRole('heading', { name: 'کالاها' }).waitFor();
    await until(() => page.getByRole('row').count()).toBeGreaterThan(10);
    await until(() => mainText(page)).toContain('آخرین دریافت از محک');
    await screenshot(page, 'catalogue-list');
    expect(await mainText(page)).not.toMatch(/[0-9]/);
    await expectNoSeriousAxe(page);

    const typed = fa(product.mahak.name).replace(/ی/g, 'ي').replace(/ک/g, 'ك');
    await page.getByLabel('جستجو در نام، کد یا بارکد').fill(typed);
    await until(() => rowOf(page, fa(product.mahak.name)).count()).toBe(1);
    await page.getByLabel('جستجو در نام، کد یا بارکد').fill('کالایی-که-نیست');
    await page.getByText('کالایی پیدا نشد', { exact: true }).waitFor();
    await screenshot(page, 'catalogue-empty-search');
    await expectNoSeriousAxe(page);

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Catalogue' }).waitFor();
    await page.getByLabel('Search name, code or barcode').fill('');
    await until(() => page.getByRole('row').count()).toBeGreaterThan(10);
    await screenshot(page, 'catalogue-list-en');
    await expectNoSeriousAxe(page);
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'کالاها' }).waitFor();
  });

  it('edits web-only fields on the product page and they survive a pull that changes the product', async () => {
    const product = products[1];
    const page = await open(`/catalogue/${product.id}`);
    await page.getByRole('heading', { name: fa(product.mahak.name) }).waitFor();
    await page.getByLabel('توضیحات فروشگاه').fill('چرم طبیعی، دوخت دست؛ مناسب هدیه');
    await page.getByLabel('نشانی وب (slug)').fill('هدیه چرمی Mashhad');
    await page.getByText('ذخیره می‌شود به صورت: هدیه-چرمی-mashhad').waitFor();
    await page.getByLabel('کالای ویژه (در صفحهٔ اول فروشگاه)').check();
    await page.getByRole('button', { name: 'ذخیرهٔ تغییرات' }).click();
    await page.getByText('تغییرات ذخیره شد').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'catalogue-product');
    await expectNoSeriousAxe(page);

    const renamed = `${product.mahak.name} (نسخهٔ تازه)`;
    await json(`${desk.simUrl}/__sim/products/${product.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ Name: renamed }),
    });
    await pull();
    await page.reload();
    await page.getByRole('heading', { name: fa(renamed) }).waitFor();
    expect(await page.getByLabel('توضیحات فروشگاه').inputValue()).toBe('چرم طبیعی، دوخت دست؛ مناسب هدیه');
    expect(await page.getByLabel('نشانی وب (slug)').inputValue()).toBe('هدیه-چرمی-mashhad');
    expect(await page.getByLabel('کالای ویژه (در صفحهٔ اول فروشگاه)').isChecked()).toBe(true);
    const shown = await json<{ slug: string; featured: boolean }>(
      `${desk.url}/api/v1/products/${product.id}`,
    );
    expect(shown).toMatchObject({ slug: 'هدیه-چرمی-mashhad', featured: true });
  });

  it('shows a clear Persian error for a slug another product uses, and keeps the form', async () => {
    const [first, second] = [products[2], products[3]];
    await json(`${desk.url}/admin/api/catalogue/products/${first.id}`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ slug: 'slug-taken' }),
    });
    const page = await open(`/catalogue/${second.id}`);
    await page.getByLabel('نشانی وب (slug)').fill('slug-taken');
    await page.getByRole('button', { name: 'ذخیرهٔ تغییرات' }).click();
    await page.getByText('این نشانی وب برای کالای دیگری ثبت شده است').waitFor();
    expect(await page.getByTestId('error-code').innerText()).toBe('PRODUCT_SLUG_TAKEN');
    expect(await page.getByLabel('نشانی وب (slug)').inputValue()).toBe('slug-taken');
    await screenshot(page, 'catalogue-product-slug-taken');
  });

  it("a price changed at the simulator's desk arrives in the catalogue after «get from Mahak»", async () => {
    const product = products[4];
    const variant = product.variants[0];
    const newPrice = (variant.price ?? 0) + 1_234_560;
    const page = await open('/catalogue');
    await page.getByLabel('جستجو در نام، کد یا بارکد').fill(product.mahak.name);
    const row = rowOf(page, fa(product.mahak.name));
    await until(() => row.count()).toBe(1);
    const priceCell = row.locator('[data-field="price"]');
    const shownPrice = async () => digitsOf(await priceCell.innerText());
    expect([String(variant.price), String((variant.price ?? 0) / 10)]).toContain(await shownPrice());

    await json(`${desk.simUrl}/__sim/details/${variant.id}/prices`, {
      method: 'PUT',
      body: JSON.stringify({ Price1: newPrice }),
    });
    const expected = [String(newPrice), String(newPrice / 10)];
    const button = page.getByRole('button', { name: 'دریافت از محک' });
    // A scheduled pull may already be under way when the button is pressed (the press then joins it,
    // and that run may have read the price before the change): press again until the price is there.
    const arrived = (timeout: number) =>
      expect
        .poll(shownPrice, { timeout })
        .toSatisfy((p: string) => expected.includes(p))
        .then(
          () => true,
          () => false,
        );
    for (let attempt = 0; attempt < 3 && !expected.includes(await shownPrice()); attempt++) {
      await button.click();
      await page.getByRole('button', { name: 'در حال دریافت از محک…' }).waitFor({ state: 'detached' });
      if (await arrived(15_000)) break;
    }
    await until(shownPrice).toSatisfy((p: string) => expected.includes(p));
    await screenshot(page, 'catalogue-price-arrived');
    await page.getByRole('link', { name: fa(product.mahak.name) }).click();
    await page.getByRole('heading', { name: fa(product.mahak.name) }).waitFor();
    const detail = await json<CatalogueDetail>(`${desk.url}/admin/api/catalogue/products/${product.id}`, {
      token,
    });
    expect(detail.variants[0].price).toBe(newPrice);
  });

  let orders: { cod: string; online: string } | undefined;
  /** Two orders of one storefront customer, placed once through the storefront API. */
  const placeOrders = async () => {
    if (orders) return orders;
    const [a, b] = [products[5], products[6]];
    const customer = await storefrontCustomer(desk, {
      mobile: '09151234567',
      firstName: 'نرگس',
      // Registered with the Arabic ي: the text primitive stores (and the desk shows) the Persian ی.
      lastName: 'موسوي',
    });
    const cod = await checkout(desk.url, customer, a.variants[0].id, 'cash_on_delivery');
    const online = await checkout(desk.url, customer, b.variants[0].id, 'online');
    orders = { cod: cod.id, online: online.id };
    return orders;
  };

  it('orders: storefront orders listed; an unpaid one cancelled after a confirm, with its timeline', async () => {
    const { online } = await placeOrders();
    const page = await open('/orders');
    await page.getByRole('heading', { name: 'سفارش‌های فروشگاه اینترنتی' }).waitFor();
    await until(() => rowOf(page, 'نرگس موسوی').count()).toBe(2);
    await screenshot(page, 'orders-list');
    expect(await mainText(page)).not.toMatch(/[0-9]/);
    await expectNoSeriousAxe(page);

    await open(`/orders/${online}`);
    await page.getByText('سفارش ثبت شد (پرداخت اینترنتی)').waitFor();
    await page.getByRole('button', { name: 'لغو سفارش' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('این سفارش لغو شود؟').waitFor();
    await dialog.getByLabel('یادداشت (اختیاری)').fill('مشتری تماس گرفت و انصراف داد');
    await screenshot(page, 'orders-cancel-confirm');
    await expectNoSeriousAxe(page);
    await dialog.getByRole('button', { name: 'لغو سفارش' }).click();
    await page.getByText('سفارش لغو شد (توسط فروشگاه)').waitFor();
    await page.getByText('لغو سفارش توسط admin: «مشتری تماس گرفت و انصراف داد»').waitFor();
    await screenshot(page, 'orders-detail-cancelled');
    await expectNoSeriousAxe(page);
  });

  it('orders: the cash-on-delivery order is followed to its Mahak invoice number', async () => {
    const { cod } = await placeOrders();
    const page = await open(`/orders/${cod}`);
    // Pushed right after checkout (the checkout nudges the push worker): the invoice line appears.
    await until(async () => {
      await page.reload();
      await page.getByText('سفارش ثبت شد (پرداخت در محل)').waitFor();
      return mainText(page);
    }).toMatch(/فاکتور محک به شمارهٔ [۰-۹]+ ثبت شد/);
    // The product column has the room: a Persian name reads on one or two lines, not word by word.
    const name = page.getByTestId('line-name').first();
    expect((await name.boundingBox())!.width).toBeGreaterThan(300);
    expect(await name.evaluate(lineCount)).toBeLessThanOrEqual(2);
    await screenshot(page, 'orders-detail-sent');
    expect(await mainText(page)).not.toMatch(/[0-9]/);
    await expectNoSeriousAxe(page);
  });

  it('customers: the list and a customer with the Mahak person link and their orders', async () => {
    await placeOrders();
    const page = await open('/customers');
    await page.getByRole('heading', { name: 'مشتریان فروشگاه اینترنتی' }).waitFor();
    await rowOf(page, 'نرگس موسوی').waitFor();
    await screenshot(page, 'customers-list');
    expect(await mainText(page)).not.toMatch(/[0-9]/);
    await expectNoSeriousAxe(page);
    await page.getByRole('link', { name: 'نرگس موسوی' }).click();
    await page.getByRole('heading', { name: 'نرگس موسوی' }).waitFor();
    await until(() => mainText(page)).toMatch(/شناسهٔ طرف حساب \(PersonId\)\s+[۰-۹]+/);
    // Once the person comes back with a pull, its group is named as in Mahak's list, not by its id.
    await pull();
    await until(async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'نرگس موسوی' }).waitFor();
      return mainText(page);
    }).toMatch(/گروه طرف حساب\s+\S/);
    const group = /گروه طرف حساب\s+([^\n]+)/.exec(await mainText(page))![1].trim();
    expect(personGroups.map((g) => g.name)).toContain(group);
    await screenshot(page, 'customers-detail');
    await expectNoSeriousAxe(page);
  });
});
