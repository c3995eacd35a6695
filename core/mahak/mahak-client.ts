import type { Envelope } from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { isTokenRejection, parseEnvelope, readObjects, tryParseEnvelope } from './mahak-envelope.js';
import { MahakHttp, type JsonReply } from './mahak-http.js';
import { loginBody, readLoginResult, type MahakSession } from './mahak-login.js';
import { pictureUrl, readUploadResult, uploadForm, uploadHeaders } from './mahak-upload.js';
import {
  getAllDataBody,
  entityOf,
  readPulledObjects,
  type GetAllDataRequest,
  type GetAllDataResult,
} from './mahak-pull-wire.js';
import { MahakResilience, type BreakerState } from './mahak-resilience.js';
import { readSaveResults, type SaveAllDataRequest, type SaveAllDataResult } from './mahak-save-results.js';

/**
 * The Mahak cloud "Sync" API client (API.md). Wire decisions:
 * - requests are sent with PascalCase keys (`UserName`, `FromProductVersion`, `PageSize`): the server
 *   binds case-insensitively (§1.4) and PascalCase is what it answers in, so one spelling everywhere;
 * - responses are read case-insensitively and validated with the zod wire schemas;
 * - `Authorization: Bearer <token>` (one of the three forms working clients send, §1.3);
 * - V1 operation names unless apiVersion is 'v2' (§1.2: Mahak support advises V1).
 */

export type { MahakSession } from './mahak-login.js';
export type { GetAllDataRequest, GetAllDataResult, QuarantinedRecord } from './mahak-pull-wire.js';
export type { SaveAllDataRequest, SaveAllDataResult } from './mahak-save-results.js';
export type { EntityUpdateResult } from '../contracts/mahak-wire.js';
export type { BreakerState } from './mahak-resilience.js';

export interface MahakClientOptions {
  /** e.g. `https://mahakacc.mahaksoft.com/API/v3/Sync` */
  baseUrl: string;
  user: string;
  /** Plain text; only its MD5 leaves the process. */
  password: string;
  databaseId?: number;
  apiVersion?: 'v1' | 'v2';
  timeoutMs?: number;
  logger: Logger;
  /** maxAttempts counts the first try too. */
  retry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number };
  breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
}

type Operation = 'Login' | 'GetAllData' | 'SaveAllData' | 'SolveDispute' | 'SolveOrderDispute' | 'Upload';
const hasV2: ReadonlySet<Operation> = new Set(['Login', 'GetAllData', 'SaveAllData']);
/**
 * Calls that may have taken effect although they failed are never repeated here: a SaveAllData that
 * timed out may have saved, and only a read-back (core/push) may decide on a second one.
 */
const notRepeatable: ReadonlySet<Operation> = new Set(['SaveAllData']);

/** What the desk's settings can change while the client runs (MahakClient.reconfigure). */
export type MahakConnection = Pick<MahakClientOptions, 'baseUrl' | 'user' | 'password' | 'databaseId'>;

export class MahakClient {
  private readonly http: MahakHttp;
  private resilience: MahakResilience;
  private readonly log: Logger;
  private baseUrl: string;
  private current?: Promise<MahakSession>;

  constructor(private opts: MahakClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.log = opts.logger.child({ component: 'mahak-client' });
    this.http = new MahakHttp({ timeoutMs: opts.timeoutMs ?? 30_000 });
    this.resilience = this.newResilience();
  }

  /**
   * Points the client at other credentials or another server without a restart (desk settings). The
   * cached session and the breaker's memory belong to the old connection, so both start afresh; a call
   * already under way finishes with the old one.
   */
  reconfigure(connection: MahakConnection): void {
    const { databaseId: _old, ...rest } = this.opts;
    this.opts = { ...rest, ...connection };
    this.baseUrl = connection.baseUrl.replace(/\/+$/, '');
    this.current = undefined;
    this.resilience = this.newResilience();
    this.log.info({ baseUrl: this.baseUrl, user: connection.user }, 'Mahak connection settings changed');
  }

  private newResilience(): MahakResilience {
    const opts = this.opts;
    return new MahakResilience(
      {
        maxAttempts: opts.retry?.maxAttempts ?? 4,
        initialDelayMs: opts.retry?.initialDelayMs ?? 250,
        maxDelayMs: opts.retry?.maxDelayMs ?? 5_000,
        maxRetryAfterMs: opts.retry?.maxRetryAfterMs ?? 60_000,
        consecutiveFailures: opts.breaker?.consecutiveFailures ?? 5,
        halfOpenAfterMs: opts.breaker?.halfOpenAfterMs ?? 30_000,
      },
      this.log,
    );
  }

