import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no'])])
  .transform((v) => (typeof v === 'boolean' ? v : ['1', 'true', 'yes'].includes(v)));

/** Storage URL: `sqlite:<path>` (embedded default) or `postgres://...`. */
const dbUrl = z
  .string()
  .min(1)
  .refine(
    (v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v),
    'must be sqlite:<path> or postgres://...',
  );

const queueUrl = z
  .string()
  .refine((v) => v === 'local' || /^amqps?:\/\/.+/.test(v), 'must be local or amqp://...');
const blobUrl = z
  .string()
  .refine(
    (v) => /^file:.+/.test(v) || /^https?:\/\/.+/.test(v),
    'must be file:<folder> or http(s)://key:secret@host/bucket',
  );

/** fastify's trustProxy: boolean, hop count, or proxy addresses (env text: true, false, 2, 10.0.0.0/8,...). */
const trustProxy = z
  .union([z.boolean(), z.number(), z.string(), z.array(z.string())])
  .transform((v): boolean | number | string[] => {
    if (typeof v !== 'string') return v;
    const text = v.trim();
    if (text === '' || text === 'false' || text === '0') return false;
    if (text === 'true') return true;
    if (/^\d+$/.test(text)) return Number(text);
    return text
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
  });

/** Browser origins allowed to call the API (CORS): comma-separated text (env) or a list (config file). */
const corsOrigins = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === 'string' ? v.split(',') : v).map((o) => o.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'must be * or an origin like https://shop.example'),
    ),
  );

/**
 * The address customers reach this server at (behind a proxy: the proxy's), e.g. https://shop.example
 * or https://shop.example/hamgam. Absolute links the server hands out (the payment gateway's return
 * URL) are built from it, never from the request's Host or X-Forwarded-* headers, which a client sets.
 */
