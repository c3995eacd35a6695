import type { z } from 'zod';
import { tokenPairSchema } from '../../../core/contracts/accounts';
import { authStore, type AuthStore } from '../auth/auth-store';
import { ApiError, apiErrorFrom, badAnswerError, networkError } from './api-error';
import { createSseParser } from './sse';

export type QueryValue = string | number | boolean | null | undefined;
export interface RequestOptions<T> {
  query?: Record<string, QueryValue | QueryValue[]>;
  body?: unknown;
  /** The contract's zod schema for the answer; without one the answer is ignored (e.g. 204). */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}
export interface StreamOptions<T> {
  query?: RequestOptions<T>['query'];
  /** Parses each event's JSON data; without it `data` stays the raw text. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}
/** One event of `stream()`: `data` parsed by the schema, or the raw text without one. */
export interface StreamEvent<T> {
  event: string;
  data: T;
  id?: string;
}
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const refreshPath = '/admin/api/auth/refresh';

/**
 * The desk's one door to the server. Every answer is checked against its core/contracts schema, so a
 * server/desk version mismatch shows as a clear error instead of undefined fields. The bearer token
 * comes from the auth store; a 401 triggers one refresh (single-use refresh tokens: concurrent 401s
 * share that one refresh) and a retry; if that fails the session is dropped and the guard shows sign-in.
 */
export class ApiClient {
  private refreshing: Promise<boolean> | null = null;

  constructor(
    private readonly auth: AuthStore = authStore,
    private readonly baseUrl = '',
    private readonly fetchFn: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  get = <T = void>(path: string, options?: RequestOptions<T>) => this.request('GET', path, options);
  post = <T = void>(path: string, options?: RequestOptions<T>) => this.request('POST', path, options);
  patch = <T = void>(path: string, options?: RequestOptions<T>) => this.request('PATCH', path, options);
  put = <T = void>(path: string, options?: RequestOptions<T>) => this.request('PUT', path, options);
  delete = <T = void>(path: string, options?: RequestOptions<T>) => this.request('DELETE', path, options);

  async request<T>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const body = await readBody(response);
    if (!response.ok) throw apiErrorFrom(response.status, body);
    if (!options.schema) return undefined as T;
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) throw badAnswerError(path, parsed.error.issues);
    return parsed.data;
  }

  /**
   * A file the server sends as an attachment (not JSON): its bytes and headers. `headers` is the
   * contract's schema for them (content type, file name), checked like any answer.
   */
  async download<H>(path: string, headers: z.ZodType<H>): Promise<{ blob: Blob; headers: H }> {
    const response = await this.send('GET', path, {}, '*/*');
    if (!response.ok) throw apiErrorFrom(response.status, await readBody(response));
    const parsed = headers.safeParse(Object.fromEntries(response.headers.entries()));
    if (!parsed.success) throw badAnswerError(path, parsed.error.issues);
    return { blob: await response.blob(), headers: parsed.data };
  }

  /**
   * Server-Sent Events over fetch (EventSource cannot send the Authorization header). Resolves when the
   * server ends the stream or `signal` aborts; rejects with ApiError when it cannot be opened.
   */
  async stream<T = string>(
    path: string,
    onEvent: (event: StreamEvent<T>) => void,
    options: StreamOptions<T> = {},
  ): Promise<void> {
    const response = await this.send(
      'GET',
      path,
      { query: options.query, signal: options.signal },
      'text/event-stream',
    );
    if (!response.ok || !response.body) throw apiErrorFrom(response.status, await readBody(response));
    const parse = createSseParser((event) =>
      onEvent({ ...event, data: this.eventData(path, event.data, options.schema) }),
    );
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parse(value);
      }
    } catch (e) {
      if (options.signal?.aborted) return;
      throw networkError(e);
    } finally {
      reader.releaseLock();
    }
  }

  private eventData<T>(path: string, data: string, schema?: z.ZodType<T>): T {
    if (!schema) return data as T;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw badAnswerError(path, data);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw badAnswerError(path, parsed.error.issues);
    return parsed.data;
  }

  /** One request, with a single refresh-and-retry on 401. */
  private async send(
    method: Method,
    path: string,
    options: RequestOptions<unknown>,
    accept = 'application/json',
  ): Promise<Response> {
    const first = await this.fetchOnce(method, path, options, accept);
    if (first.status !== 401 || !this.auth.current || path.startsWith('/admin/api/auth/')) return first;
    if (!(await this.refreshOnce())) {
      this.auth.signOut();
      return first;
    }
    const second = await this.fetchOnce(method, path, options, accept);
    if (second.status === 401) this.auth.signOut();
    return second;
  }

  private async fetchOnce(
    method: Method,
    path: string,
    options: RequestOptions<unknown>,
    accept: string,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept };
    const token = this.auth.current?.accessToken;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.fetchFn(this.baseUrl + withQuery(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (e) {
      if (options.signal?.aborted) throw e;
      throw networkError(e);
    }
  }

  private refreshOnce(): Promise<boolean> {
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<boolean> {
    const refreshToken = this.auth.current?.refreshToken;
    if (!refreshToken) return false;
    try {
      const tokens = await this.request('POST', refreshPath, {
        body: { refreshToken },
        schema: tokenPairSchema,
      });
      this.auth.signIn(tokens);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) throw e;
      return false;
    }
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Appends the query; arrays repeat the key, null/undefined are left out. */
export function withQuery(path: string, query?: RequestOptions<unknown>['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value])
      if (v !== undefined && v !== null) params.append(key, String(v));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/** The desk's client; features call it from their TanStack Query hooks. */
export const apiClient = new ApiClient();
