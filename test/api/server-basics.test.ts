import { Writable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiRoutePlugin } from '../../core/api/api-deps.js';
import { parse } from '../../core/api/zod-validation.js';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import { HamgamError } from '../../core/errors.js';
import { createLogger } from '../../core/logging/pino-logger.js';
import { startApiTestServer, type ApiTestServer } from './api-test-server.js';

/** Log lines as parsed JSON, written by a real pino logger through the Logger port. */
function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('debug', stream) };
}

/** A route plugin added through deps.routes, the way later features add theirs. */
const probeRoutes: ApiRoutePlugin = async (app) => {
  app.post('/test/echo', async (request) => ({ received: request.body }));
  app.post('/test/parse', async (request) =>
    parse(z.strictObject({ mobile: z.string().regex(/^09\d{9}$/) }), request.body),
  );
  app.get('/test/boom', async () => {
    throw new Error('secret connection string postgres://u:p@db');
  });
  app.get('/test/mahak-down', async () => {
    throw new HamgamError('MAHAK_UNAVAILABLE');
  });
};

const logs = captureLogs();
let server: ApiTestServer;
beforeAll(async () => {
  server = await startApiTestServer({ seed: false, logger: logs.logger, deps: { routes: [probeRoutes] } });
});
afterAll(() => server?.close());

const inject = (opts: InjectOptions) => server.app.inject(opts);
const errorOf = (body: string) => (JSON.parse(body) as ErrorBody).error;

describe('errors', () => {
  it('answers an unknown route with the NOT_FOUND body', async () => {
    const res = await inject({ method: 'GET', url: '/api/v1/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res.body)).toMatchObject({
      code: 'NOT_FOUND',
      messageFa: 'پیدا نشد',
      message: 'Route GET /api/v1/nope not found',
    });
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ note: 'ا'.repeat(300 * 1024) });
    const res = await inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res.body).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts a body under the limit', async () => {
    const res = await inject({ method: 'POST', url: '/test/echo', payload: { name: 'سارا' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: { name: 'سارا' } });
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED and an unsupported type with 415', async () => {
    const bad = await inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body).code).toBe('VALIDATION_FAILED');
    const xml = await inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(errorOf(xml.body).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('turns a zod failure inside a handler into VALIDATION_FAILED with the fields', async () => {
    const res = await inject({ method: 'POST', url: '/test/parse', payload: { mobile: '۰۹۱۲', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const fields = (errorOf(res.body).details as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields.sort()).toEqual(['extra', 'mobile']);
  });

  it('answers an expected 5xx HamgamError with its own code and status', async () => {
    const res = await inject({ method: 'GET', url: '/test/mahak-down' });
    expect(res.statusCode).toBe(503);
    expect(errorOf(res.body)).toMatchObject({
      code: 'MAHAK_UNAVAILABLE',
      messageFa: 'سرور محک در دسترس نیست',
    });
  });

  it('hides an unexpected error as INTERNAL and logs it with its stack and the request id', async () => {
    const res = await inject({
      method: 'GET',
      url: '/test/boom',
      headers: { 'x-request-id': 'trace-boom-1' },
    });
    expect(res.statusCode).toBe(500);
    expect(errorOf(res.body).code).toBe('INTERNAL');
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('at ');
    const line = logs.lines.find((l) => l.msg === 'request failed' && l.reqId === 'trace-boom-1');
    expect(line).toBeDefined();
    expect((line?.err as { stack: string }).stack).toContain('secret connection string');
  });
});

describe('request ids and logs', () => {
  it('echoes a safe caller id, replaces an unsafe one, and logs one structured line per request', async () => {
    const given = await inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'lb-42' } });
    expect(given.headers['x-request-id']).toBe('lb-42');
    const unsafe = await inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'a b\nc' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const done = logs.lines.filter((l) => l.msg === 'request completed' && l.reqId === 'lb-42');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ component: 'api', route: '/health', status: 200, method: 'GET' });
  });
});