  get breakerState(): BreakerState {
    return this.resilience.state;
  }

  /** The cached session, logging in when there is none (concurrent callers share one login). */
  session(): Promise<MahakSession> {
    this.current ??= this.login().catch((err: unknown) => {
      this.current = undefined;
      throw err;
    });
    return this.current;
  }

  /** A fresh login round trip, for /ready; the new token replaces the cached one. */
  async ping(): Promise<void> {
    const fresh = this.login();
    this.current = fresh;
    await fresh.catch((err: unknown) => {
      if (this.current === fresh) this.current = undefined;
      throw err;
    });
  }

  /**
   * `signal` (the engine's stop) gives up a request in flight and any retry after it with the signal's
   * reason. A read changes nothing in Mahak, so nothing is lost by dropping its answer.
   */
  async getAllData(
    req: GetAllDataRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<GetAllDataResult> {
    const collections = Object.keys(req.cursors).filter((c) => req.cursors[c] !== undefined);
    collections.forEach(entityOf); // an unknown collection fails before any network call
    const env = await this.call('GetAllData', (s) => getAllDataBody(req, s.visitorId), options.signal);
    this.rejectUnlessOk(env, 'GetAllData');
    const page = readPulledObjects(readObjects(env, 'GetAllData', collections), collections, 'GetAllData');
    if (page.quarantined.length > 0) {
      this.log.warn(
        { op: 'GetAllData', quarantined: page.quarantined.length, first: page.quarantined[0].reason },
        'Mahak records failed validation and were quarantined',
      );
    }
    return page;
  }

  /** A top-level Result:false is returned, not thrown: the rejected records carry their Errors (API.md §4.3). */
  async saveAllData(req: SaveAllDataRequest): Promise<SaveAllDataResult> {
    const sent = Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined && v.length > 0));
    if (Object.keys(sent).length === 0) return { ok: true, results: {} };
    const env = await this.call('SaveAllData', () => sent);
    const results = readSaveResults(sent, readObjects(env, 'SaveAllData', Object.keys(sent)), 'SaveAllData');
    if (!env.Result)
      this.log.warn({ op: 'SaveAllData', code: env.Code, message: env.Message }, 'Mahak rejected records');
    return { ok: env.Result, ...(env.Message ? { message: env.Message } : {}), results };
  }

  async solveDispute(entityName: string, items: { id: number; rw: number }[]): Promise<unknown> {
    const env = await this.call('SolveDispute', (s) => ({
      DatabaseId: s.databaseId,
      EntityName: entityName,
      DisputeItems: items.map((i) => ({ Id: i.id, Rw: i.rw })),
    }));
    this.rejectUnlessOk(env, 'SolveDispute');
    return env.Data;
  }

  async solveOrderDispute(items: { id: number; code: number }[]): Promise<unknown> {
    const env = await this.call('SolveOrderDispute', (s) => ({
      DatabaseId: s.databaseId,
      DisputeItems: items.map((i) => ({ Id: i.id, Code: i.code })),
    }));
    this.rejectUnlessOk(env, 'SolveOrderDispute');
    return env.Data;
  }

  /** Multipart upload of a picture's bytes after its metadata was saved (API.md §5.3). */
  async upload(
    pictureId: number,
    fileName: string,
    bytes: Buffer,
  ): Promise<{ fileUrl?: string; fileHash?: string }> {
    const env = await this.authed('Upload', (s) =>
      this.http.postForm(
        `${this.url('Upload')}?userToken=${encodeURIComponent(s.token)}`,
        () => uploadForm(fileName, bytes),
        {
          ...this.authHeader(s),
          ...uploadHeaders(pictureId, fileName),
        },
      ),
    );
    return readUploadResult(env);
  }

  /** Picture `Url`s are server-relative: resolved against the origin of baseUrl, never another host. */
  async downloadPicture(url: string): Promise<{ bytes: Buffer; contentType: string }> {
    const target = pictureUrl(this.baseUrl, url);
    const reply = await this.resilience.execute('downloadPicture', () => this.http.getBinary(target));
    if (reply.status === 404) throw new HamgamError('NOT_FOUND', 'Mahak has no such picture', { url });
    if (reply.status < 200 || reply.status >= 300) {
      throw new HamgamError('MAHAK_REJECTED', `Mahak picture download answered HTTP ${reply.status}`, {
        url,
        status: reply.status,
      });
    }
    return { bytes: reply.bytes, contentType: reply.contentType };
  }

  private url(op: Operation): string {
    const name = this.opts.apiVersion === 'v2' && hasV2.has(op) ? `${op}V2` : op;
    return `${this.baseUrl}/${name}`;
  }

  private authHeader(s: MahakSession): Record<string, string> {
    return { Authorization: `Bearer ${s.token}` };
  }

  private async login(): Promise<MahakSession> {
    const started = Date.now();
    const reply = await this.resilience.execute('Login', () =>
      this.http.postJson(this.url('Login'), loginBody(this.opts)),
    );
    const ok = reply.status >= 200 && reply.status < 300;
    const env = ok ? parseEnvelope(reply.body, 'Login') : tryParseEnvelope(reply.body);
    if (!ok && (reply.status === 401 || reply.status === 403 || env?.Result === false)) {
      throw new HamgamError(
        'MAHAK_AUTH_FAILED',
        env?.Message ?? `Mahak Login answered HTTP ${reply.status}`,
        { status: reply.status },
      );
    }
    if (!ok || env === undefined) {
      throw new HamgamError('MAHAK_REJECTED', `Mahak Login answered HTTP ${reply.status}`, {
        op: 'Login',
        status: reply.status,
      });
    }
    const session = readLoginResult(env, this.opts.databaseId);
    this.log.info(
      { visitorId: session.visitorId, databaseId: session.databaseId, ms: Date.now() - started },
      'Logged in to Mahak',
    );
    return session;
  }

  private call(op: Operation, body: (s: MahakSession) => unknown, signal?: AbortSignal): Promise<Envelope> {
    return this.authed(
      op,
      (s) => this.http.postJson(this.url(op), body(s), this.authHeader(s), signal),
      signal,
    );
  }

  /**
   * Runs an authenticated exchange; on HTTP 401 or a token-like Result:false the cached token is
   * dropped and the call repeated once with a fresh login (token lifetime is unknown, API.md §2.3).
   * That repeat is safe for SaveAllData too: a refused token means the request was not processed.
   */
  private async authed(
    op: Operation,
    send: (s: MahakSession) => Promise<JsonReply>,
    signal?: AbortSignal,
  ): Promise<Envelope> {
    for (let renewed = false; ; renewed = true) {
      signal?.throwIfAborted();
      const s = await this.session();
      const started = Date.now();
      const reply = await this.resilience.execute(op, () => send(s), {
        retry: !notRepeatable.has(op),
        ...(signal ? { signal } : {}),
      });
      const env = reply.status === 401 ? undefined : this.envelopeOf(reply, op);
      this.log.debug({ op, status: reply.status, ms: Date.now() - started }, 'Mahak call');
      if (env !== undefined && !isTokenRejection(env)) return env;
      if (renewed)
        throw new HamgamError('MAHAK_AUTH_FAILED', `Mahak ${op}: the token was refused after a fresh login`, {
          op,
        });
      this.log.info({ op, status: reply.status }, 'Mahak refused the token; logging in again');
      if (this.current !== undefined && (await this.current.catch(() => undefined))?.token === s.token)
        this.current = undefined;
    }
  }

  /** 2xx must carry a valid envelope; another status may carry one (used for token detection) or not. */
  private envelopeOf(reply: JsonReply, op: string): Envelope {
    if (reply.status >= 200 && reply.status < 300) return parseEnvelope(reply.body, op);
    const env = tryParseEnvelope(reply.body);
    if (env !== undefined && isTokenRejection(env)) return env;
    throw new HamgamError('MAHAK_REJECTED', env?.Message ?? `Mahak ${op} answered HTTP ${reply.status}`, {
      op,
      status: reply.status,
      code: env?.Code,
    });
  }

  private rejectUnlessOk(env: Envelope, op: string): void {
    if (env.Result) return;
    throw new HamgamError('MAHAK_REJECTED', env.Message ?? `Mahak ${op} returned Result:false`, {
      op,
      code: env.Code,
      message: env.Message,
    });
  }
}
