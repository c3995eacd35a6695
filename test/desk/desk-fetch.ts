import type { CatalogueDetail, CatalogueList } from '../../core/contracts/admin-catalogue.js';
import type { OrderView } from '../../core/contracts/orders.js';
import { codeFromLog, registerByCode } from '../support/registration.js';
import { demoOwner, type Desk } from './desk-harness.js';

/**
 * What a browser test does around the screens, over plain HTTP: the clerk's token, the storefront's
 * customers and orders, the simulator's desk. Fails loudly with the server's answer.
 */
export async function json<T>(url: string, init: JsonInit = {}): Promise<T> {
  return (await jsonReply<T>(url, init)).body;
}

type JsonInit = RequestInit & { token?: string; body?: string };

/** json() with the status too, for callers that tell 201 from 202 (registration's two steps). */
export async function jsonReply<T>(url: string, init: JsonInit = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { ...(init.body ? { 'content-type': 'application/json' } : {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function staffToken(deskUrl: string): Promise<string> {
  const tokens = await json<{ accessToken: string }>(`${deskUrl}/admin/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify(demoOwner),
  });
  return tokens.accessToken;
}

/**
 * `n` products of the demo catalogue, each with exactly one sellable variant in stock and a price. The
 * demo's first pull may still be running when a test starts (the list then holds a few products), so
 * this asks again for up to a minute.
 */
export async function plainProducts(deskUrl: string, token: string, n: number): Promise<CatalogueDetail[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await plainProductsNow(deskUrl, token, n);
    if (found.length === n) return found;
    if (Date.now() > deadline)
      throw new Error(`fewer than ${n} plain products with stock in the demo catalogue`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function plainProductsNow(deskUrl: string, token: string, n: number): Promise<CatalogueDetail[]> {
  const list = await json<CatalogueList>(
    `${deskUrl}/admin/api/catalogue/products?limit=100&inStock=true&syncState=synced`,
    { token },
  );
  const found: CatalogueDetail[] = [];
  for (const item of list.items.filter((p) => p.variantCount === 1 && (p.price ?? 0) > 0)) {
    const detail = await json<CatalogueDetail>(`${deskUrl}/admin/api/catalogue/products/${item.id}`, {
      token,
    });
    const v = detail.variants[0];
    if (v?.published && v.stock - v.reserved >= 5 && (v.price ?? 0) > 0) found.push(detail);
    if (found.length === n) break;
  }
  return found;
}

/** Registers through both steps, reading the code from the appliance's log (console SMS driver). */
export async function storefrontCustomer(
  desk: Pick<Desk, 'url' | 'output'>,
  customer: { mobile: string; firstName: string; lastName: string },
): Promise<string> {
  // Through the file's helper: a refusal fails here with the server's own answer, whatever its body.
  const post = (path: string, body: unknown) =>
    jsonReply<unknown>(desk.url + path, { method: 'POST', body: JSON.stringify(body) });
  const res = await registerByCode(post, codeFromLog(desk.output), {
    ...customer,
    password: 'a-long-password',
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}

export function checkout(
  deskUrl: string,
  token: string,
  variantId: number,
  paymentMethod: 'online' | 'cash_on_delivery',
): Promise<OrderView> {
  return json<OrderView>(`${deskUrl}/api/v1/orders`, {
    method: 'POST',
    token,
    body: JSON.stringify({
      lines: [{ variantId, quantity: 1 }],
      paymentMethod,
      address: {
        city: 'مشهد',
        address: 'بلوار سجاد، خیابان بهار، پلاک ۲۴',
        postalCode: '۹۱۸۵۶۴۳۲۱۰',
        mobile: '09151234567',
        receiverName: 'نرگس موسوی',
      },
    }),
  });
}

/** Persian and Arabic digits to ASCII, everything else but digits dropped: «۱۲۳٬۴۵۰ تومان» -> «123450». */
export const digitsOf = (text: string): string =>
  text
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\D/g, '');