describe('probes', () => {
  it('/health answers ok', async () => {
    const res = await inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/ready runs the database check', async () => {
    const res = await inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('/ready answers 503 naming what failed, timed out, or its error code', async () => {
    const failing = await startApiTestServer({
      seed: false,
      deps: { readinessTimeoutMs: 100 },
      readiness: [
        { name: 'queue', check: async () => Promise.reject(new Error('ECONNREFUSED amqp://guest:guest@x')) },
        { name: 'mahak', check: async () => Promise.reject(new HamgamError('MAHAK_UNAVAILABLE')) },
        { name: 'blob', check: () => new Promise<void>(() => {}) },
      ],
    });
    try {
      const started = Date.now();
      const res = await failing.app.inject({ method: 'GET', url: '/ready' });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'unavailable',
        checks: { database: 'ok', queue: 'failed', mahak: 'MAHAK_UNAVAILABLE', blob: 'timeout' },
      });
      expect(res.body).not.toContain('guest');
    } finally {
      await failing.close();
    }
  });

  it('/metrics exposes the sync, http and process metrics', async () => {
    server.metrics.pullRecords('Products', 3);
    server.metrics.pullPages('Products');
    server.metrics.lastSuccess('pull', 1_700_000_000);
    server.metrics.deadLetters(2);
    await inject({ method: 'GET', url: '/api/v1/products/1' });
    const res = await inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    for (const name of [
      'hamgam_pull_records_total',
      'hamgam_pull_pages_total',
      'hamgam_pull_quarantined_total',
      'hamgam_sync_runs_total',
      'hamgam_sync_last_success_timestamp_seconds',
      'hamgam_queue_depth',
      'hamgam_push_orders_total',
      'hamgam_dead_letters',
      'hamgam_http_request_duration_seconds',
      'process_cpu_seconds_total',
    ]) {
      expect(res.body).toContain(`# TYPE ${name}`);
    }
    expect(res.body).toContain('hamgam_pull_records_total{entity="Products"} 3');
    expect(res.body).toContain('hamgam_sync_last_success_timestamp_seconds{kind="pull"} 1700000000');
    expect(res.body).toContain('hamgam_dead_letters 2');
    expect(res.body).toMatch(
      /hamgam_http_request_duration_seconds_count\{route="\/api\/v1\/products\/:id",method="GET",status="404"\} 1/,
    );
  });
});

describe('CORS', () => {
  it('allows a configured origin and nobody else', async () => {
    const ok = await inject({ method: 'GET', url: '/health', headers: { origin: 'https://shop.example' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
    const other = await inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight for any API path', async () => {
    const headers = { origin: 'https://shop.example', 'access-control-request-method': 'POST' };
    const res = await inject({ method: 'OPTIONS', url: '/api/v1/products', headers });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toContain('Authorization');
    const refused = await inject({
      method: 'OPTIONS',
      url: '/api/v1/products',
      headers: { ...headers, origin: 'https://evil.example' },
    });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED past the limit but never limits the probes', async () => {
    const limited = await startApiTestServer({ seed: false, deps: { rateLimitPerMinute: 3 } });
    try {
      // Not a catalogue read (those are not limited by default: test/api/catalogue-http.test.ts); a
      // malformed cart id is a cheap 400 that still counts.
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (await limited.app.inject({ method: 'GET', url: '/api/v1/carts/no-such-cart' })).statusCode,
        );
      expect(codes).toEqual([400, 400, 400, 429]);
      const res = await limited.app.inject({ method: 'GET', url: '/api/v1/carts/no-such-cart' });
      expect(errorOf(res.body)).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++)
        expect((await limited.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents the catalogue routes from the zod contracts', async () => {
    const res = await inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    }>();
    expect(doc.openapi).toBe('3.0.3');
    const list = doc.paths['/api/v1/products'].get;
    expect(list.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['query:limit', 'query:cursor', 'query:categoryId', 'query:q', 'query:inStock']),
    );
    expect(doc.paths['/api/v1/products/{id}'].get.parameters).toContainEqual(
      expect.objectContaining({ in: 'path', name: 'id' }),
    );
    const ui = await inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});
