import { randomUUID } from 'node:crypto';
import type { UpdateMeRequest } from '../contracts/accounts.js';
import { normalisePersian } from '../domain/persian.js';
import { HamgamError } from '../errors.js';
import type { SqlDb } from '../store/sql-db.js';
import { toCustomerAccount, type Clock, type CustomerAccount, type CustomerRow } from './account-records.js';
import { checkPassword } from './password-hash.js';

const columns =
  'id, mobile, password_hash, first_name, last_name, email, person_client_id, mahak_person_id, created_at, updated_at';

/** Names are kept as typed; this copy (ي->ی, ۱->1, ...) is what search and matching compare against. */
function searchText(firstName: string, lastName: string, mobile: string): string {
  return normalisePersian(`${firstName} ${lastName} ${mobile}`);
}

export interface NewCustomer {
  /** Normalised 09xxxxxxxxx. */
  mobile: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
}

/** Storefront customer accounts on customer_accounts. Inputs arrive validated (contracts/accounts.ts). */
export class CustomerAccounts {
  constructor(
    private readonly db: SqlDb,
    private readonly now: Clock,
  ) {}

  async get(id: string): Promise<CustomerAccount | undefined> {
    const row = await this.row('id', id);
    return row && toCustomerAccount(row);
  }

  /** `mobile` must already be normalised (09xxxxxxxxx), as the contracts' mobileSchema leaves it. */
  async findByMobile(mobile: string): Promise<CustomerAccount | undefined> {
    const row = await this.row('mobile', mobile);
    return row && toCustomerAccount(row);
  }

  /**
   * CONFLICT when the mobile already has an account (the unique index decides under a race). Only
   * registration by code calls this, after the code proved the caller holds the mobile, so the
   * CONFLICT tells nothing to anyone else. The password arrives hashed: it was hashed when the code
   * was requested, so the code request costs the same whether or not the mobile has an account.
   */
  async create(input: NewCustomer): Promise<CustomerAccount> {
    const now = this.now();
    const id = randomUUID();
    const inserted = await this.db.run(
      `INSERT INTO customer_accounts (id, mobile, password_hash, first_name, last_name, email, search_text, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?) ON CONFLICT (mobile) DO NOTHING`,
      [
        id,
        input.mobile,
        input.passwordHash,
        input.firstName,
        input.lastName,
        searchText(input.firstName, input.lastName, input.mobile),
        now,
        now,
      ],
    );
    if (inserted === 0) throw duplicateMobile();
    return (await this.get(id))!;
  }

  /** AUTH_INVALID_CREDENTIALS for an unknown mobile and a wrong password alike, in the same time. */
  async authenticate(mobile: string, password: string): Promise<CustomerAccount> {
    const row = await this.row('mobile', mobile);
    const ok = await checkPassword(password, row?.password_hash);
    if (!row || !ok) throw new HamgamError('AUTH_INVALID_CREDENTIALS');
    return toCustomerAccount(row);
  }

  async update(id: string, patch: UpdateMeRequest): Promise<CustomerAccount> {
    const current = await this.get(id);
    if (!current) throw new HamgamError('NOT_FOUND', 'Customer not found', { resource: 'customer' });
    const firstName = patch.firstName ?? current.firstName;
    const lastName = patch.lastName ?? current.lastName;
    const email = patch.email === undefined ? current.email : patch.email;
    await this.db.run(
      'UPDATE customer_accounts SET first_name = ?, last_name = ?, email = ?, search_text = ?, updated_at = ? WHERE id = ?',
      [firstName, lastName, email, searchText(firstName, lastName, current.mobile), this.now(), id],
    );
    return (await this.get(id))!;
  }

  private async row(by: 'id' | 'mobile', value: string): Promise<CustomerRow | undefined> {
    const rows = await this.db.query<CustomerRow>(
      `SELECT ${columns} FROM customer_accounts WHERE ${by} = ?`,
      [value],
    );
    return rows[0];
  }
}

function duplicateMobile(): HamgamError {
  return new HamgamError('CONFLICT', 'A customer with this mobile number already exists', {
    field: 'mobile',
  });
}
