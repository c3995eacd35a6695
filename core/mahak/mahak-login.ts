import { createHash } from 'node:crypto';
import { canonicaliseKeys, keysOf, loginResultWire, type Envelope } from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import { describeIssues, isRecord } from './mahak-envelope.js';

/** Login / LoginV2 (API.md §2). */

/** Mahak wants the MD5 of the password as 32 lower-case hex chars, never the plain text (API.md §2.1, OBS-4). */
export const md5Hex = (plain: string): string => createHash('md5').update(plain, 'utf8').digest('hex');

export interface MahakSession {
  token: string;
  visitorId: number;
  databaseId: number;
  userTitle?: string;
  /** Mahak's clock at login, as sent (often without a zone); `hamgam doctor` compares it with ours. */
  serverTime?: string;
}

export interface LoginInput {
  user: string;
  password: string;
  databaseId?: number;
}

/**
 * PascalCase like every request we send (Mahak binds requests case-insensitively, API.md §1.4).
 * DatabaseId is omitted when unknown: S2/S4 omit it and login still works; the answer tells us.
 */
export function loginBody(input: LoginInput): Record<string, unknown> {
  return {
    UserName: input.user,
    Password: md5Hex(input.password),
    ...(input.databaseId === undefined ? {} : { DatabaseId: input.databaseId }),
    Language: 'fa',
    AppId: 'Hamgam',
    Description: 'Hamgam sync',
  };
}

/** Turns a login envelope into a session; a refusal is MAHAK_AUTH_FAILED, a malformed answer MAHAK_BAD_RESPONSE. */
export function readLoginResult(env: Envelope, fallbackDatabaseId: number | undefined): MahakSession {
  const data = isRecord(env.Data) ? canonicaliseKeys(env.Data, keysOf(loginResultWire)) : env.Data;
  const parsed = loginResultWire.safeParse(data ?? {});
  if (!env.Result) {
    const fromData = parsed.success ? parsed.data : undefined;
    throw new HamgamError('MAHAK_AUTH_FAILED', env.Message ?? fromData?.ErrorMessage ?? undefined, {
      code: env.Code ?? fromData?.ErrorCode,
      message: env.Message ?? fromData?.ErrorMessage,
    });
  }
  if (!parsed.success) {
    throw new HamgamError('MAHAK_BAD_RESPONSE', 'Mahak Login: the login result is not valid', {
      reason: describeIssues(parsed.error),
    });
  }
  const { UserToken, VisitorId, DatabaseId, UserTitle, ServerTime } = parsed.data;
  if (!UserToken || VisitorId === undefined) {
    // Without a VisitorId no order can be pushed (API.md §2.2), so a "successful" login without one is useless.
    throw new HamgamError('MAHAK_BAD_RESPONSE', 'Mahak Login: UserToken or VisitorId is missing', {
      hasToken: Boolean(UserToken),
      hasVisitorId: VisitorId !== undefined,
    });
  }
  return {
    token: UserToken,
    visitorId: VisitorId,
    databaseId: DatabaseId ?? fallbackDatabaseId ?? 0,
    ...(UserTitle === undefined ? {} : { userTitle: UserTitle }),
    ...(ServerTime ? { serverTime: ServerTime } : {}),
  };
}
