import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CatalogueCache } from '../../core/api/catalogue-cache.js';
import type { CatalogRepo } from '../../core/store/catalog-repo.js';

/**
 * The catalogue version behind every storefront answer (catalogue-cache.ts): read after the request
 * arrived, so a change committed before it always shows, and one read shared by the requests that
 * arrive together.
 */
const scope = { priceLevel: 1, storeId: 1 };

function fakeCatalogue() {
  const state = { version: 7, changedAt: Date.UTC(2026, 11, 7, 6, 0, 0), reads: 0 };
  let gate: Promise<void> | undefined;
  const catalog = {
    async catalogueState() {
      state.reads++;
      // The row as it is when the read runs, answered when the gate opens (a slow round trip).
      const seen = { version: state.version, changedAt: state.changedAt };
      if (gate) await gate;
      if (state.version < 0) throw new Error('پایگاه داده در دسترس نیست');
      return seen;
    },
  } as unknown as CatalogRepo;
  const hold = () => {
    let open = () => {};
    gate = new Promise<void>((r) => (open = r));
    return () => {
      gate = undefined;
      open();
    };
  };
  return { catalog, state, hold };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

function ask(cache: CatalogueCache, url = '/api/v1/products?limit=5', headers: Record<string, string> = {}) {
  const answer: Answer = { status: 200, headers: {} };
  const reply = {
    header(k: string, v: string) {
      answer.headers[k.toLowerCase()] = v;
      return reply;
    },
    type(v: string) {
      return reply.header('content-type', v);
    },
    code(status: number) {
      answer.status = status;
      return reply;
    },
    send(body?: string) {
      answer.body = body;
      return reply;
    },
  };
  const request = { url, headers } as unknown as FastifyRequest;
  return cache
    .reply(request, reply as unknown as FastifyReply, scope, async () => ({ url }))
    .then(() => answer);
}

const options = { cacheControl: 'public, max-age=1', maxEntries: 100, versionTtlMs: 0 };

describe('catalogue version reads', () => {
  it('shares one read among the requests that arrive in one turn, and reads again for the next turn', async () => {
    const { catalog, state } = fakeCatalogue();
    const cache = new CatalogueCache(catalog, options);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => ask(cache, `/p?i=${i % 3}`)));
    expect(state.reads).toBe(1);
    expect(new Set(answers.map((a) => a.headers.etag))).toEqual(new Set(['"7-1-1"']));
    expect(answers[0].headers['last-modified']).toBe('Mon, 07 Dec 2026 06:00:00 GMT');
    state.version = 8;
    expect((await ask(cache)).headers.etag).toBe('"8-1-1"');
    expect(state.reads).toBe(2);
  });

  it('never answers a request with a read that started before it arrived', async () => {
    const { catalog, state, hold } = fakeCatalogue();
    const cache = new CatalogueCache(catalog, options);
    const open = hold();
    const first = ask(cache);
    await new Promise((r) => setImmediate(r)); // the first read is running (held)
    expect(state.reads).toBe(1);
    state.version = 8; // a pull page commits while that read is on its way
    const second = ask(cache);
    const third = ask(cache);
    open();
    expect((await first).headers.etag).toBe('"7-1-1"');
    // Arrived after the first read started: answered by the next one, shared between them.
    expect((await second).headers.etag).toBe('"8-1-1"');
    expect((await third).headers.etag).toBe('"8-1-1"');
    expect(state.reads).toBe(2);
  });

  it('fails the requests of a failed read and reads again for the next', async () => {
    const { catalog, state } = fakeCatalogue();
    const cache = new CatalogueCache(catalog, options);
    state.version = -1;
    await expect(ask(cache)).rejects.toThrow('پایگاه داده در دسترس نیست');
    state.version = 9;
    const answer = await ask(cache);
    expect(answer.headers.etag).toBe('"9-1-1"');
    expect(answer.body).toBe(JSON.stringify({ url: '/api/v1/products?limit=5' }));
  });

  it('makes no read while the store vouches for the version, and reads as soon as it does not', async () => {
    const { catalog, state } = fakeCatalogue();
    // PostgreSQL's notification feed: a version known without a round trip, or undefined.
    let known: { version: number; changedAt: number } | undefined = {
      version: 7,
      changedAt: state.changedAt,
    };
    const vouching = Object.assign(Object.create(catalog) as CatalogRepo, {
      knownCatalogueState: () => known,
    });
    const cache = new CatalogueCache(vouching, options);
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask(cache)));
    expect(answers.map((a) => a.headers.etag)).toEqual(Array(10).fill('"7-1-1"'));
    expect(state.reads).toBe(0);
    known = { version: 8, changedAt: state.changedAt + 1000 };
    const moved = await ask(cache);
    expect(moved.headers.etag).toBe('"8-1-1"');
    expect(moved.headers['last-modified']).toBe('Mon, 07 Dec 2026 06:00:01 GMT');
    // Not vouched for (listener down, a write of this process not read back yet): read, as before.
    known = undefined;
    state.version = 9;
    expect((await ask(cache)).headers.etag).toBe('"9-1-1"');
    expect(state.reads).toBe(1);
    // Vouched for when the request arrived, no longer at the end of its turn (this process wrote): read.
    known = { version: 9, changedAt: state.changedAt };
    const pending = ask(cache);
    known = undefined;
    state.version = 10;
    expect((await pending).headers.etag).toBe('"10-1-1"');
    expect(state.reads).toBe(2);
  });

  it('answers 304 from the shared read when the ETag still holds', async () => {
    const { catalog } = fakeCatalogue();
    const cache = new CatalogueCache(catalog, options);
    const [a, b] = await Promise.all([ask(cache), ask(cache, undefined, { 'if-none-match': '"7-1-1"' })]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(304);
    expect(b.body).toBeUndefined();
  });
});
