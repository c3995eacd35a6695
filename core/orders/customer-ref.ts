import { z } from 'zod';
import type { CheckoutAddress, PushPersonPayload } from '../contracts/orders.js';
import { HamgamError } from '../errors.js';
import { allocateSequence, enqueueOutbox } from '../push/outbox-repo.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { readJson } from '../store/sql-values.js';

/** How the order's push payload names its customer (PushOrderPayload.customer). */
export interface CustomerRef {
  personSeq: number | null;
  personServerId: number | null;
}

interface AccountRow {
  id: string;
  mobile: string;
  first_name: string;
  last_name: string;
  email: string | null;
  mahak_person_id: number | null;
}

export async function loadAccount(db: SqlExecutor, customerId: string): Promise<AccountRow> {
  const rows = await db.query<AccountRow>(
    'SELECT id, mobile, first_name, last_name, email, mahak_person_id FROM customer_accounts WHERE id = ?',
    [customerId],
  );
  if (!rows[0]) throw new HamgamError('UNAUTHORIZED', 'The signed-in customer no longer exists');
  return rows[0];
}

/**
 * The customer as Mahak will know it. Run under the customer's lock (order-locks.ts) so two
 * concurrent first orders of a new customer enqueue ONE person, never two (invariant 5).
 *
 *  1. Mahak's PersonId when known: linked on the account, or a person pulled from Mahak with the same
 *     mobile and assigned to our visitor (so a walk-in customer who orders online is not created twice);
 *  2. else the person already waiting in (or sent from) the outbox: its sequence;
 *  3. else a new person: a fresh sequence and a person outbox row, in the checkout's transaction, so
 *     the push sends Person + VisitorPerson before the order that references it.
 */
export async function resolveCustomerRef(
  tx: SqlExecutor,
  customerId: string,
  address: CheckoutAddress,
  now: number,
): Promise<CustomerRef> {
  const account = await loadAccount(tx, customerId);
  const serverId = account.mahak_person_id ?? (await pulledPersonId(tx, account.mobile));
  const queuedSeq = await queuedPersonSeq(tx, customerId);
  if (serverId !== null) return { personSeq: queuedSeq, personServerId: Number(serverId) };
  if (queuedSeq !== null) return { personSeq: queuedSeq, personServerId: null };
  const personSeq = await allocateSequence(tx, 'person');
  await enqueueOutbox(tx, { kind: 'person', payload: personPayload(account, personSeq, address) }, now);
  return { personSeq, personServerId: null };
}

/**
 * A Mahak person with the same mobile, only while it is assigned to our visitor (a live VisitorPeople
 * row, issue 8): an order of a person taken off our visitor would be saved without its ledger entry.
 */
async function pulledPersonId(tx: SqlExecutor, mobile: string): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(
    'SELECT c.id FROM customers c WHERE c.mobile = ? AND c.deleted_at IS NULL AND EXISTS ' +
      '(SELECT 1 FROM visitor_people vp WHERE vp.person_id = c.id AND vp.deleted_at IS NULL) ' +
      'ORDER BY c.row_version DESC LIMIT 1',
    [mobile],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

async function queuedPersonSeq(tx: SqlExecutor, customerId: string): Promise<number | null> {
  const rows = await tx.query<{ payload: string }>(
    "SELECT payload FROM push_outbox WHERE kind = 'person' AND customer_id = ? AND state <> 'cancelled' ORDER BY created_at LIMIT 1",
    [customerId],
  );
  if (!rows[0]) return null;
  return readJson<PushPersonPayload>(rows[0].payload).personSeq;
}

const emailSchema = z.email();

function personPayload(account: AccountRow, personSeq: number, address: CheckoutAddress): PushPersonPayload {
  const email =
    account.email !== null && emailSchema.safeParse(account.email).success ? account.email : undefined;
  return {
    kind: 'person',
    customerId: account.id,
    personSeq,
    firstName: account.first_name,
    lastName: account.last_name,
    mobile: account.mobile,
    ...(email ? { email } : {}),
    address: {
      ...(address.province ? { province: address.province } : {}),
      city: address.city,
      address: address.address,
      postalCode: address.postalCode,
    },
  };
}
