import type { ConnectionTestRequest, ConnectionTestResult } from '../contracts/admin-settings.js';
import { adviseSyncError } from '../domain/sync-error-advice.js';
import { errorCodes, toHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { MahakClient } from '../mahak/mahak-client.js';
import { mahakLists } from './mahak-lists.js';
import type { LiveSettings } from './runtime-settings.js';

type Connection = Pick<LiveSettings, 'mahakUrl' | 'mahakUser' | 'mahakPassword' | 'mahakDatabaseId'>;

/** The values to try: what the desk typed, the saved settings for whatever it left out. */
export function connectionToTry(request: ConnectionTestRequest, saved: Connection): Connection {
  return {
    mahakUrl: request.mahakUrl ?? saved.mahakUrl,
    mahakUser: request.mahakUser ?? saved.mahakUser,
    mahakPassword: request.mahakPassword ?? saved.mahakPassword,
    mahakDatabaseId:
      request.mahakDatabaseId === undefined ? saved.mahakDatabaseId : (request.mahakDatabaseId ?? undefined),
  };
}

export const sameConnection = (a: Connection, b: Connection): boolean =>
  a.mahakUrl === b.mahakUrl &&
  a.mahakUser === b.mahakUser &&
  a.mahakPassword === b.mahakPassword &&
  (a.mahakDatabaseId ?? null) === (b.mahakDatabaseId ?? null);

/**
 * "Test connection": a real Login with the given values on a client of its own (the running one keeps
 * its session), then one cheap call that is useful anyway: the price level names, stores and person
 * groups the next step offers. No retries beyond one: the clerk is waiting. A failure is an answer,
 * not an HTTP error: its code and Persian message tell the desk which hint to show.
 */
export async function testConnection(
  connection: Connection,
  options: { logger: Logger; timeoutMs: number; apiVersion: 'v1' | 'v2' },
): Promise<
  | Omit<Extract<ConnectionTestResult, { ok: true }>, 'confirmed'>
  | Extract<ConnectionTestResult, { ok: false }>
> {
  const client = new MahakClient({
    baseUrl: connection.mahakUrl,
    user: connection.mahakUser,
    password: connection.mahakPassword,
    ...(connection.mahakDatabaseId === undefined ? {} : { databaseId: connection.mahakDatabaseId }),
    apiVersion: options.apiVersion,
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    retry: { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 500, maxRetryAfterMs: 1000 },
  });
  try {
    const session = await client.session();
    const lists = await mahakLists(client);
    return {
      ok: true,
      visitorId: session.visitorId,
      databaseId: session.databaseId,
      userTitle: session.userTitle ?? null,
      lists,
    };
  } catch (e) {
    const err = toHamgamError(e);
    if (err.code === 'INTERNAL')
      options.logger.error({ err: e }, 'Mahak connection test failed unexpectedly');
    return {
      ok: false,
      error: { code: err.code, message: err.message, messageFa: errorCodes[err.code].fa },
      advice: adviseSyncError({ code: err.code, message: err.message, details: err.details }),
    };
  }
}
