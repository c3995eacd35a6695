import { randomUUID } from 'node:crypto';
import type { StaffCreate, StaffRole } from '../contracts/accounts.js';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import { toStaffAccount, type Clock, type StaffAccount, type StaffRow } from './account-records.js';
import { checkPassword, hashPassword } from './password-hash.js';

/** The demo build's first owner; printed in the log so whoever runs the demo can sign in. */
export const demoOwner = { username: 'admin', password: 'admin1234' } as const;

/** Shop staff who use the admin API. Usernames arrive lower-cased by the contracts. */
export class StaffAccounts {
  constructor(
    private readonly db: SqlDb,
    private readonly now: Clock,
  ) {}

  /** CONFLICT when the username is taken. */
  async create(input: StaffCreate): Promise<StaffAccount> {
    const username = input.username.trim().toLowerCase();
    if (await this.row(username)) throw takenUsername(username);
    const passwordHash = await hashPassword(input.password);
    const now = this.now();
    const id = randomUUID();
    const inserted = await this.db.run(
      `INSERT INTO staff_accounts (id, username, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (username) DO NOTHING`,
      [id, username, passwordHash, input.role, now, now],
    );
    if (inserted === 0) throw takenUsername(username);
    return (await this.get(id))!;
  }

  /**
   * AUTH_INVALID_CREDENTIALS for an unknown username and a wrong password alike, in the same time;
   * STAFF_DISABLED only after the right password (so it reveals nothing to a guesser).
   */
  async authenticate(username: string, password: string): Promise<StaffAccount> {
    const row = await this.row(username.trim().toLowerCase());
    const ok = await checkPassword(password, row?.password_hash);
    if (!row || !ok) throw new HamgamError('AUTH_INVALID_CREDENTIALS', 'Wrong username or password');
    if (row.disabled_at !== null && row.disabled_at !== undefined)
      throw new HamgamError('STAFF_DISABLED', 'This staff account is disabled');
    return toStaffAccount(row);
  }

  /** AUTH_WRONG_PASSWORD when `password` is not this clerk's current one. */
  async checkOwnPassword(id: string, password: string): Promise<void> {
    const rows = await this.db.query<StaffRow>('SELECT * FROM staff_accounts WHERE id = ?', [id]);
    if (!(await checkPassword(password, rows[0]?.password_hash)))
      throw new HamgamError('AUTH_WRONG_PASSWORD', 'The current password is wrong', {
        field: 'currentPassword',
      });
  }

  async setPassword(id: string, password: string): Promise<StaffAccount> {
    const hash = await hashPassword(password);
    await this.db.run('UPDATE staff_accounts SET password_hash = ?, updated_at = ? WHERE id = ?', [
      hash,
      this.now(),
      id,
    ]);
    return this.mustGet(id);
  }

  /**
   * Role change or disable / enable. STAFF_LAST_OWNER when it would leave no active owner: the
   * condition sits in the UPDATE itself, so no other request can slip between the check and the change.
   */
  async update(id: string, change: { role?: StaffRole; disabled?: boolean }): Promise<StaffAccount> {
    const before = await this.mustGet(id);
    const role = change.role ?? before.role;
    const disabledAt =
      change.disabled === undefined ? before.disabledAt : change.disabled ? this.now() : null;
    const staysOwner = role === 'owner' && disabledAt === null;
    const changed = await this.db.run(
      `UPDATE staff_accounts SET role = ?, disabled_at = ?, updated_at = ? WHERE id = ?` +
        (staysOwner
          ? ''
          : ` AND EXISTS (SELECT 1 FROM staff_accounts o WHERE o.id <> ? AND o.role = 'owner' AND o.disabled_at IS NULL)`),
      staysOwner ? [role, disabledAt, this.now(), id] : [role, disabledAt, this.now(), id, id],
    );
    if (changed === 0) throw new HamgamError('STAFF_LAST_OWNER', 'At least one active owner must remain');
    return this.mustGet(id);
  }

  /** NOT_FOUND for an unknown id. */
  async mustGet(id: string): Promise<StaffAccount> {
    const staff = await this.get(id);
    if (!staff) throw new HamgamError('NOT_FOUND', `No staff account ${id}`, { resource: 'staff', id });
    return staff;
  }

  async get(id: string): Promise<StaffAccount | undefined> {
    const rows = await this.db.query<StaffRow>('SELECT * FROM staff_accounts WHERE id = ?', [id]);
    return rows[0] && toStaffAccount(rows[0]);
  }

  async list(): Promise<StaffAccount[]> {
    const rows = await this.db.query<StaffRow>('SELECT * FROM staff_accounts ORDER BY created_at, username');
    return rows.map(toStaffAccount);
  }

  async count(): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM staff_accounts');
    return Number(n);
  }

  /**
   * Demo mode only: with no staff at all, creates the owner admin/admin1234 so the admin UI can be
   * opened at once. Several instances starting together create it once (the unique username decides).
   */
  async ensureDemoOwner(logger: Logger): Promise<boolean> {
    if ((await this.count()) > 0) return false;
    try {
      await this.create({ ...demoOwner, role: 'owner' });
    } catch (e) {
      if (e instanceof HamgamError && e.code === 'CONFLICT') return false;
      throw e;
    }
    logger.warn(
      { username: demoOwner.username, password: demoOwner.password, role: 'owner' },
      'DEMO MODE: created the admin owner account admin / admin1234 — never use demo mode for a real shop',
    );
    return true;
  }

  private async row(username: string): Promise<StaffRow | undefined> {
    const rows = await this.db.query<StaffRow>('SELECT * FROM staff_accounts WHERE username = ?', [username]);
    return rows[0];
  }
}

function takenUsername(username: string): HamgamError {
  return new HamgamError('CONFLICT', `The username ${username} is taken`, { field: 'username' });
}
