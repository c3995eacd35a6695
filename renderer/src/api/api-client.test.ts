import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorCodes } from '../../../core/contracts/error-codes';
import { AuthStore } from '../auth/auth-store';
import { ApiClient, withQuery } from './api-client';
import { ApiError } from './api-error';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A fake server: answers each call with the next scripted response and records what was asked. */
function fakeServer(...answers: (() => Response)[]) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({
      method: String(init.method),
      url,
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
    });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected call ${url}`);
    return next();
  }) as typeof fetch;
  return { calls, fetchFn };
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const errorBody = (code: string, message: string, messageFa: string) => ({
  error: { code, message, messageFa },
});
const tokens = (n: number) => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-token-${n}-xxxxxxxx`,
  tokenType: 'Bearer',
  expiresIn: 900,
});
const signedIn = () => {
  const auth = new AuthStore(undefined);
  auth.signIn(tokens(1) as never);
  return auth;
};
const thing = z.object({ id: z.string(), name: z.string() });

describe('ApiClient', () => {
  it('sends the bearer token, the query and a JSON body, and parses the answer with the schema', async () => {
    const server = fakeServer(json(200, { id: '7', name: 'چای', extra: true }));
    const client = new ApiClient(signedIn(), '', server.fetchFn);
    const answer = await client.post('/admin/api/things', {
      query: { q: 'چای', page: 2, skip: undefined, tag: ['a', 'b'] },
      body: { name: 'چای' },
      schema: thing,
    });
    expect(answer).toEqual({ id: '7', name: 'چای' });
    const [call] = server.calls;
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/admin/api/things?q=%DA%86%D8%A7%DB%8C&page=2&tag=a&tag=b');
    expect(call.headers.authorization).toBe('Bearer access-1');
    expect(call.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call.body!)).toEqual({ name: 'چای' });
  });

  it('turns the documented error body into an ApiError with both messages and the code', async () => {
    const server = fakeServer(
      json(409, errorBody('SYNC_ALREADY_RUNNING', 'A sync is already running', 'همگام‌سازی در حال اجراست')),
    );
    const client = new ApiClient(signedIn(), '', server.fetchFn);
    const error = await client.post('/admin/api/sync').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'SYNC_ALREADY_RUNNING',
      status: 409,
      messageFa: 'همگام‌سازی در حال اجراست',
    });
    expect((error as ApiError).localized('en')).toBe('A sync is already running');
  });

  it("never puts the English message into Persian: a body without messageFa gets the code's Persian text", async () => {
    const server = fakeServer(
      json(429, { error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded, retry in 1 minute' } }),
      json(502, { error: { code: 'PROXY_DOWN', message: 'Bad gateway: upstream closed' } }),
    );
    const client = new ApiClient(signedIn(), '', server.fetchFn);
    const limited = (await client.get('/admin/api/things').catch((e: unknown) => e)) as ApiError;
    expect(limited.localized('fa')).toBe(errorCodes.RATE_LIMITED.fa);
    expect(limited.localized('en')).toBe('Rate limit exceeded, retry in 1 minute');
    const unknown = (await client.get('/admin/api/things').catch((e: unknown) => e)) as ApiError;
    expect(unknown.code).toBe('PROXY_DOWN');
    expect(unknown.localized('fa')).toBe(errorCodes.INTERNAL.fa);
    expect(unknown.localized('fa')).not.toMatch(/[A-Za-z]/);
  });

  it('downloads a file with its contract headers, and refuses one whose headers break the contract', async () => {
    const headers = z.object({ 'content-type': z.literal('application/zip') });
    const zip = (type: string) => () =>
      new Response('PK', { status: 200, headers: { 'content-type': type } });
    const server = fakeServer(
      zip('application/zip'),
      zip('text/html'),
      json(403, errorBody('FORBIDDEN', 'Owner only', 'فقط مدیر')),
    );
    const client = new ApiClient(signedIn(), '', server.fetchFn);
    const file = await client.download('/admin/api/file', headers);
    expect(await file.blob.text()).toBe('PK');
    expect(file.headers).toEqual({ 'content-type': 'application/zip' });
    expect(server.calls[0].headers.authorization).toBe('Bearer access-1');
    await expect(client.download('/admin/api/file', headers)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(client.download('/admin/api/file', headers)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      messageFa: 'فقط مدیر',
    });
  });

  it('reports an answer that does not match the contract as BAD_RESPONSE', async () => {
    const server = fakeServer(json(200, { id: 7 }));
    const client = new ApiClient(signedIn(), '', server.fetchFn);
    await expect(client.get('/admin/api/things/7', { schema: thing })).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
  });

  it('reports an unreachable server as NETWORK_ERROR', async () => {
    const client = new ApiClient(signedIn(), '', (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    await expect(client.get('/admin/api/me')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });

  it('on 401 refreshes once, stores the new tokens and retries', async () => {
    const auth = signedIn();
    const server = fakeServer(
      json(401, errorBody('AUTH_TOKEN_INVALID', 'expired', 'منقضی')),
      json(200, tokens(2)),
      json(200, { id: '1', name: 'x' }),
    );
    const client = new ApiClient(auth, '', server.fetchFn);
    await expect(client.get('/admin/api/things/1', { schema: thing })).resolves.toEqual({
      id: '1',
      name: 'x',
    });
    expect(server.calls.map((c) => c.url)).toEqual([
      '/admin/api/things/1',
      '/admin/api/auth/refresh',
      '/admin/api/things/1',
    ]);
    expect(JSON.parse(server.calls[1].body!)).toEqual({ refreshToken: 'refresh-token-1-xxxxxxxx' });
    expect(server.calls[2].headers.authorization).toBe('Bearer access-2');
    expect(auth.current?.accessToken).toBe('access-2');
  });

  it('shares one refresh between concurrent 401s (refresh tokens are single use)', async () => {
    const auth = signedIn();
    const expired = json(401, errorBody('AUTH_TOKEN_INVALID', 'expired', 'منقضی'));
    const server = fakeServer(
      expired,
      expired,
      json(200, tokens(2)),
      json(200, { id: '1', name: 'a' }),
      json(200, { id: '2', name: 'b' }),
    );
    const client = new ApiClient(auth, '', server.fetchFn);
    await Promise.all([client.get('/a', { schema: thing }), client.get('/b', { schema: thing })]);
    expect(server.calls.filter((c) => c.url === '/admin/api/auth/refresh')).toHaveLength(1);
  });

  it('signs out when the refresh fails, so the guard shows sign-in', async () => {
    const auth = signedIn();
    const server = fakeServer(
      json(401, errorBody('AUTH_TOKEN_INVALID', 'expired', 'منقضی')),
      json(401, errorBody('AUTH_TOKEN_INVALID', 'revoked', 'منقضی')),
    );
    const client = new ApiClient(auth, '', server.fetchFn);
    await expect(client.get('/admin/api/me')).rejects.toMatchObject({ status: 401 });
    expect(auth.current).toBeNull();
  });

  it('does not try to refresh a failed sign-in', async () => {
    const auth = new AuthStore(undefined);
    const server = fakeServer(json(401, errorBody('AUTH_INVALID_CREDENTIALS', 'wrong', 'اشتباه')));
    const client = new ApiClient(auth, '', server.fetchFn);
    await expect(client.post('/admin/api/auth/login', { body: {} })).rejects.toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
    });
    expect(server.calls).toHaveLength(1);
  });
});

describe('ApiClient.stream (Server-Sent Events over fetch)', () => {
  it('parses events split across chunks, with the bearer token, through the schema', async () => {
    const chunks = ['event: progress\ndata: {"n":', '1}\n\n: keep-alive\n\ndata: {"n":2}\nid: 9\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    const server = fakeServer(
      () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    );
    const client = new ApiClient(signedIn(), '', server.fetchFn);
    const events: unknown[] = [];
    await client.stream('/admin/api/sync/events', (e) => events.push(e), {
      schema: z.object({ n: z.number() }),
    });
    expect(events).toEqual([
      { event: 'progress', data: { n: 1 }, id: undefined },
      { event: 'message', data: { n: 2 }, id: '9' },
    ]);
    expect(server.calls[0].headers).toMatchObject({
      accept: 'text/event-stream',
      authorization: 'Bearer access-1',
    });
  });

  it('rejects with the ApiError when the stream cannot be opened', async () => {
    const server = fakeServer(json(403, errorBody('FORBIDDEN', 'no', 'اجازه ندارید')));
    const client = new ApiClient(signedIn(), '', server.fetchFn);
    await expect(client.stream('/admin/api/sync/events', () => undefined)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('withQuery', () => {
  it('leaves a path without query alone and appends to an existing one', () => {
    expect(withQuery('/a')).toBe('/a');
    expect(withQuery('/a', { x: null })).toBe('/a');
    expect(withQuery('/a?b=1', { c: true })).toBe('/a?b=1&c=true');
  });
});
