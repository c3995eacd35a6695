import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storefrontCustomer } from './desk-fetch.js';

/** The browser tests' HTTP helpers fail with the server's own answer, not a JSON parse error. */
describe('storefrontCustomer', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // What a proxy in front of the appliance answers while it restarts: plain text, not JSON.
    server = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad Gateway: hamgam is starting');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("reports a refused registration with the status and the server's text", async () => {
    const attempt = storefrontCustomer(
      { url, output: () => '' },
      { mobile: '09121234567', firstName: 'مریم', lastName: 'کاظمی' },
    );
    await expect(attempt).rejects.toThrow(
      `POST ${url}/api/v1/auth/register: 502 Bad Gateway: hamgam is starting`,
    );
  });
});
