import type { FastifyInstance } from 'fastify';
import type { AccountsService } from '../accounts/accounts-service.js';
import type { BlobStore } from '../blob/blob-store.js';
import type { Config } from '../config/config-schema.js';
import type { Logger } from '../logging/logger.js';
import type { Commerce } from '../orders/commerce.js';
import type { Storage } from '../store/storage.js';
import type { Metrics } from './metrics.js';

/** One dependency /ready probes: database, queue, mahak, blob. Resolves when reachable, throws when not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * Everything the HTTP layer needs, as a plain object built by the composition root. Later features add
 * a field here (e.g. `queue`, `blobs`, `auth`) and a route plugin under core/api/routes/.
 */
export interface ApiDeps {
  config: Config;
  storage: Storage;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  /** Picture bytes for GET /api/v1/pictures/:id (routes/picture-routes.ts); the route is absent without it. */
  blobs?: BlobStore;
  /** Customer and staff accounts (auth routes, requireCustomer/requireStaff); built on `storage` when absent. */
  accounts?: AccountsService;
  /** Overrides config.authRatePerMinute (and refresh gets six times it); tests set it high. */
  authRatePerMinute?: number;
  /**
   * Carts, checkout, orders and payments (core/orders/commerce.ts); built on `storage` when absent. Pass
   * the composition root's so its scheduler (expireUnpaidOrders) and the routes share one instance.
   */
  commerce?: Commerce;
  /** Extra route plugins registered after the built-in ones (storefront auth, admin API, pictures...). */
  routes?: ApiRoutePlugin[];
  /** Per-check time limit for GET /ready; default 2000 ms. */
  readinessTimeoutMs?: number;
  /**
   * Overrides config.rateLimitPerMinute (requests per minute per client address on the API routes that
   * are not catalogue reads); false = no limiter at all (tests). Probes are never limited.
   */
  rateLimitPerMinute?: number | false;
  /** The built desk (renderer/dist) served at `/` when config.ui; tests point it at a fixture folder. */
  deskDir?: string;
  /** Request body limit in bytes; default 256 KiB. */
  bodyLimit?: number;
}

/** One area's routes. Registered in its own encapsulated fastify scope. */
export type ApiRoutePlugin = (app: FastifyInstance, deps: ApiDeps) => Promise<void>;
