import { json, staffToken, storefrontCustomer } from './desk-fetch.js';
import type { Desk } from './desk-harness.js';

/**
 * What happens in a shop before a clerk opens the workbench, done for real against the demo: a
 * customer registers and checks out through the storefront API, the simulator misbehaves through its
 * /__sim/ control (faults, a product deleted at the Mahak desk), and the appliance reacts on its own.
 */

const post = <T>(url: string, body: unknown, token?: string) =>
  json<T>(url, { method: 'POST', body: JSON.stringify(body), token });

export interface Goods {
  productId: number;
  variantId: number;
  price: number;
  name: string;
  /** The variant's Mahak Properties JSON ('' when it has none). */
  properties: string;
}

type ProductDetail = { variants: { id: number; price: number; stock: number; properties: string | null }[] };

/**
 * Products the storefront sells now, one variant each, for which `wanted` holds (waits for the demo's
 * first pull). Each product is used once across calls, so scenarios do not share stock.
 */
export async function goodsOnSale(desk: Desk, n: number, wanted: (g: Goods) => boolean = () => true) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await json<{ items: { id: number; name: string }[] }>(
      `${desk.url}/api/v1/products?limit=100&inStock=true`,
    );
    const out: Goods[] = [];
    for (const p of page.items.filter((x) => !taken.has(x.id))) {
      const detail = await json<ProductDetail>(`${desk.url}/api/v1/products/${p.id}`);
      const v = detail.variants.find((x) => x.stock >= 5 && x.price > 0);
      const goods = v && {
        productId: p.id,
        variantId: v.id,
        price: v.price,
        name: p.name,
        properties: v.properties ?? '',
      };
      if (goods && wanted(goods)) out.push(goods);
      if (out.length === n) {
        for (const g of out) taken.add(g.productId);
        return out;
      }
    }
    if (Date.now() > deadline) throw new Error(`fewer than ${n} such products on sale`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
const taken = new Set<number>();

let customers = 0;

/** A new customer registers and pays on delivery for these goods; returns the order id. */
export async function checkout(
  desk: Desk,
  goods: Goods[],
  paymentMethod = 'cash_on_delivery',
): Promise<string> {
  const { id } = await placeWith(desk, goods, paymentMethod);
  return id;
}

/**
 * A new customer orders and pays online through the demo's fake gateway (its page's «pay» link): the
 * order's push carries a Receipt and a Cheque on Mahak's bank. Returns the order id.
 */
export async function checkoutPaid(desk: Desk, goods: Goods[]): Promise<string> {
  const { id, accessToken } = await placeWith(desk, goods, 'online');
  const started = await post<{ redirectUrl: string }>(`${desk.url}/api/v1/orders/${id}/pay`, {}, accessToken);
  const page = await (await fetch(started.redirectUrl)).text();
  const link = /id="pay" href="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
  if (!link) throw new Error(`no pay link on the fake gateway page: ${page.slice(0, 300)}`);
  await json(String(new URL(link, desk.url)));
  return id;
}

async function placeWith(desk: Desk, goods: Goods[], paymentMethod: string) {
  const n = ++customers;
  const accessToken = await storefrontCustomer(desk, {
    mobile: `0912555${String(1000 + n).slice(-4)}`,
    firstName: ['مریم', 'علی', 'زهرا', 'رضا'][n % 4],
    lastName: ['احمدی', 'كريمي', 'حسینی', 'رضایی'][n % 4],
  });
  const order = await post<{ id: string }>(
    `${desk.url}/api/v1/orders`,
    {
      lines: goods.map((g) => ({ variantId: g.variantId, quantity: 1, expectedUnitPrice: g.price })),
      address: {
        city: 'مشهد',
        address: 'بلوار وکیل‌آباد، کوچهٔ ۱۲، پلاک ۴',
        postalCode: '9183645971',
        mobile: '09123456789',
        receiverName: 'مریم احمدی',
      },
      paymentMethod,
    },
    accessToken,
  );
  return { id: order.id, accessToken };
}

export const sim = {
  fault: (desk: Desk, rule: Record<string, unknown>) => post(`${desk.simUrl}/__sim/faults`, rule),
  clearFaults: (desk: Desk) => json(`${desk.simUrl}/__sim/faults`, { method: 'DELETE' }),
  deleteProduct: (desk: Desk, productId: number) =>
    json(`${desk.simUrl}/__sim/products/${productId}`, { method: 'DELETE' }),
  books: (desk: Desk) =>
    json<{ Orders: Record<string, unknown>[]; OrderDetails: Record<string, unknown>[] }>(
      `${desk.simUrl}/__sim/books`,
    ),
};

/** The demo owner's bearer token for the admin API (the same account the browser signs in with). */
export function ownerToken(desk: Desk): Promise<string> {
  return staffToken(desk.url);
}

/**
 * Pushes now (the clerk's "push now") until `done` holds: backoff makes an item due a few seconds later.
 * Two minutes: an order waits for its customer's person, each on its own backoff, on a loaded machine.
 * A timeout says what the outbox and the dead letters held, so a failure can be read.
 */
export async function pushUntil(desk: Desk, token: string, done: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 120_000;
  while (!(await done())) {
    if (Date.now() > deadline) {
      const status = await adminGet<unknown>(desk, token, '/admin/api/sync/status').catch((e) => String(e));
      const letters = await adminGet<unknown>(desk, token, '/admin/api/dead-letters').catch((e) => String(e));
      const push = (status as { push?: unknown }).push;
      throw new Error(
        `timed out waiting for ${what}: push ${JSON.stringify(push)}; dead letters ${JSON.stringify(letters).slice(0, 2000)}`,
      );
    }
    // A push already running answers 409: the loop asks again in half a second.
    await post(`${desk.url}/admin/api/sync/push`, {}, token).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function adminGet<T>(desk: Desk, token: string, path: string): Promise<T> {
  return json<T>(`${desk.url}${path}`, { token });
}
