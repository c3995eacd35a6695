import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogRepo, PriceOptions } from '../store/catalog-repo.js';

export interface CatalogueCacheOptions {
  /** Cache-Control of every catalogue answer (a CDN in front follows it). */
  cacheControl: string;
  /** Serialised answers kept in memory; 0 = none kept. */
  maxEntries: number;
  /** A read of the catalogue version is reused this long (ms); 0 = read on every request. */
  versionTtlMs: number;
}

interface Version {
  version: number;
  changedAt: number;
  scope: string;
}

/**
 * HTTP caching of the storefront catalogue (issue 9). Every answer carries an ETag made of the
 * catalogue version (storefront_state, bumped in the transaction of every change the storefront can
 * see) and the scope (sell level, store), Last-Modified from the version's time, and Cache-Control for
 * a CDN. A request whose If-None-Match still holds gets 304 without touching the catalogue. Answers
 * are kept serialised in memory per URL and dropped as soon as the version moves; concurrent misses
 * of one URL share one computation.
 */
export class CatalogueCache {
  private readonly bodies = new Map<string, string>();
  private readonly pending = new Map<string, Promise<string>>();
  private bodiesVersion = -1;
  private current: (Version & { readAt: number }) | undefined;
  private reading: { scope: string; promise: Promise<Version> } | undefined;

  constructor(
    private readonly catalog: CatalogRepo,
    private readonly options: CatalogueCacheOptions,
  ) {}

  async reply(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: PriceOptions,
    compute: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    const v = await this.version(scope);
    const etag = `"${v.version}-${v.scope}"`;
    // Last-Modified has whole seconds; ETag (checked first, RFC 9110 §13.2.2) tells changes apart within one.
    const modified = Math.floor(v.changedAt / 1000) * 1000;
    reply
      .header('ETag', etag)
      .header('Last-Modified', new Date(modified).toUTCString())
      .header('Cache-Control', this.options.cacheControl);
    if (notModified(request, etag, modified)) return reply.code(304).send();
    const body = await this.body(`${etag} ${request.url}`, v.version, compute);
    // A string with a JSON type goes out as it is: the serialiser ran once, when it was made.
    return reply.type('application/json; charset=utf-8').send(body);
  }

  private async body(key: string, version: number, compute: () => Promise<unknown>): Promise<string> {
    if (version !== this.bodiesVersion) {
      this.bodies.clear();
      this.bodiesVersion = version;
    }
    const hit = this.bodies.get(key);
    if (hit !== undefined) return hit;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const made = compute()
      .then((dto) => {
        const text = JSON.stringify(dto);
        if (this.options.maxEntries > 0 && this.bodiesVersion === version) this.remember(key, text);
        return text;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, made);
    return made;
  }

  private remember(key: string, text: string): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.bodies.size >= this.options.maxEntries) {
      const oldest = this.bodies.keys().next().value;
      if (oldest !== undefined) this.bodies.delete(oldest);
    }
    this.bodies.set(key, text);
  }

  private async version(scope: PriceOptions): Promise<Version> {
    const key = `${scope.priceLevel}-${scope.storeId ?? 0}`;
    const now = Date.now();
    const c = this.current;
    if (c && c.scope === key && this.options.versionTtlMs > 0 && now - c.readAt < this.options.versionTtlMs)
      return c;
    // One read in flight at a time, shared by the requests that arrive meanwhile: under load the
    // version costs one round trip per round trip, not one per request.
    const inFlight = this.reading?.scope === key ? this.reading.promise : undefined;
    if (inFlight) return inFlight;
    const promise = this.catalog
      .catalogueState(scope)
      .then((state) => (this.current = { ...state, scope: key, readAt: now }))
      .finally(() => {
        if (this.reading?.promise === promise) this.reading = undefined;
      });
    this.reading = { scope: key, promise };
    return promise;
  }
}

/** If-None-Match wins when present; otherwise If-Modified-Since at whole-second precision. */
function notModified(request: FastifyRequest, etag: string, modified: number): boolean {
  const match = request.headers['if-none-match'];
  if (match !== undefined) {
    return match
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*');
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined) return false;
  const at = Date.parse(since);
  return Number.isFinite(at) && modified <= at;
}
