import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../support/http-helpers.js';
import { startApiTestServer, type ApiTestServer } from './api-test-server.js';

/** A stand-in for renderer/dist, so these tests do not depend on a desk build. */
function fakeDesk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-desk-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="fa" dir="rtl"><div id="root"></div></html>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("desk")');
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  return dir;
}

describe('the desk served at /', () => {
  let server: ApiTestServer;
  let deskDir: string;

  beforeAll(async () => {
    deskDir = fakeDesk();
    server = await startApiTestServer({ seed: false, deps: { deskDir } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(deskDir, { recursive: true, force: true });
  });

  it.each(['/', '/orders/12', '/sync?entity=products', '/%D8%B3%D9%81%D8%A7%D8%B1%D8%B4'])(
    'answers the desk route %s with index.html, not cached',
    async (url) => {
      const res = await server.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    },
  );

  it('caches hashed assets for a year, immutable', async () => {
    const res = await server.app.inject({ url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('does not cache unhashed files at the root', async () => {
    const res = await server.app.inject({ url: '/robots.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('sends a strict CSP and the hardening headers with the desk', async () => {
    const res = await server.app.inject({ url: '/' });
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each(['/assets/missing-123.js', '/favicon.ico', '/assets/..%2F..%2Fetc%2Fpasswd'])(
    'answers a missing file %s with the documented 404 body, never index.html or a year of cache',
    async (url) => {
      const res = await server.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
      expect(res.headers['cache-control']).toBeUndefined();
    },
  );

  it.each([
    '/api/v1/nothing-here',
    '/admin/api/nothing',
    '/health/x',
    '/metrics/x',
    '/docs/nothing.js',
    '/api',
  ])('keeps API paths out of the SPA fallback: %s is a JSON 404', async (url) => {
    const res = await server.app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });

  it('leaves the API routes and their headers alone', async () => {
    const res = await server.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['content-security-policy']).toBeUndefined();
  });

  it('answers other methods on desk paths with the 404 body', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/orders' });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });
});

describe('the desk switched off or not built', () => {
  it('answers / with the 404 body when ui is false (--no-ui)', async () => {
    const server = await startApiTestServer({
      seed: false,
      config: { ui: false },
      deps: { deskDir: fakeDesk() },
    });
    try {
      const res = await server.app.inject({ url: '/' });
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    } finally {
      await server.close();
    }
  });

  it('answers desk routes with DESK_NOT_BUILT (and how to fix it) when renderer/dist is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hamgam-desk-empty-'));
    const server = await startApiTestServer({ seed: false, deps: { deskDir: empty } });
    try {
      const res = await server.app.inject({ url: '/orders' });
      expect(res.statusCode).toBe(503);
      expect(errorOf(res).code).toBe('DESK_NOT_BUILT');
      expect(errorOf(res).messageFa).toContain('npm run build:desk');
    } finally {
      await server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
