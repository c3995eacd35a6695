import { randomUUID } from 'node:crypto';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb, SqlExecutor } from '../store/sql-db.js';
import type { Clock, Principal, PrincipalType, Session } from './account-records.js';
import { newOpaqueToken, sha256Hex } from './secret-tokens.js';
import { SessionCache } from './session-cache.js';

interface TokenRow {
  token_hash: string;
  family_id: string;
  subject_type: PrincipalType;
  subject_id: string;
  expires_at: number;
  revoked_at: number | null;
  revoked_reason: RevokedReason | null;
}

type RevokedReason = 'rotated' | 'reused' | 'logout' | 'subject_gone';

/** Reloads the principal behind a token (a staff role may have changed); undefined when it is gone. */
export type PrincipalResolver = (type: PrincipalType, id: string) => Promise<Principal | undefined>;

export interface SessionTtls {
  customer: number;
  staff: number;
}

type RotateOutcome = { ok: Session } | { fail: 'unknown' | 'expired' | 'reused' | 'gone'; row?: TokenRow };

/**
 * Refresh tokens with rotation and reuse detection. A sign-in starts a family; each refresh revokes
 * the presented token ('rotated') and issues the next one in the same family. Presenting a token that
 * was already rotated means two parties hold the family (the token leaked): the whole family is
 * revoked, so the thief and the customer are both signed out and the customer signs in again. Only the
 * sha256 of a token is stored.
 *
 * The family id is the session id: access tokens carry it (`sid`) and `isActive` ends them together
 * with their family, at once on this instance, within the cache's few seconds on another.
 */
export class SessionStore {
  private readonly cache: SessionCache;

  constructor(
    private readonly db: SqlDb,
    private readonly now: Clock,
    private readonly ttls: SessionTtls,
    private readonly resolve: PrincipalResolver,
    private readonly logger: Logger,
    cacheTtlMs?: number,
  ) {
    this.cache = new SessionCache(now, cacheTtlMs);
  }

  /** Whether the session (family) still has a live refresh token of this principal: not signed out, revoked or expired. */
  isActive(sessionId: string, type: PrincipalType, subjectId: string): Promise<boolean> {
    return this.cache.isActive(`${type}:${subjectId}:${sessionId}`, async () => {
      const rows = await this.db.query<{ one: number }>(
        `SELECT 1 AS one FROM refresh_tokens WHERE family_id = ? AND subject_type = ? AND subject_id = ?
         AND revoked_at IS NULL AND expires_at > ? LIMIT 1`,
        [sessionId, type, subjectId, this.now()],
      );
      return rows.length > 0;
    });
  }

  /** A new family (a sign-in). */
  issue(principal: Principal): Promise<Session> {
    return this.insert(this.db, principal, randomUUID());
  }

  /** The next token of the family; AUTH_TOKEN_INVALID for an unknown, expired, reused or foreign token. */
  async rotate(refreshToken: string, expected: PrincipalType): Promise<Session> {
    const hash = sha256Hex(refreshToken);
    const outcome = await this.db.transaction((tx) => this.rotateIn(tx, hash, expected));
    if ('ok' in outcome) return outcome.ok;
    if (outcome.row) this.forget(outcome.row);
    if (outcome.fail === 'reused' && outcome.row) {
      this.logger.warn(
        {
          family: outcome.row.family_id,
          subjectType: outcome.row.subject_type,
          subjectId: outcome.row.subject_id,
        },
        'refresh token reused: the whole session family is revoked (possible token theft)',
      );
    }
    throw new HamgamError('AUTH_TOKEN_INVALID', 'The refresh token is not valid', { reason: outcome.fail });
  }

  /** Signs the family out. Unknown tokens are ignored: logging out twice is not an error. */
  async revoke(refreshToken: string, expected: PrincipalType): Promise<void> {
    const rows = await this.db.query<TokenRow>(
      'SELECT * FROM refresh_tokens WHERE token_hash = ? AND subject_type = ?',
      [sha256Hex(refreshToken), expected],
    );
    if (!rows[0]) return;
    await this.db.run(
      `UPDATE refresh_tokens SET revoked_at = ?, revoked_reason = 'logout' WHERE revoked_at IS NULL AND family_id = ?`,
      [this.now(), rows[0].family_id],
    );
    this.forget(rows[0]);
  }

  /** Signs a principal out everywhere (e.g. after a password change). */
  async revokeAll(type: PrincipalType, id: string): Promise<void> {
    await this.db.run(
      `UPDATE refresh_tokens SET revoked_at = ?, revoked_reason = 'logout' WHERE subject_type = ? AND subject_id = ? AND revoked_at IS NULL`,
      [this.now(), type, id],
    );
    this.cache.clear();
  }

  /** Drops tokens expired for over a day (kept that long so a late reuse is still recognised). */
  async prune(): Promise<number> {
    return this.db.run('DELETE FROM refresh_tokens WHERE expires_at < ?', [this.now() - 86_400_000]);
  }

  /** The family's access tokens stop working on this instance now (others: within the cache TTL). */
  private forget(row: TokenRow): void {
    this.cache.revoked([`${row.subject_type}:${row.subject_id}:${row.family_id}`]);
  }

  private async rotateIn(tx: SqlExecutor, hash: string, expected: PrincipalType): Promise<RotateOutcome> {
    const rows = await tx.query<TokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = ?', [hash]);
    const row = rows[0];
    if (!row || row.subject_type !== expected) return { fail: 'unknown' };
    const now = this.now();
    if (row.revoked_at !== null) {
      if (row.revoked_reason !== 'rotated') return { fail: 'unknown' };
      await this.revokeFamily(tx, row.family_id, 'reused', now);
      return { fail: 'reused', row };
    }
    if (Number(row.expires_at) <= now) return { fail: 'expired' };
    const principal = await this.resolve(row.subject_type, row.subject_id);
    if (!principal) {
      await this.revokeFamily(tx, row.family_id, 'subject_gone', now);
      return { fail: 'gone', row };
    }
    // The WHERE re-checks revoked_at: of two concurrent refreshes with one token, only one wins here;
    // the other sees 0 rows and is treated as a reuse.
    const won = await tx.run(
      `UPDATE refresh_tokens SET revoked_at = ?, revoked_reason = 'rotated' WHERE token_hash = ? AND revoked_at IS NULL`,
      [now, hash],
    );
    if (won !== 1) {
      await this.revokeFamily(tx, row.family_id, 'reused', now);
      return { fail: 'reused', row };
    }
    return { ok: await this.insert(tx, principal, row.family_id) };
  }

  private async revokeFamily(
    tx: SqlExecutor,
    family: string,
    reason: RevokedReason,
    now: number,
  ): Promise<void> {
    await tx.run(
      'UPDATE refresh_tokens SET revoked_at = ?, revoked_reason = ? WHERE family_id = ? AND revoked_at IS NULL',
      [now, reason, family],
    );
  }

  private async insert(db: SqlExecutor, principal: Principal, family: string): Promise<Session> {
    const refreshToken = newOpaqueToken();
    const now = this.now();
    const refreshExpiresAt = now + this.ttls[principal.type];
    await db.run(
      `INSERT INTO refresh_tokens (token_hash, family_id, subject_type, subject_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [sha256Hex(refreshToken), family, principal.type, principal.id, now, refreshExpiresAt],
    );
    return { id: family, principal, refreshToken, refreshExpiresAt };
  }
}