const publicBaseUrl = z
  .string()
  .trim()
  .transform((v) => v.replace(/\/+$/, ''))
  .refine((v) => {
    try {
      const u = new URL(v);
      const plain =
        !u.username && !u.password && !u.search && !u.hash && !v.endsWith('?') && !v.endsWith('#');
      return (u.protocol === 'https:' || u.protocol === 'http:') && plain;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials, query or fragment, e.g. https://shop.example');

export const configSchema = z
  .object({
    dataDir: z.string().min(1).default('./data'),
    db: dbUrl.default('sqlite:./data/hamgam.db'),
    queue: queueUrl.default('local'),
    /** Prefix of RabbitMQ queue names, so several shops (or test runs) can share one broker. */
    queueNamespace: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,60}$/, 'letters, digits, dot, dash, underscore')
      .default('hamgam'),
    blob: blobUrl.default('file:./data/blobs'),
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(8080),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    mahakUrl: z.url().default('http://127.0.0.1:5080/API/v3/Sync'),
    mahakUser: z.string().min(1).default('demo'),
    mahakPassword: z.string().min(1).default('demo'),
    mahakDatabaseId: z.coerce.number().int().nonnegative().optional(),
    /** V1 names (Login, GetAllData, SaveAllData) are what Mahak support recommends (API.md §1.2). */
    mahakApiVersion: z.enum(['v1', 'v2']).default('v1'),
    mahakTimeoutMs: positiveInt.default(30_000),

    /** Which Price1..Price10 column the storefront sells at. */
    sellPriceLevel: z.coerce.number().int().min(1).max(10).default(1),
    /** Stock comes from this Mahak store; by server id or by the desktop program's store code. */
    storeId: z.coerce.number().int().positive().optional(),
    storeCode: z.coerce.number().int().positive().optional(),
    /** Money in Mahak's database: rial (most) or toman. The store always keeps rial. */
    mahakCurrency: z.enum(['rial', 'toman']).default('rial'),

    pageSize: z.coerce.number().int().min(1).max(100_000).default(1000),
    /**
     * The pull re-reads from where each checkpoint stood this many minutes before the previous pull
     * began (ARCHITECTURE.md invariant 1, core/sync/pull-window.ts): a row of any Mahak transaction
     * shorter than this is caught when it commits late. 0 turns the window off.
     */
    pullWindowMinutes: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(15),
    /**
     * Extra RowVersions re-read below where the window starts (a margin, not a window: API.md §6).
     * 0 by default: the time window is the safety; a margin re-reads rows on every poll for nothing
     * (docs/decisions.md, "The re-read window is in time").
     */
    pullOverlap: z.coerce.number().int().nonnegative().default(0),
    /** Largest page a pull asks for when more rows share one RowVersion than a page holds. */
    pullMaxPageSize: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
    pullSchedule: z.string().min(1).default('*/5 * * * *'),
    /**
     * The full reconciliation (core/sync/pull-reconcile.ts): every entity re-read from 0, what the
     * incremental pulls missed fetched, what Mahak no longer has unpublished. Nightly after the drift
     * check; `off` turns it off. It runs only while the pull schedule runs.
     */
    reconcileSchedule: z.string().min(1).default('0 4 * * *'),
    /**
     * Lease on the puller lock, renewed every third of it while a pull runs. A SIGKILLed puller's lease
     * blocks the next pull for at most this long.
     */
    lockTtlSeconds: z.coerce.number().int().min(2).max(3600).default(15),
    pushSchedule: z.string().min(1).default('*/1 * * * *'),
    // ---- push (core/push): how web orders become Mahak records (API.md §4.1) ----
    /** Records per SaveAllData request; an order is never split across requests. */
    pushBatchSize: z.coerce.number().int().min(1).max(5000).default(200),
    /** How long a push worker owns the outbox rows it leased; a crashed worker's rows return after it. */
    pushLeaseSeconds: z.coerce.number().int().min(2).max(3600).default(120),
    /** Failed (unrecognised) attempts before an item goes to the dead letters; transient ones get more. */
    pushMaxAttempts: z.coerce.number().int().min(1).max(100).default(5),
    /**
     * How long an order Mahak said yes to (or one whose answer was lost) is only read back before it is
     * taken as not there: any Mahak transaction shorter than this shows up first (issue 8). After it, an
     * accepted order becomes a "saved but not visible" dispute for staff; a lost one is sent again.
     */
    pushConfirmMinutes: z.coerce
      .number()
      .min(0)
      .max(24 * 60)
      .default(15),
    /**
     * RowVersions below the highest order seen from which the push reads its orders back. Kept apart
     * from the pull's margin (0): one orders read per batch is cheap, and an order Mahak commits
     * beside another transaction may land just below what we saw.
     */
    pushReadBackOverlap: z.coerce.number().int().nonnegative().default(1000),
    /** 201 = sales invoice; 299 delivery pre-invoice, 203 pre-sale are alternatives. */
    mahakOrderType: z.coerce.number().int().positive().default(201),
    /** SettlementType: the spec says 1 = cash, 0 = credit; S5 says 2 = credit (API.md §4.1). */
    mahakSettlementPaid: z.coerce.number().int().nonnegative().default(1),
    mahakSettlementUnpaid: z.coerce.number().int().nonnegative().default(0),
    /**
     * Bank account receiving gateway money (Cheque.BankId), by Mahak id or by the desktop program's
     * code; neither set: the bank with the lowest code (core/push/push-choices.ts). It must exist in
     * Mahak's pulled banks: no invented id.
     */
    mahakBankId: z.coerce.number().int().positive().optional(),
    mahakBankCode: z.coerce.number().int().positive().optional(),
    /** Receipt.CashCode of the visitor's cash box, when the shop uses one. */
    mahakCashCode: z.coerce.number().int().positive().optional(),
    /**
     * Person group of new web customers, by Mahak id or by the desktop program's code; neither set: the
     * group with the lowest code (core/push/push-choices.ts). It must exist in Mahak: no invented id.
     */
    mahakPersonGroupId: z.coerce.number().int().positive().optional(),
    mahakPersonGroupCode: z.coerce.number().int().positive().optional(),
    /** Drift check (SolveDispute / SolveOrderDispute + targeted re-pull); nightly by default. */
    driftSchedule: z.string().min(1).default('30 3 * * *'),

    // ---- storefront checkout (core/orders, core/payments) ----
    /** An unpaid online order is cancelled and its stock released after this many minutes. */
    paymentTimeoutMinutes: z.coerce.number().int().min(1).max(1440).default(30),
    /** Shipping cost added to every order, rial (0 = free shipping). */
    shippingCostRial: z.coerce.number().int().nonnegative().default(0),
    /** Payment gateway driver; only the development fake exists so far (core/payments/fake-gateway.ts). */
    paymentGateway: z.enum(['fake']).default('fake'),

    /** Unset: the address the server listens on (fine on one machine; set it behind a proxy). */
    publicBaseUrl: publicBaseUrl.optional(),

    // ---- desk settings (core/settings): kept in the database, env / config file win where set ----
    /** How the desk shows money (the store always keeps rial). */
    moneyDisplay: z.enum(['rial', 'toman']).default('rial'),
    /** Opt-outs: the pull leaves these store fields as the shop set them (pictures: not downloaded). */
    pullSkipPrices: bool.default(false),
    pullSkipStock: bool.default(false),
    pullSkipTitles: bool.default(false),
    pullSkipPictures: bool.default(false),
    /**
     * Key that encrypts secrets kept in the database (the Mahak password). Without it a random key is
     * kept in <dataDir>/settings.key (mode 0600), apart from the database and its backups.
     */
    settingsKey: z.string().min(16).optional(),

    jwtSecret: z.string().min(16).optional(),
    // ---- sign-in limits (core/accounts/login-throttle.ts, api/auth-support.ts) ----
    /** Failed sign-ins in a row per account (customer mobile, staff username) before it is locked. */
    loginMaxFailures: z.coerce.number().int().min(1).max(100).default(5),
    /** First lockout; every further failure doubles it, up to loginLockoutMaxSeconds. */
    loginLockoutSeconds: z.coerce.number().int().min(1).max(86_400).default(60),
    loginLockoutMaxSeconds: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .default(3600),
    // ---- storefront reads and request limits (api/catalogue-cache.ts, api/rate-limits.ts; issue 9) ----
    /** Requests per client address per minute on every API route that is not a catalogue read; 0 = off. */
    rateLimitPerMinute: z.coerce.number().int().min(0).max(10_000_000).default(600),
    /**
     * Catalogue reads (products, categories, pictures) per client address per minute; 0 = not limited.
     * A headless storefront's server calls from one address for all its visitors, so none by default.
     */
    catalogueRatePerMinute: z.coerce.number().int().min(0).max(10_000_000).default(0),
    /** Cache-Control of catalogue answers, for browsers and a CDN in front (they revalidate with ETag). */
    catalogueCacheControl: z.string().min(1).default('public, max-age=1, stale-while-revalidate=5'),
    /** Serialised catalogue answers kept in memory, dropped whenever the catalogue changes; 0 = none. */
    catalogueCacheEntries: z.coerce.number().int().min(0).max(1_000_000).default(5000),
    /**
     * How long one read of the catalogue version serves (ms); 0 = read on every request. Several
     * instances on one PostgreSQL may set a few hundred ms to spare the round trip; a change then shows
     * after at most this long.
     */
    catalogueVersionTtlMs: z.coerce.number().int().min(0).max(60_000).default(0),
    /**
     * Trust X-Forwarded-For from a reverse proxy so limits and logs see the real client: false, true
     * (any proxy), a hop count, or comma-separated proxy addresses / CIDRs.
     */
    trustProxy: trustProxy.default(false),
    /** Sign-in requests (login, register, OTP) per client address per minute, per route. */
    authRatePerMinute: z.coerce.number().int().min(1).max(100_000).default(10),
    /** Refresh and logout requests per client address per minute, per route. */
    refreshRatePerMinute: z.coerce.number().int().min(1).max(100_000).default(60),
    /** Empty = same-origin only; `*` = any origin (no credentials are ever allowed cross-origin). */
    corsOrigins: corsOrigins.default([]),
    // ---- backups (core/ops, `hamgam backup` / `hamgam restore`) ----
    /** Where backups go: a folder, or `blob` for the blob store; empty = <dataDir>/backups. */
    backupTarget: z.string().default(''),
    /** When `hamgam serve` (and the desktop engine) back up on their own; `off` = never. */
    backupSchedule: z.string().min(1).default('15 2 * * *'),
    /** Backups kept in the target; older ones are removed after each new one. */
    backupKeep: z.coerce.number().int().min(1).max(1000).default(14),
    /** Folder of log files the support bundle takes the tail of (`hamgam doctor --bundle`); unset = <dataDir>/logs. */
    logDir: z.string().min(1).optional(),
    demo: bool.default(false),
    /** Serve the desk (admin UI, renderer/dist) at `/`; false for a storefront-only box (`--no-ui`). */
    ui: bool.default(true),
  })
  .strict();

export type Config = Readonly<z.infer<typeof configSchema>>;
export type ConfigInput = z.input<typeof configSchema>;

/** Env var name for each key: HAMGAM_ + SCREAMING_SNAKE of the key (mahakUrl -> HAMGAM_MAHAK_URL). */
export const envNameOf = (key: string): string => 'HAMGAM_' + key.replace(/([A-Z])/g, '_$1').toUpperCase();
