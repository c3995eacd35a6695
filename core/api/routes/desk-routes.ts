import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HamgamError } from '../../errors.js';
import type { ApiRoutePlugin } from '../api-deps.js';

/** Where `npm run build:desk` writes the desk (renderer/vite.config.ts). */
export const defaultDeskDir = fileURLToPath(new URL('../../../renderer/dist', import.meta.url));

/** Paths that belong to the API and probes: never answered with the desk's index.html. */
const reservedPrefixes = ['/api', '/admin/api', '/docs', '/health', '/ready', '/metrics'];

const yearSeconds = 365 * 24 * 60 * 60;

/**
 * The desk's Content-Security-Policy: everything from this origin only, no inline scripts, no framing.
 * style-src needs 'unsafe-inline' because Emotion (MUI's styling) injects <style> tags at runtime;
 * img-src allows data:/blob: for MUI's inline icons and picture previews.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
].join('; ');

const isReserved = (path: string) =>
  reservedPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** A request for a file (hashed asset, favicon) rather than a desk route like /orders/12. */
const isFileRequest = (path: string) => path.startsWith('/assets/') || extname(path) !== '';

/**
 * Serves the built desk (renderer/dist) at `/`: hashed files under /assets/ cached for a year, every
 * other desk path answered with index.html (no-cache, so a new version shows on the next load) so the
 * React router can take over. Off with `ui: false` (HAMGAM_UI=false, `--no-ui`), e.g. a storefront-only box.
 */
export const deskRoutes: ApiRoutePlugin = async (app, deps) => {
  if (!deps.config.ui) return;
  const root = resolve(deps.deskDir ?? defaultDeskDir);
  if (!existsSync(resolve(root, 'index.html')))
    deps.logger.warn({ root }, 'the desk is not built: run `npm run build:desk`; / answers DESK_NOT_BUILT');
  // serve: false — only reply.sendFile; the one wildcard route below decides what each path gets.
  await app.register(fastifyStatic, { root, serve: false });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', contentSecurityPolicy);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  app.get(
    '/*',
    { config: { rateLimit: false }, schema: { hide: true } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0];
      if (isReserved(path)) return reply.callNotFound();
      if (isFileRequest(path)) return sendAsset(root, path, reply);
      if (!existsSync(resolve(root, 'index.html'))) throw new HamgamError('DESK_NOT_BUILT');
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    },
  );
};

async function sendAsset(root: string, path: string, reply: FastifyReply) {
  const file = fileWithin(root, path);
  // Checked before any header is set: a 404 must not go out with a year of immutable cache.
  if (
    !file ||
    !(await stat(file).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    return reply.callNotFound();
  const hashed = path.startsWith('/assets/');
  reply.header('cache-control', hashed ? `public, max-age=${yearSeconds}, immutable` : 'no-cache');
  return reply.sendFile(file.slice(root.length + 1), { cacheControl: false });
}

/** The file a URL path names inside root, or undefined for bad encoding or an escape (../). */
function fileWithin(root: string, path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${decoded}`);
  return file.startsWith(root + sep) ? file : undefined;
}
