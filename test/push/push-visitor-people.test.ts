import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { resolveCustomerRef } from '../../core/orders/customer-ref.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';

/**
 * Issue 8, item 10: a web customer is linked to an existing Mahak person (same mobile) only while that
 * person is assigned to our visitor; otherwise a new person is queued (sent with its VisitorPerson).
 */
describe('linking a web customer to a Mahak person', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = createStorage('sqlite::memory:', createSilentLogger());
    await storage.init();
    const now = Date.now();
    await storage.db.run(
      'INSERT INTO customer_accounts (id, mobile, first_name, last_name, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ['acct-1', '09121112233', 'زهرا', 'کاظمی', 'زهرا کاظمی', now, now],
    );
    await storage.db.run(
      "INSERT INTO customers (id, row_version, deleted_at, mobile, first_name, last_name, raw) VALUES (501, 10, NULL, '09121112233', 'زهرا', 'کاظمي', '{}')",
    );
  });
  afterEach(() => storage.close());

  const address = {
    city: 'اصفهان',
    address: 'خیابان چهارباغ',
    postalCode: '8134567890',
    receiverName: 'زهرا کاظمی',
    mobile: '09121112233',
  };
  const resolve = () => storage.db.transaction((tx) => resolveCustomerRef(tx, 'acct-1', address, Date.now()));
  const assign = (deleted: boolean) =>
    storage.db.run(
      'INSERT INTO visitor_people (id, row_version, deleted_at, person_id, visitor_id, raw) VALUES (9, 11, ?, 501, 7, ?)',
      [deleted ? 1 : null, '{}'],
    );

  it('takes the pulled person while it is assigned to our visitor', async () => {
    await assign(false);
    expect(await resolve()).toEqual({ personSeq: null, personServerId: 501 });
  });

  it('queues a new person when the one with the same mobile is not (or no longer) assigned to us', async () => {
    await assign(true);
    const ref = await resolve();
    expect(ref).toMatchObject({ personServerId: null, personSeq: expect.any(Number) });
    const queued = await storage.db.query("SELECT id FROM push_outbox WHERE kind = 'person'");
    expect(queued).toHaveLength(1);
  });
});
