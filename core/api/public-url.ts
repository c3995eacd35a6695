import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config-schema.js';

/**
 * The origin (plus path prefix) absolute URLs handed to clients start with: HAMGAM_PUBLIC_BASE_URL,
 * or else the address this server listens on (a wildcard host read as loopback). Never the request's
 * Host or X-Forwarded-* headers: a client sets those, and a payment return URL built from them sends
 * the customer (and the gateway's callback secrets) wherever the client wished.
 */
export function publicBaseUrl(
  config: Pick<Config, 'publicBaseUrl' | 'host' | 'port'>,
  app: FastifyInstance,
): string {
  if (config.publicBaseUrl) return config.publicBaseUrl;
  const bound = app.server.address() as AddressInfo | string | null;
  const port = bound && typeof bound === 'object' ? bound.port : config.port;
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
