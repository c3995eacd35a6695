import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catalogueDetailSchema,
  catalogueListSchema,
  categoryOptionListSchema,
  type CatalogueDetail,
  type CatalogueList,
} from '../../core/contracts/admin-catalogue.js';
import type { ProductDetailDto, ProductPageDto } from '../../core/contracts/catalog.js';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import { address, drivers, startDeskApiEnv, type DeskApiEnv } from './desk-api-env.js';

/**
 * The desk's catalogue API through app.inject() on the whole app after a real pull from the simulator:
 * every answer parses with the shared schema, bad input gets the documented error body and changes
 * nothing, and the web-only fields survive a pull of a changed product.
 */
describe.each(drivers)('admin catalogue API (%s, whole app)', (driver) => {
  let env: DeskApiEnv;
  beforeAll(async () => {
    env = await startDeskApiEnv(driver);
  });
  afterAll(() => env.close());

  const list = async (query = '') => {
    const res = await env.req<CatalogueList>('GET', `/admin/api/catalogue/products${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return catalogueListSchema.parse(res.body);
  };
  const detail = async (id: number) => {
    const res = await env.req<CatalogueDetail>('GET', `/admin/api/catalogue/products/${id}`);
    expect(res.status).toBe(200);
    return catalogueDetailSchema.parse(res.body);
  };
  const patch = (id: number, body: unknown) =>
    env.req<CatalogueDetail & ErrorBody>('PATCH', `/admin/api/catalogue/products/${id}`, body);
  const audits = (id: number) =>
    env.count('audit_log', "target_type = 'product' AND target_id = ?", [String(id)]);
  const webRows = () => env.count('product_web');
  const storefront = <T>(url: string) => env.req<T>('GET', url, undefined, null);

  it('needs a clerk: no token is 401, a customer token is 403', async () => {
    expect((await env.req('GET', '/admin/api/catalogue/products', undefined, null)).status).toBe(401);
    const customer = await env.customer('09151110001', 'علی', 'کریمی');
    expect((await env.req('GET', '/admin/api/catalogue/products', undefined, customer.token)).status).toBe(
      403,
    );
  });

  it('pages through every product once with a cursor, with a total and the last pull time', async () => {
    const all = await env.count('products');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(all);
      expect(page.lastPulledAt).not.toBeNull();
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(all);
    expect(new Set(seen).size).toBe(all);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('searches with Persian normalisation (ي/ی, ك/ک, Persian digits) and filters by category', async () => {
    const [row] = await env.app.storage.db.query<{ id: number; name: string; category_id: number }>(
      "SELECT id, name, category_id FROM products WHERE deleted_at IS NULL AND (name LIKE '%ی%' OR name LIKE '%ک%') ORDER BY id LIMIT 1",
    );
    const typed = row.name.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
    const found = await list(`?q=${encodeURIComponent(typed)}`);
    expect(found.items.map((p) => p.id)).toContain(Number(row.id));
    const byCategory = await list(`?categoryId=${row.category_id}&limit=100`);
    expect(byCategory.items.length).toBeGreaterThan(0);
    expect(byCategory.items.every((p) => p.categoryId === Number(row.category_id))).toBe(true);
    const categories = categoryOptionListSchema.parse(
      (await env.req('GET', '/admin/api/catalogue/categories')).body,
    );
    expect(categories.items.map((c) => c.id)).toContain(Number(row.category_id));
  });

  it('filters by stock and sync state; a product deleted in Mahak shows as deleted after a pull', async () => {
    const inStock = await list('?inStock=true&limit=100');
    expect(inStock.items.every((p) => p.stock > 0)).toBe(true);
    const gone = env.goods[9].productId;
    env.sim.control.deleteProduct(gone);
    await env.app.engine.pullNow();
    const deleted = await list('?syncState=deleted&limit=100');
    expect(deleted.items.map((p) => p.id)).toContain(gone);
    expect((await detail(gone)).mahak.deletedAt).not.toBeNull();
    expect((await storefront(`/api/v1/products/${gone}`)).status).toBe(404);
  });

  it('refuses bad queries with the documented error body', async () => {
    for (const query of [
      '?limit=0',
      '?limit=abc',
      '?inStock=yes',
      '?syncState=odd',
      '?colour=red',
      '?cursor=@@',
    ]) {
      const res = await env.req<ErrorBody>('GET', `/admin/api/catalogue/products${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.messageFa).toBeTruthy();
    }
    const missing = await env.req<ErrorBody>('GET', '/admin/api/catalogue/products/999999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('shows Mahak ids, RowVersion, variants with stock and the picture state', async () => {
    const good = env.goods[0];
    const d = await detail(good.productId);
    expect(d.mahak.name).toBe(good.name);
    expect(d.mahak.rowVersion).toBeGreaterThan(0);
    const variant = d.variants.find((v) => v.id === good.variantId);
    expect(variant).toMatchObject({ published: true, deleted: false, price: good.price });
    expect(variant!.stock).toBeGreaterThan(0);
    expect(d.pictures.every((p) => ['downloaded', 'pending', 'failed'].includes(p.status))).toBe(true);
    expect(d.web).toMatchObject({ visibility: 'visible', featured: false, slug: null, description: null });
  });

  it('edits the web-only fields (normalised, audited) and the storefront honours them', async () => {
    const { productId } = env.goods[1];
    const res = await patch(productId, {
      description: '  کيف چرمی دست‌دوز، مناسب هديه  ',
      slug: 'کیف چرمی Leather ۲',
      featured: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = catalogueDetailSchema.parse(res.body);
    expect(d.web).toMatchObject({
      description: 'کيف چرمی دست‌دوز، مناسب هديه',
      slug: 'کیف-چرمی-leather-2',
      featured: true,
      updatedBy: 'moradi',
    });
    expect(await audits(productId)).toBe(1);
    const shown = await storefront<ProductDetailDto>(`/api/v1/products/${productId}`);
    expect(shown.body).toMatchObject({
      featured: true,
      slug: 'کیف-چرمی-leather-2',
      description: d.web.description,
    });

    expect((await patch(productId, { visibility: 'hidden' })).status).toBe(200);
    expect((await storefront(`/api/v1/products/${productId}`)).status).toBe(404);
    const page = await storefront<ProductPageDto>(`/api/v1/products?limit=100`);
    expect(page.body.items.map((p) => p.id)).not.toContain(productId);
    expect((await list('?visibility=hidden')).items.map((p) => p.id)).toEqual([productId]);
    // Nor sold: a checkout of it reads as unavailable.
    const buyer = await env.customer('09151110002', 'سارا', 'محمدی');
    const refused = await env.req<ErrorBody>(
      'POST',
      '/api/v1/orders',
      {
        lines: [{ variantId: env.goods[1].variantId, quantity: 1 }],
        address,
        paymentMethod: 'cash_on_delivery',
      },
      buyer.token,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PRODUCT_UNAVAILABLE');
    // Nothing changed: no write, no audit row.
    expect((await patch(productId, { visibility: 'hidden' })).status).toBe(200);
    expect(await audits(productId)).toBe(2);
    expect((await patch(productId, { visibility: 'visible' })).status).toBe(200);
    expect((await storefront(`/api/v1/products/${productId}`)).status).toBe(200);
  });

  it('refuses bad edits with a clear code and changes nothing', async () => {
    const [a, b] = [env.goods[2].productId, env.goods[3].productId];
    expect((await patch(a, { slug: 'shared-slug' })).status).toBe(200);
    const rowsBefore = await webRows();
    const auditsBefore = await audits(b);
    const cases: [unknown, number, string][] = [
      [{ slug: 'shared-slug' }, 409, 'PRODUCT_SLUG_TAKEN'],
      [{ slug: 'SHARED  SLUG' }, 409, 'PRODUCT_SLUG_TAKEN'],
      [{ slug: 'bad/slug!' }, 400, 'PRODUCT_SLUG_INVALID'],
      [{ slug: '۱۲۳۴' }, 400, 'PRODUCT_SLUG_INVALID'],
      [{ slug: 'x' }, 400, 'PRODUCT_SLUG_INVALID'],
      [{ description: 'ا'.repeat(4001) }, 400, 'PRODUCT_DESCRIPTION_INVALID'],
      [{ description: 'bad\u0000text' }, 400, 'PRODUCT_DESCRIPTION_INVALID'],
      [{ description: 'x'.repeat(20_000) }, 400, 'VALIDATION_FAILED'],
      [{ visibility: 'secret' }, 400, 'VALIDATION_FAILED'],
      [{ featured: 'yes' }, 400, 'VALIDATION_FAILED'],
      [{ name: 'not ours' }, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      // A valid field beside the bad one must not be applied either (except for the empty body).
      const sent = Object.keys(body as object).length ? { featured: true, ...(body as object) } : body;
      const res = await patch(b, sent);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code, JSON.stringify(body)).toBe(code);
      expect(res.body.error.messageFa).toBeTruthy();
    }
    expect((await patch(999_999_999, { featured: true })).status).toBe(404);
    expect(await webRows()).toBe(rowsBefore);
    expect(await audits(b)).toBe(auditsBefore);
    expect((await detail(b)).web.featured).toBe(false);
  });

  it('keeps the web-only fields through a pull that changes the product in Mahak', async () => {
    const good = env.goods[4];
    const web = {
      description: 'توضیح فروشگاه',
      slug: 'web-slug-kept',
      featured: true,
      visibility: 'visible',
    };
    expect((await patch(good.productId, web)).status).toBe(200);
    env.sim.control.updateProduct(good.productId, { Name: 'نام تازه از محک', Description: 'توضیح محک' });
    env.sim.control.setPrices(good.variantId, { Price1: good.price + 50_000 });
    await env.app.engine.pullNow();
    const d = await detail(good.productId);
    expect(d.mahak).toMatchObject({ name: 'نام تازه از محک', description: 'توضیح محک' });
    expect(d.variants.find((v) => v.id === good.variantId)?.price).toBe(good.price + 50_000);
    expect(d.web).toMatchObject(web);
  });
});
