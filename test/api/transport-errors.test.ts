import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '../../core/api/error-schema.js';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import { startApiTestServer, type ApiTestServer } from './api-test-server.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends raw bytes in one write to a listening server and reads the answer until it closes: the
 * requests here are ones inject() cannot make (node's own parser refuses them before fastify runs).
 */
function rawRequest(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    const finish = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      if (!head) return reject(new Error('no answer'));
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    };
    socket.on('close', finish);
    socket.on('error', () => undefined); // a reset after the answer arrived changes nothing
    socket.write(request);
  });
}

/** The documented ErrorBody, and nothing else, with the expected code. */
function expectErrorBody(body: string, code: string): ErrorBody['error'] {
  const parsed = errorBody.strict().parse(JSON.parse(body));
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.messageFa.length).toBeGreaterThan(0);
  return parsed.error as ErrorBody['error'];
}

const get = (path: string, extraHeaders = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extraHeaders}Connection: close\r\n\r\n`;

/** Every error the server can answer has the documented body (issue 11, finding 2). */
describe.each([
  ['with the desk', true],
  ['storefront only', false],
])('errors answered before routing (%s)', (_name, ui) => {
  let server: ApiTestServer;
  let port: number;
  beforeAll(async () => {
    server = await startApiTestServer({ config: { ui } });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    port = (server.app.server.address() as { port: number }).port;
  });
  afterAll(() => server?.close());

  it('answers a path that is not valid URL encoding with 400 URL_INVALID', async () => {
    const injected = await server.app.inject({ method: 'GET', url: '/api/v1/products/%ZZ' });
    expect(injected.statusCode).toBe(400);
    expectErrorBody(injected.body, 'URL_INVALID');
    const raw = await rawRequest(port, get('/api/v1/products/%ZZ'));
    expect(raw.status).toBe(400);
    expect(raw.headers['content-type']).toMatch(/^application\/json/);
    expectErrorBody(raw.body, 'URL_INVALID');
  });

  it('answers a path parameter over 100 characters with the documented body', async () => {
    const res = await server.app.inject({ method: 'GET', url: `/api/v1/products/${'1'.repeat(101)}` });
    // The desk's catch-all route takes over-long paths as unknown (404); without it the router says 414.
    expect(res.statusCode).toBe(ui ? 404 : 414);
    expectErrorBody(res.body, ui ? 'NOT_FOUND' : 'URI_TOO_LONG');
    const raw = await rawRequest(port, get(`/api/v1/products/${'1'.repeat(101)}`));
    expect(raw.status).toBe(res.statusCode);
    expectErrorBody(raw.body, ui ? 'NOT_FOUND' : 'URI_TOO_LONG');
  });

  it('answers headers over the 16 KiB limit with 431 HEADERS_TOO_LARGE', async () => {
    const raw = await rawRequest(port, get('/api/v1/products', `X-Padding: ${'a'.repeat(20_000)}\r\n`));
    expect(raw.status).toBe(431);
    expect(raw.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(raw.headers['content-length'])).toBe(Buffer.byteLength(raw.body));
    expectErrorBody(raw.body, 'HEADERS_TOO_LARGE');
  });

  it('answers a URL over the 16 KiB limit with 431 HEADERS_TOO_LARGE', async () => {
    const raw = await rawRequest(port, get(`/api/v1/products?q=${'b'.repeat(20_000)}`));
    expect(raw.status).toBe(431);
    expectErrorBody(raw.body, 'HEADERS_TOO_LARGE');
  });

  it('answers bytes that are not HTTP with 400 REQUEST_MALFORMED', async () => {
    const raw = await rawRequest(port, 'HELLO \u0000 THERE\r\n\r\n');
    expect(raw.status).toBe(400);
    expectErrorBody(raw.body, 'REQUEST_MALFORMED');
  });
});
