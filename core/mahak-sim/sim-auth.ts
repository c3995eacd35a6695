import { createHash, createHmac, randomBytes } from 'node:crypto';
import { faMessages } from './sim-messages.js';
import { lowerKeys, readNumber, readString } from './sim-wire.js';
import { wireDate } from './sim-row.js';

export interface SimAccount {
  user: string;
  password: string;
  databaseId: number;
  visitorId: number;
  userTitle: string;
}

export interface TokenClaims {
  visitorId: number;
  databaseId: number;
  user: string;
}

export const md5Hex = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');
const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/**
 * Login and tokens. The password arrives as MD5 hex of the plain password (API.md §2.1; four clients).
 * Tokens are JWT-shaped (HS256) like the live ones (`eyJhbGci...`, API.md §2.2); the sim keeps a token
 * generation so "expire every token now" is one increment.
 */
export class SimAuth {
  private generation = 0;
  private syncId = 0;
  private readonly secret = randomBytes(32);

  constructor(
    private readonly account: SimAccount,
    /** Real token lifetime is unknown (API.md §2.3); long enough for a 10 h client cache by default. */
    private readonly ttlMs = 24 * 3600_000,
  ) {}

  login(
    body: unknown,
  ): { ok: true; data: Record<string, unknown> } | { ok: false; message: string; errorCode: number } {
    const b = lowerKeys(body);
    const user = readString(b.get('username'))?.trim() ?? '';
    const password = readString(b.get('password'))?.trim().toLowerCase() ?? '';
    const databaseId = readNumber(b.get('databaseid'));
    if (
      user.toLowerCase() !== this.account.user.toLowerCase() ||
      password !== md5Hex(this.account.password)
    ) {
      return { ok: false, message: faMessages.loginFailed, errorCode: 1 };
    }
    // Clients send 0 or omit databaseId and still log in (API.md §2.1); a different non-zero id is refused.
    if (databaseId !== undefined && databaseId !== 0 && databaseId !== this.account.databaseId) {
      return { ok: false, message: faMessages.databaseNotFound, errorCode: 2 };
    }
    return { ok: true, data: this.loginData() };
  }

  private loginData(): Record<string, unknown> {
    const { visitorId, databaseId, user, userTitle } = this.account;
    return {
      UserToken: this.issue({ visitorId, databaseId, user }),
      SyncId: ++this.syncId,
      VisitorId: visitorId,
      DatabaseId: databaseId,
      ErrorCode: 0,
      ErrorMessage: null,
      UserTitle: userTitle,
      MahakId: `M-${databaseId}`,
      ServerTime: wireDate(Date.now()),
      PackageNo: 1_402_000 + databaseId,
      CreditDay: 136,
      HasRadara: false,
      WithDataTransfer: false,
    };
  }

  private issue(claims: TokenClaims): string {
    const now = Date.now();
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        sub: claims.user,
        vid: claims.visitorId,
        db: claims.databaseId,
        gen: this.generation,
        iat: Math.floor(now / 1000),
        // Seconds since the epoch like iat (RFC 7519 NumericDate, which may carry a fraction: a test's
        // sub-second lifetime stays exact), not milliseconds.
        exp: (now + this.ttlMs) / 1000,
        jti: randomBytes(6).toString('hex'),
      }),
    );
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }

  verify(token: string | undefined): TokenClaims | undefined {
    if (!token) return undefined;
    const [h, p, s] = token.split('.');
    if (!h || !p || !s || this.sign(`${h}.${p}`) !== s) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<
        string,
        number | string
      >;
      if (claims.gen !== this.generation || (claims.exp as number) * 1000 <= Date.now()) return undefined;
      return { visitorId: claims.vid as number, databaseId: claims.db as number, user: claims.sub as string };
    } catch {
      return undefined;
    }
  }

  /** Invalidate every token issued so far (fault "token expiry"). */
  expireAll(): void {
    this.generation++;
  }
}

/**
 * The token from `Authorization: Bearer x`, `bearer : x` (Mahak's WordPress plugin) or a bare `x` (Mahak's
 * Android app) — API.md §1.3 — or, failing that, `UserToken` in the body or `userToken` in the query (S3).
 */
export function extractToken(
  authorization: string | undefined,
  body: unknown,
  query: unknown,
): string | undefined {
  const fromHeader = authorization?.replace(/^\s*bearer\b\s*:?\s*/i, '').trim();
  if (fromHeader) return fromHeader;
  const fromBody = readString(lowerKeys(body).get('usertoken'));
  if (fromBody) return fromBody.trim();
  const fromQuery = readString(lowerKeys(query).get('usertoken'));
  return fromQuery?.trim() || undefined;
}
