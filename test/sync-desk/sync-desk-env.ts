import { expect } from 'vitest';
import type { z } from 'zod';
import type { ConfigInput } from '../../core/config/config-schema.js';
import { startAdminEnv, type AdminEnv } from '../push/admin-env.js';

/** The admin env (whole app + simulator + signed-in clerk) with small pages, so a pull has many. */
export function startSyncDeskEnv(
  options: { dbUrl?: string; overrides?: ConfigInput } = {},
): Promise<AdminEnv> {
  return startAdminEnv({
    ...options,
    overrides: { pageSize: 20, blob: 'file:./.tmp/test-blobs-sync-desk', ...options.overrides },
  });
}

/** The answer must satisfy the shared contract exactly (the server does not validate its own answers). */
export function expectContract<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  return parsed.data as z.output<S>;
}

/** Waits for the pull going on (if any) and for its journal to be written. */
export async function settle(env: AdminEnv): Promise<void> {
  while (env.app.engine.isPulling) await env.app.engine.pullNow().catch(() => undefined);
  await env.app.desk.tracker.idle();
}
