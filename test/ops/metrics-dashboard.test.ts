import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncEntityNames } from '../../core/contracts/admin-sync.js';
import { drivers, startDeskApiEnv, type DeskApiEnv } from '../desk-api/desk-api-env.js';
import { familyOf, metricNamesIn, parseScrape, type Scrape } from './prometheus-text.js';

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: { expr: string }[];
}
const dashboardFile = new URL('../../docker/grafana/hamgam-dashboard.json', import.meta.url);
const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string }[] };
};
const charts = dashboard.panels.filter((p) => p.type !== 'row');
const exprs = charts.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

/** Dashboard names with no sample in the scrape (a histogram counts through its _bucket/_sum/_count). */
const missingFrom = (scrape: Scrape, names: string[]) =>
  names.filter((n) => !scrape.samples.has(n) || familyOf(n, scrape) === undefined);

/**
 * The Grafana dashboard against a live scrape of the whole app (SQLite, and PostgreSQL when it is up): pulled from the simulator,
 * an order waiting in the outbox then pushed, a 404 and a failed pull provoked. Every metric a panel
 * charts must have samples, and the store-backed gauges must say what the store holds.
 */
describe.each(drivers)('Prometheus metrics and the Grafana dashboard (whole app, %s)', (driver) => {
  let env: DeskApiEnv;
  let waiting: Scrape;
  let after: Scrape;
  const scrape = async () => {
    const res = await env.server.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    return parseScrape(res.body);
  };
  const value = (s: Scrape, name: string, labels: Record<string, string> = {}) =>
    s.lines.get(name)?.find((l) => Object.entries(labels).every(([k, v]) => l.labels[k] === v))?.value;

  beforeAll(async () => {
    env = await startDeskApiEnv(driver);
    await env.app.push.push.stop(); // the order waits in the outbox until pushed below
    const zahra = await env.customer('09151234567', 'زهرا', 'كاظمي');
    await env.checkout(zahra.token, [{ variantId: env.goods[0].variantId, quantity: 1 }]);
    await env.server.inject({ method: 'GET', url: `/api/v1/products/${env.goods[0].productId}` });
    await env.server.inject({ method: 'GET', url: '/api/v1/products/987654321' });
    await env.server.inject({ method: 'POST', url: '/api/v1/no-such-route/42' });
    await env.server.inject({ method: 'GET', url: '/api/v1/products/%ZZ' }); // answered before routing
    waiting = await scrape();
    await env.app.push.worker.runOnce();
    // A refusal no retry can fix (every token refused, even a fresh one) fails the run at once; a
    // Result:false would be asked again for some seconds first (core/mahak/mahak-read-retry.ts).
    env.sim.control.addFault({ kind: 'tokenExpiry', operation: 'GetAllData' });
    await expect(env.app.engine.pullNow()).rejects.toThrow();
    env.sim.control.clearFaults();
    // The store readings are shared by scrapes less than a second apart.
    await new Promise((r) => setTimeout(r, 1100));
    after = await scrape();
  });
  afterAll(() => env?.close());

  it('is a Grafana dashboard on a Prometheus datasource variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource' }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(15);
    for (const p of charts) {
      expect(p.datasource?.uid, p.title).toBe('${DS_PROMETHEUS}');
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
    }
  });

  it('finds the metric names of an expression, and would miss one the app does not export', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, route) (rate(hamgam_http_request_duration_seconds_bucket{status=~"5.."}[$__rate_interval])))',
      ),
    ).toEqual(['hamgam_http_request_duration_seconds_bucket']);
    expect(metricNamesIn('time() - max by (kind) (hamgam_sync_last_success_timestamp_seconds)')).toEqual([
      'hamgam_sync_last_success_timestamp_seconds',
    ]);
    expect(missingFrom(after, metricNamesIn('sum(rate(hamgam_no_such_metric_total[5m]))'))).toEqual([
      'hamgam_no_such_metric_total',
    ]);
  });

  it('every metric a panel charts has samples in the scrape', () => {
    const wanted = [...new Set(exprs.flatMap((e) => metricNamesIn(e.expr)))];
    expect(wanted.length).toBeGreaterThanOrEqual(15);
    const missing = exprs.filter((e) => missingFrom(after, metricNamesIn(e.expr)).length > 0);
    expect(missing).toEqual([]);
  });

  it('reports lag, rows and checkpoint for every pulled entity, read from the store', async () => {
    for (const entity of syncEntityNames) {
      const lag = value(after, 'hamgam_sync_lag_seconds', { entity });
      expect(lag, entity).toBeGreaterThanOrEqual(0);
      expect(lag, entity).toBeLessThan(120);
    }
    expect(value(after, 'hamgam_sync_rows', { entity: 'Products' })).toBe(await env.count('products'));
    expect(value(after, 'hamgam_sync_checkpoint_row_version', { entity: 'Products' })).toBeGreaterThan(0);
    expect(value(after, 'hamgam_pull_records_total', { entity: 'Products' })).toBeGreaterThan(0);
    expect(value(after, 'hamgam_queue_depth', { topic: 'pull.pages' })).toBe(0);
    expect(value(after, 'hamgam_store_scrape_ok')).toBe(1);
  });

  it('shows the order waiting in the outbox, then pushed', () => {
    // The new customer (a Mahak Person) and their order.
    expect(value(waiting, 'hamgam_outbox_pending', { state: 'ready' })).toBe(2);
    expect(value(waiting, 'hamgam_outbox_pending', { state: 'held' })).toBe(0);
    expect(
      value(waiting, 'hamgam_outbox_oldest_pending_age_seconds', { state: 'ready' }),
    ).toBeGreaterThanOrEqual(0);
    expect(value(after, 'hamgam_outbox_pending', { state: 'ready' })).toBe(0);
    expect(value(after, 'hamgam_outbox_oldest_pending_age_seconds', { state: 'ready' })).toBe(0);
    expect(value(after, 'hamgam_push_orders_total', { result: 'sent' })).toBe(1);
  });

  it('counts errors by code and source, and labels HTTP by route pattern', () => {
    expect(value(after, 'hamgam_errors_total', { source: 'http', code: 'NOT_FOUND' })).toBe(2);
    expect(value(after, 'hamgam_errors_total', { source: 'http', code: 'URL_INVALID' })).toBe(1);
    const pull = after.lines.get('hamgam_errors_total')?.filter((l) => l.labels.source === 'pull') ?? [];
    expect(pull.map((l) => l.labels.code)).toEqual([expect.stringMatching(/^MAHAK_/)]);
    expect(value(after, 'hamgam_sync_runs_total', { kind: 'pull', status: 'failed' })).toBe(1);
    const routes = new Set(
      after.lines.get('hamgam_http_request_duration_seconds_count')?.map((l) => l.labels.route),
    );
    expect(routes).toContain('/api/v1/products/:id');
    expect(routes).toContain('unmatched');
    expect([...routes].filter((r) => /\d{3,}/.test(r ?? ''))).toEqual([]);
  });
});
