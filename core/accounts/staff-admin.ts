import type { StaffCreate, StaffRole } from '../contracts/accounts.js';
import { writeAudit } from '../push/audit-repo.js';
import type { SqlDb } from '../store/sql-db.js';
import type { Clock, Session, StaffAccount } from './account-records.js';
import type { SessionStore } from './session-store.js';
import type { StaffAccounts } from './staff-accounts.js';

export interface StaffActor {
  id: string;
}

/** What the audit log keeps of an account: never a hash. */
const auditView = (s: StaffAccount) => ({
  username: s.username,
  role: s.role,
  disabled: s.disabledAt !== null,
});

/**
 * Staff management from the desk (owner only, enforced by the routes) and a clerk's own password
 * change. Each change and its audit entry commit together; a disabled account and a reset password
 * end the clerk's sessions (refresh tokens; an access token lapses within its 15 minutes).
 */
export class StaffAdmin {
  constructor(
    private readonly db: SqlDb,
    private readonly staff: StaffAccounts,
    private readonly sessions: SessionStore,
    private readonly now: Clock,
  ) {}

  create(input: StaffCreate, actor: StaffActor): Promise<StaffAccount> {
    return this.db.transaction(async (tx) => {
      const created = await this.staff.create(input);
      await this.audit(tx, actor, 'staff.create', created.id, null, auditView(created));
      return created;
    });
  }

  async update(id: string, change: { role?: StaffRole; disabled?: boolean }, actor: StaffActor) {
    const updated = await this.db.transaction(async (tx) => {
      const before = await this.staff.mustGet(id);
      const after = await this.staff.update(id, change);
      await this.audit(tx, actor, 'staff.update', id, auditView(before), auditView(after));
      return after;
    });
    if (updated.disabledAt !== null) await this.sessions.revokeAll('staff', id);
    return updated;
  }

  async resetPassword(id: string, password: string, actor: StaffActor): Promise<StaffAccount> {
    const updated = await this.db.transaction(async (tx) => {
      const after = await this.staff.setPassword(id, password);
      await this.audit(tx, actor, 'staff.password_reset', id, null, { password: '***' });
      return after;
    });
    await this.sessions.revokeAll('staff', id);
    return updated;
  }

  /** The current password first; every other session ends and this desk gets a fresh one. */
  async changeOwnPassword(id: string, current: string, next: string): Promise<Session> {
    await this.staff.checkOwnPassword(id, current);
    const staff = await this.db.transaction(async (tx) => {
      const after = await this.staff.setPassword(id, next);
      await this.audit(tx, { id }, 'staff.password_change', id, null, { password: '***' });
      return after;
    });
    await this.sessions.revokeAll('staff', id);
    return this.sessions.issue({ type: 'staff', id, role: staff.role });
  }

  private audit(
    tx: Parameters<typeof writeAudit>[0],
    actor: StaffActor,
    action: string,
    targetId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    return writeAudit(tx, {
      actor: actor.id,
      action,
      targetType: 'staff',
      targetId,
      before,
      after,
      at: this.now(),
    });
  }
}
