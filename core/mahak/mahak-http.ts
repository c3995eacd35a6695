import axios, { type AxiosInstance, type AxiosResponse, type RawAxiosRequestHeaders } from 'axios';
import { parseJsonBuffer } from './json-body.js';

/**
 * One HTTP attempt against Mahak, nothing more: no retries, no envelope logic. Retryable outcomes
 * (network, timeout, 5xx/429/408, a 2xx body that is not JSON) are thrown as TransientMahakFailure so
 * the resilience policies can count and retry them; every other outcome is returned as a reply, because
 * it proves Mahak is alive (a 401 or a 400 must not open the circuit breaker).
 */

export type TransientKind = 'network' | 'timeout' | 'http-status' | 'bad-json';

export class TransientMahakFailure extends Error {
  constructor(
    readonly kind: TransientKind,
    message: string,
    readonly status?: number,
    /** From a Retry-After header: the least we wait before the next attempt. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransientMahakFailure';
  }
}

export interface JsonReply {
  status: number;
  /** Parsed JSON, or undefined when the (non-2xx) body was empty or not JSON. */
  body: unknown;
}

export interface BinaryReply {
  status: number;
  bytes: Buffer;
  contentType: string;
}

/** 408/429/5xx: Mahak (or a proxy in front of it) is overloaded or down; the request may be repeated. */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 429 || status >= 500;

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Classifies an error thrown by axios (validateStatus accepts everything, so it is never a status). */
export function classifyRequestError(
  err: unknown,
  deadlinePassed: boolean,
): TransientMahakFailure | undefined {
  if (!axios.isAxiosError(err) && !axios.isCancel(err)) return undefined;
  const code = (err as { code?: string }).code;
  if (deadlinePassed || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new TransientMahakFailure('timeout', 'Mahak did not answer in time', undefined, undefined, {
      cause: err,
    });
  }
  // ECONNREFUSED, ECONNRESET, a body cut short ("stream has been aborted"), DNS failures …
  return new TransientMahakFailure(
    'network',
    `Mahak connection failed: ${code ?? (err as Error).message}`,
    undefined,
    undefined,
    {
      cause: err,
    },
  );
}

function throwIfRetryableStatus(res: AxiosResponse): void {
  if (!isRetryableStatus(res.status)) return;
  const retryAfter = parseRetryAfter(res.headers['retry-after']);
  throw new TransientMahakFailure('http-status', `Mahak answered HTTP ${res.status}`, res.status, retryAfter);
}

function parseJson(body: string | Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: typeof body === 'string' ? JSON.parse(body) : parseJsonBuffer(body) };
  } catch {
    return { ok: false };
  }
}

/** A 2xx body must be JSON; anything else (truncated JSON, an HTML proxy page) is worth one more try. */
export function readJsonBody(status: number, body: string | Buffer): JsonReply {
  const parsed = parseJson(body);
  if (status >= 200 && status < 300 && !parsed.ok) {
    const size = typeof body === 'string' ? `${body.length} chars` : `${body.length} bytes`;
    throw new TransientMahakFailure('bad-json', `Mahak sent a body that is not JSON (${size})`, status);
  }
  return { status, body: parsed.ok ? parsed.value : undefined };
}

/** The body as bytes: a page is parsed from them without one large string (json-body.ts). */
const bytesOf = (data: unknown): Buffer =>
  Buffer.isBuffer(data)
    ? data
    : data instanceof ArrayBuffer
      ? Buffer.from(data)
      : Buffer.from(typeof data === 'string' ? data : '');

export interface MahakHttpOptions {
  timeoutMs: number;
}

export class MahakHttp {
  private readonly axios: AxiosInstance;

  constructor(private readonly opts: MahakHttpOptions) {
    this.axios = axios.create({
      timeout: opts.timeoutMs,
      validateStatus: () => true,
      // We parse JSON ourselves so a truncated body is a classified failure, not a silent string.
      responseType: 'arraybuffer',
      transformResponse: [(d: unknown) => d],
    });
  }

  /** `stop` (optional) gives the exchange up at once and rejects with its reason, not as a failure. */
  async postJson(
    url: string,
    body: unknown,
    headers: RawAxiosRequestHeaders = {},
    stop?: AbortSignal,
  ): Promise<JsonReply> {
    const res = await this.send(
      () => ({
        method: 'POST',
        url,
        data: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
        // A redirected POST silently turns into a GET; better to fail with the 3xx status.
        maxRedirects: 0,
      }),
      stop,
    );
    return readJsonBody(res.status, bytesOf(res.data));
  }

  async postForm(url: string, form: () => FormData, headers: RawAxiosRequestHeaders): Promise<JsonReply> {
    const res = await this.send(() => ({
      method: 'POST',
      url,
      data: form(),
      headers: { Accept: 'application/json', ...headers },
      maxRedirects: 0,
    }));
    return readJsonBody(res.status, bytesOf(res.data));
  }

  async getBinary(url: string): Promise<BinaryReply> {
    const res = await this.send(() => ({
      method: 'GET',
      url,
      responseType: 'arraybuffer',
      transformResponse: [(d: unknown) => d],
    }));
    const data = res.data as ArrayBuffer | Buffer | undefined;
    const bytes = data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    const type = res.headers['content-type'];
    return {
      status: res.status,
      bytes,
      contentType: typeof type === 'string' ? type : 'application/octet-stream',
    };
  }

  private async send(
    config: () => Parameters<AxiosInstance['request']>[0],
    stop?: AbortSignal,
  ): Promise<AxiosResponse> {
    // axios' own timeout only watches socket inactivity; the signal bounds the whole exchange,
    // so a server that drips bytes forever still times out.
    const deadline = AbortSignal.timeout(this.opts.timeoutMs);
    stop?.throwIfAborted();
    let res: AxiosResponse;
    try {
      res = await this.axios.request({
        ...config(),
        signal: stop ? AbortSignal.any([deadline, stop]) : deadline,
      });
    } catch (err) {
      // A stop is the caller's choice, not Mahak's failure: never retried, never counted by the breaker.
      if (stop?.aborted) throw stop.reason;
      throw classifyRequestError(err, deadline.aborted) ?? err;
    }
    throwIfRetryableStatus(res);
    return res;
  }
}
