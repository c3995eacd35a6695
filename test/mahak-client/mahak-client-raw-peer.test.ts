import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient, type MahakClientOptions } from '../../core/mahak/mahak-client.js';
import { loginOk, startRawPeer, type RawHandler, type RawPeer } from './raw-mahak-peer.js';

/**
 * Cases that need exact bytes on the wire, against a real HTTP server. Everything else runs against
 * the Mahak simulator (mahak-client-sim.test.ts).
 */

let peer: RawPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function clientFor(
  handler: RawHandler,
  extra: Partial<MahakClientOptions> = {},
): Promise<{ client: MahakClient; peer: RawPeer }> {
  peer = await startRawPeer(handler);
  const client = new MahakClient({
    baseUrl: peer.syncUrl,
    user: 'demo',
    password: 'demo',
    logger: createSilentLogger(),
    timeoutMs: 2_000,
    retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
    breaker: { consecutiveFailures: 50, halfOpenAfterMs: 1_000 },
    ...extra,
  });
  return { client, peer };
}

const product = (id: number, rowVersion: number) => ({
  ProductId: id,
  Name: `کالای ${id}`,
  RowVersion: rowVersion,
  Deleted: false,
});

describe('MahakClient against a raw HTTP peer', () => {
  it('retries a body cut off mid-way and then reads the full page', async () => {
    const page = JSON.stringify({
      Result: true,
      Data: { Objects: { Products: [product(1, 5_000_000_001)] } },
    });
    const { client } = await clientFor((op, _req, reply, call) => {
      if (op === 'Login') return loginOk();
      if (call === 1) {
        reply.hijack();
        reply.raw.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(page)),
        });
        reply.raw.write(page.slice(0, 30));
        reply.raw.socket?.destroy();
        return;
      }
      return reply.type('application/json').send(page);
    });
    const result = await client.getAllData({ cursors: { Products: 0 } });
    expect(result.records.Products).toEqual([product(1, 5_000_000_001)]);
    expect(peer!.requests.filter((r) => r.op === 'GetAllData')).toHaveLength(2);
  });

  it('retries complete but invalid JSON, and reports MAHAK_BAD_RESPONSE when it never heals', async () => {
    const { client } = await clientFor((op, _req, reply) =>
      op === 'Login'
        ? loginOk()
        : reply.type('application/json').send('{"Result":true,"Data":{"Objects":{"Prod'),
    );
    await expect(client.getAllData({ cursors: { Products: 0 } })).rejects.toMatchObject({
      code: 'MAHAK_BAD_RESPONSE',
    });
    expect(peer!.requests.filter((r) => r.op === 'GetAllData')).toHaveLength(3);
  });

  it('quarantines an invalid record and returns the rest of the page', async () => {
    const bad = { ProductId: 'نامعتبر', RowVersion: 12 };
    const { client } = await clientFor((op) =>
      op === 'Login'
        ? loginOk()
        : {
            result: true,
            data: { objects: { products: [product(1, 10), bad, product(2, 11)], productDetails: null } },
          },
    );
    const page = await client.getAllData({ cursors: { Products: 0, ProductDetails: 0 } });
    expect(page.records.Products?.map((p) => p.ProductId)).toEqual([1, 2]);
    expect(page.records.ProductDetails).toEqual([]);
    expect(page.quarantined).toEqual([
      { entity: 'Products', payload: bad, reason: expect.stringContaining('ProductId') },
    ]);
  });

  it('sends the upload as one multipart `file` part with X-PictureId / X-FileName and the bearer token', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 255]);
    const { client } = await clientFor((op) =>
      op === 'Login'
        ? loginOk('tok-upload')
        : {
            Result: true,
            Data: {
              Result: true,
              EntityId: 42,
              AdditionalData: { FileUrl: '/Content/Images/all/p-42.png', FileHash: 'h42' },
            },
          },
    );
    await expect(client.upload(42, 'p-42.png', bytes)).resolves.toEqual({
      fileUrl: '/Content/Images/all/p-42.png',
      fileHash: 'h42',
    });
    const upload = peer!.requests.find((r) => r.op === 'Upload')!;
    expect(upload.headers['x-pictureid']).toBe('42');
    expect(upload.headers['x-filename']).toBe('p-42.png');
    expect(upload.headers.authorization).toBe('Bearer tok-upload');
    expect(String(upload.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    const text = upload.body.toString('latin1');
    expect(text).toContain('Content-Disposition: form-data; name="file"; filename="p-42.png"');
    expect(upload.body.includes(bytes)).toBe(true);
  });

  it('sends PascalCase requests with the MD5 password and V2 names when asked', async () => {
    const { client } = await clientFor(
      (op) => (op === 'LoginV2' ? loginOk() : { Result: true, Data: { Objects: {} } }),
      { apiVersion: 'v2' },
    );
    await client.getAllData({ cursors: { People: 100 }, pageSize: 50 });
    expect(peer!.requests.map((r) => r.op)).toEqual(['LoginV2', 'GetAllDataV2']);
    expect(JSON.parse(peer!.requests[0].body.toString())).toMatchObject({
      UserName: 'demo',
      Password: 'fe01ce2a7fbac8fafaed7c982a04e229',
    });
    expect(JSON.parse(peer!.requests[1].body.toString())).toEqual({
      FromPersonVersion: 100,
      PageSize: 50,
      CurrentVisitorId: 7,
    });
  });

  it('re-logs in when Mahak says Result:false about the token under HTTP 200', async () => {
    const { client } = await clientFor((op, req) => {
      if (op === 'Login') return loginOk(`tok-${peer!.requests.filter((r) => r.op === 'Login').length}`);
      if (req.headers.authorization === 'Bearer tok-1')
        return { Result: false, Code: 0, Message: 'توکن نامعتبر است', Data: null };
      return {
        Result: true,
        Data: { Objects: { Stores: [{ StoreId: 1, Name: 'انبار مرکزی', RowVersion: 1 }] } },
      };
    });
    const page = await client.getAllData({ cursors: { Stores: 0 } });
    expect(page.records.Stores).toHaveLength(1);
    expect(peer!.requests.map((r) => r.op)).toEqual(['Login', 'GetAllData', 'Login', 'GetAllData']);
  });

  it('treats HTTP 401 on Login as MAHAK_AUTH_FAILED without retrying', async () => {
    const { client } = await clientFor((_op, _req, reply) => reply.code(401).send(''));
    await expect(client.ping()).rejects.toMatchObject({ code: 'MAHAK_AUTH_FAILED' });
    expect(peer!.requests).toHaveLength(1);
  });

  it('times out a server that never finishes its answer', async () => {
    const { client } = await clientFor(
      (op, _req, reply) => {
        if (op === 'Login') return loginOk();
        reply.hijack();
        reply.raw.writeHead(200, { 'Content-Type': 'application/json' });
        reply.raw.write('{"Result":'); // and then nothing: bytes trickle no further
        return;
      },
      { timeoutMs: 300, retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10 } },
    );
    const started = Date.now();
    await expect(client.getAllData({ cursors: { Products: 0 } })).rejects.toMatchObject({
      code: 'MAHAK_UNAVAILABLE',
      details: { kind: 'timeout' },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(peer!.requests.filter((r) => r.op === 'GetAllData')).toHaveLength(2);
  });
});
