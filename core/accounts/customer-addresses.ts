import { randomUUID } from 'node:crypto';
import type { AddressCreate, AddressUpdate } from '../contracts/accounts.js';
import { HamgamError } from '../errors.js';
import type { SqlDb, SqlExecutor } from '../store/sql-db.js';
import type { Clock, CustomerAddress } from './account-records.js';

interface AddressRow {
  id: string;
  customer_id: string;
  title: string;
  province: string;
  city: string;
  address: string;
  postal_code: string;
  receiver_name: string;
  mobile: string;
  is_default: number;
  created_at: number;
  updated_at: number;
}

const toAddress = (r: AddressRow): CustomerAddress => ({
  id: r.id,
  customerId: r.customer_id,
  title: r.title,
  province: r.province,
  city: r.city,
  address: r.address,
  postalCode: r.postal_code,
  receiverName: r.receiver_name,
  mobile: r.mobile,
  isDefault: Number(r.is_default) === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/** Editable fields: contract name -> column. */
const fieldColumns = {
  title: 'title',
  province: 'province',
  city: 'city',
  address: 'address',
  postalCode: 'postal_code',
  receiverName: 'receiver_name',
  mobile: 'mobile',
} as const;

/**
 * A customer's delivery addresses. At most one is the default (a partial unique index guards it); the
 * first address becomes the default, and deleting the default promotes the oldest remaining one, so a
 * customer with addresses always has a default unless they clear it themselves.
 *
 * Every change first locks the customer's own row: on PostgreSQL that serialises concurrent edits of
 * one customer's addresses (SQLite has a single writer anyway).
 */
export class CustomerAddresses {
  constructor(
    private readonly db: SqlDb,
    private readonly now: Clock,
    private readonly maxPerCustomer = 20,
  ) {}

  async list(customerId: string): Promise<CustomerAddress[]> {
    const rows = await this.db.query<AddressRow>(
      'SELECT * FROM customer_addresses WHERE customer_id = ? ORDER BY is_default DESC, created_at, id',
      [customerId],
    );
    return rows.map(toAddress);
  }

  /** Undefined for an address of another customer too (no information leak). */
  async get(customerId: string, id: string): Promise<CustomerAddress | undefined> {
    const row = await selectOwn(this.db, customerId, id);
    return row && toAddress(row);
  }

  async create(customerId: string, input: AddressCreate): Promise<CustomerAddress> {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const now = await this.lockCustomer(tx, customerId);
      const [{ n }] = await tx.query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM customer_addresses WHERE customer_id = ?',
        [customerId],
      );
      if (Number(n) >= this.maxPerCustomer) {
        throw new HamgamError('VALIDATION_FAILED', `At most ${this.maxPerCustomer} addresses per customer`, {
          fields: [{ in: 'body', field: '(root)', message: 'too many addresses', code: 'too_many' }],
          limit: this.maxPerCustomer,
        });
      }
      const makeDefault = input.isDefault === true || Number(n) === 0;
      if (makeDefault) await clearDefault(tx, customerId);
      await tx.run(
        `INSERT INTO customer_addresses (id, customer_id, title, province, city, address, postal_code, receiver_name, mobile, is_default, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          customerId,
          input.title,
          input.province,
          input.city,
          input.address,
          input.postalCode,
          input.receiverName,
          input.mobile,
          makeDefault ? 1 : 0,
          now,
          now,
        ],
      );
    });
    return (await this.get(customerId, id))!;
  }

  /** NOT_FOUND when the address is not this customer's. */
  async update(customerId: string, id: string, patch: AddressUpdate): Promise<CustomerAddress> {
    await this.db.transaction(async (tx) => {
      const now = await this.lockCustomer(tx, customerId);
      if (!(await selectOwn(tx, customerId, id))) throw notFound(id);
      if (patch.isDefault === true) await clearDefault(tx, customerId);
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [field, column] of Object.entries(fieldColumns)) {
        const value = patch[field as keyof typeof fieldColumns];
        if (value !== undefined) {
          sets.push(`${column} = ?`);
          params.push(value);
        }
      }
      if (patch.isDefault !== undefined) sets.push(`is_default = ${patch.isDefault ? 1 : 0}`);
      sets.push('updated_at = ?');
      params.push(now, id, customerId);
      await tx.run(
        `UPDATE customer_addresses SET ${sets.join(', ')} WHERE id = ? AND customer_id = ?`,
        params,
      );
    });
    return (await this.get(customerId, id))!;
  }

  async remove(customerId: string, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockCustomer(tx, customerId);
      const row = await selectOwn(tx, customerId, id);
      if (!row) throw notFound(id);
      await tx.run('DELETE FROM customer_addresses WHERE id = ? AND customer_id = ?', [id, customerId]);
      if (Number(row.is_default) !== 1) return;
      await tx.run(
        `UPDATE customer_addresses SET is_default = 1 WHERE id IN (
           SELECT id FROM customer_addresses WHERE customer_id = ? ORDER BY created_at, id LIMIT 1)`,
        [customerId],
      );
    });
  }

  /** Returns the transaction's "now"; NOT_FOUND when the customer is gone. */
  private async lockCustomer(tx: SqlExecutor, customerId: string): Promise<number> {
    // A no-op write: it changes nothing the push could mistake for an edit, but takes the row lock.
    const touched = await tx.run('UPDATE customer_accounts SET updated_at = updated_at WHERE id = ?', [
      customerId,
    ]);
    if (touched === 0) throw new HamgamError('NOT_FOUND', 'Customer not found', { resource: 'customer' });
    return this.now();
  }
}

async function selectOwn(db: SqlExecutor, customerId: string, id: string): Promise<AddressRow | undefined> {
  const rows = await db.query<AddressRow>(
    'SELECT * FROM customer_addresses WHERE id = ? AND customer_id = ?',
    [id, customerId],
  );
  return rows[0];
}

async function clearDefault(tx: SqlExecutor, customerId: string): Promise<void> {
  await tx.run('UPDATE customer_addresses SET is_default = 0 WHERE customer_id = ? AND is_default = 1', [
    customerId,
  ]);
}

function notFound(id: string): HamgamError {
  return new HamgamError('NOT_FOUND', `Address ${id} not found`, { resource: 'address', id });
}
