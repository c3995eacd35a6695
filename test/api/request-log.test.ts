import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggableUrl } from '../../core/api/request-hooks.js';
import { createLogger } from '../../core/logging/pino-logger.js';
import { startApiTestServer, type ApiTestServer } from './api-test-server.js';

/** Every log line, raw, from a real pino logger at info (the level a shop runs at). */
function captureRaw() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('request log (issue 11, finding 6)', () => {
  const logs = captureRaw();
  let server: ApiTestServer;
  beforeAll(async () => {
    server = await startApiTestServer({ logger: logs.logger });
  });
  afterAll(() => server?.close());

  const secrets = ['fake-777-gateway-secret', 'Authority-S3cr3t', 'eyJhbGciOiJIUzI1NiJ9.leaked', 'رمز-مخفی'];

  it('writes the path and the query parameter names, never a query value', async () => {
    const urls = [
      `/api/v1/payments/callback?paymentId=${secrets[0]}&status=ok&Authority=${secrets[1]}`,
      `/api/v1/products?limit=2&access_token=${secrets[2]}`,
      `/api/v1/nowhere?q=${encodeURIComponent(secrets[3])}`,
    ];
    for (const url of urls) await server.app.inject({ method: 'GET', url });
    const completed = logs.lines
      .map((l) => JSON.parse(l) as { msg: string; url?: string })
      .filter((l) => l.msg === 'request completed')
      .map((l) => l.url);
    expect(completed).toEqual([
      '/api/v1/payments/callback?paymentId=~&status=~&Authority=~',
      '/api/v1/products?limit=~&access_token=~',
      '/api/v1/nowhere?q=~',
    ]);
    for (const secret of [...secrets, encodeURIComponent(secrets[3])]) {
      expect(logs.lines.filter((l) => l.includes(secret))).toEqual([]);
    }
  });

  it('writes one line per request: the component and the request id first, then the fields', async () => {
    await server.app.inject({
      method: 'GET',
      url: '/api/v1/products?limit=1',
      headers: { 'x-request-id': 'req-77' },
    });
    const line = logs.lines.find((l) => l.includes('"reqId":"req-77"'));
    expect(line).toBeDefined();
    const parsed = JSON.parse(line!) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'level',
      'time',
      'pid',
      'hostname',
      'component',
      'reqId',
      'method',
      'url',
      'route',
      'status',
      'ms',
      'msg',
    ]);
    expect(parsed).toMatchObject({
      component: 'api',
      reqId: 'req-77',
      status: 200,
      msg: 'request completed',
    });
    expect(line!.match(/"reqId"/g)).toHaveLength(1);
  });

  it('keeps a URL without a query as it is', () => {
    expect(loggableUrl('/api/v1/products/12')).toBe('/api/v1/products/12');
    expect(loggableUrl('/api/v1/products?')).toBe('/api/v1/products');
    expect(loggableUrl('/x?a&b=1&&c=')).toBe('/x?a=~&b=~&c=~');
  });
});
