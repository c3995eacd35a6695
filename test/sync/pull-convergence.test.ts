import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireBrokerLock, brokerLockHookTimeoutMs } from '../queue/broker-lock.js';
import { emptyTables } from '../store/storage-reset.js';
import { deleteNamespaceQueues } from '../support/rabbit-cleanup.js';
import { amqpUrl, createTestPgDatabase, hasPostgres, hasRabbitMq } from '../support/services.js';
import { startMahakSim, type DeskAction, type MahakSim } from '../../core/mahak-sim/index.js';
import type { PullPage } from '../../core/store/storage.js';
import { diffStates, simState, storeState } from '../support/sim-referee.js';
import { createHarness, type Harness, type HarnessDrivers } from './pull-harness.js';

/** Desk edits a shop's staff make between pulls; ids stay inside the 12-product catalogue. */
const newProduct = {
  op: 'addProduct' as const,
  product: { name: 'چای سیاه ممتاز ۵۰۰ گرمی', details: [{ price1: 2_150_000, stock: { '1': 7 } }] },
};

const deskAction = fc.oneof(
  fc.record({
    op: fc.constant('setPrices' as const),
    detailId: fc.integer({ min: 1, max: 20 }),
    prices: fc.record({ Price1: fc.integer({ min: 1, max: 90_000_000 }) }),
  }),
  fc.record({
    op: fc.constant('setStock' as const),
    detailId: fc.integer({ min: 1, max: 20 }),
    storeId: fc.constant(1),
    count1: fc.integer({ min: 0, max: 50 }),
  }),
  fc.record({ op: fc.constant('deleteProduct' as const), productId: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('restoreProduct' as const), productId: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('unassignDetail' as const), detailId: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('assignDetail' as const), detailId: fc.integer({ min: 1, max: 20 }) }),
  fc.constant(newProduct),
) as fc.Arbitrary<DeskAction>;

const roundPlan = fc.record({
  edits: fc.array(deskAction, { maxLength: 6 }),
  pageSize: fc.integer({ min: 1, max: 40 }),
  /** Commit one edit "late": it takes its RowVersion now and becomes visible after this round's pull. */
  lateEdit: fc.option(deskAction, { nil: undefined }),
});

function tryDesk(sim: MahakSim, action: DeskAction, late = false): void {
  try {
    if (late) sim.control.late(action);
    else sim.control.apply(action);
  } catch {
    // An edit that does not apply (e.g. restoring a product never deleted) is simply skipped.
  }
}

/** Seeded Fisher-Yates, so a failing case replays exactly. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A store for one property run: a fresh SQLite in memory, or a reused PostgreSQL database emptied first. */
type StoreFactory = (syncUrl: string, role: 'inOrder' | 'shuffled') => Promise<Harness>;

// Everything a pull writes (test/store/storage-reset.ts), so a reused database starts each property
// run as a fresh one would: a frontier or checkpoint history left from an earlier run with the same
// run id would hold the checkpoint.
async function emptied(h: Harness): Promise<Harness> {
  await emptyTables(h.storage);
  return h;
}

const sqliteStores: StoreFactory = (syncUrl) => createHarness(syncUrl);

function postgresRabbitStores(): {
  factory: StoreFactory;
  setup(): Promise<void>;
  teardown(): Promise<void>;
} {
  const drivers: Partial<Record<'inOrder' | 'shuffled', HarnessDrivers>> = {};
  const cleanups: (() => Promise<void>)[] = [];
  return {
    async setup() {
      cleanups.push(await acquireBrokerLock());
      for (const role of ['inOrder', 'shuffled'] as const) {
        const db = await createTestPgDatabase();
        cleanups.push(db.drop);
        const namespace = `hamgam-conv-${role}-${process.pid}`;
        cleanups.push(() => deleteNamespaceQueues(namespace));
        drivers[role] = { dbUrl: db.url, queueUrl: amqpUrl, namespace };
      }
    },
    async teardown() {
      for (const c of cleanups.reverse()) await c();
    },
    factory: async (syncUrl, role) => emptied(await createHarness(syncUrl, drivers[role])),
  };
}

/**
 * The trust issue's misbehaviours of a Mahak we cannot see, any mix of them (core/mahak-sim/README.md):
 * rows out of order, pageSize ignored, a server page cap below pageSize, an inclusive cursor. Not here:
 * a busy counter (`rowVersionGap`), because this property's late edits are caught by an overlap in
 * RowVersions, which a busy counter defeats by design — pull-window.test.ts and the crash test prove
 * the time window against it; and `pageOrder: 'id'`, a subset that looks honest (the reconciliation's case).
 */
const hostileMahak = fc.record({
  pageOrder: fc.constantFrom('rowVersion' as const, 'shuffled' as const),
  pageSizeHonoured: fc.boolean(),
  pageRowCap: fc.constantFrom(0, 7),
  cursorMode: fc.constantFrom('exclusive' as const, 'inclusive' as const),
});

function convergenceProperty(stores: StoreFactory, numRuns: number) {
  return async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(roundPlan, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.array(fc.nat(), { maxLength: 15 }),
        hostileMahak,
        async (rounds, orderSeed, replays, behaviour) => {
          const sim = await startMahakSim({ port: 0, products: 12, seed: 5 });
          sim.control.updateSettings(behaviour);
          const inOrder = await stores(sim.syncUrl, 'inOrder');
          const shuffledStore = await stores(sim.syncUrl, 'shuffled');
          try {
            const pages: PullPage[] = [];
            for (const [i, round] of rounds.entries()) {
              // The late edit first: edits after it get higher RowVersions and are visible at once, so
              // the checkpoint passes the late row before it appears (the hazard the overlap exists for).
              if (round.lateEdit) tryDesk(sim, round.lateEdit, true);
              for (const edit of round.edits) tryDesk(sim, edit);
              pages.push(
                ...(await inOrder.round({ pageSize: round.pageSize, overlap: 500, runId: `r${i}` })),
              );
              sim.control.releaseLate();
            }
            pages.push(...(await inOrder.round({ pageSize: 50, overlap: 500, runId: 'final' })));
            // The same pages, in a random order, some of them delivered again under a new run id
            // (a redelivery the page marker cannot recognise, so the upsert guard must).
            const again = replays
              .filter(() => pages.length > 0)
              .map((n, k) => ({ ...pages[n % pages.length], runId: `replay${k}` }));
            for (const page of shuffled([...pages, ...again], orderSeed))
              await shuffledStore.storage.applyPullPage(page);

            const expected = await simState(sim.syncUrl);
            expect(diffStates(expected, await storeState(inOrder.storage))).toEqual([]);
            expect(diffStates(expected, await storeState(shuffledStore.storage))).toEqual([]);
            const checkpoints = await shuffledStore.storage.getCheckpoints();
            expect(checkpoints).toEqual(await inOrder.storage.getCheckpoints());
          } finally {
            await inOrder.close();
            await shuffledStore.close();
            await sim.close();
          }
        },
      ),
      {
        numRuns,
        // Found by this property: a product re-assigned after it was hidden from the first pull must
        // bring its pictures along (the simulator now re-delivers them, as Mahak's re-send does).
        examples: [
          [
            [
              { edits: [{ op: 'unassignDetail', detailId: 1 }], pageSize: 1, lateEdit: undefined },
              { edits: [newProduct], pageSize: 1, lateEdit: undefined },
              { edits: [{ op: 'assignDetail', detailId: 1 }], pageSize: 1, lateEdit: undefined },
            ],
            1,
            [],
            { pageOrder: 'rowVersion', pageSizeHonoured: true, pageRowCap: 0, cursorMode: 'exclusive' },
          ],
        ],
      },
    );
  };
}

describe('pull convergence (ARCHITECTURE.md invariants 1-4)', () => {
  it(
    'SQLite + local queue: any split into pages, any replay and any order converges',
    convergenceProperty(sqliteStores, 25),
    240_000,
  );

  describe.skipIf(!hasPostgres || !hasRabbitMq)('PostgreSQL + RabbitMQ', () => {
    const pg = postgresRabbitStores();
    beforeAll(() => pg.setup(), brokerLockHookTimeoutMs);
    // Its rabbitmqctl call starts an Erlang VM: seconds, or a minute on a loaded machine.
    afterAll(() => pg.teardown(), 180_000);
    it(
      'any split into pages, any replay and any order converges',
      // Fewer runs than on SQLite: each pays PostgreSQL and RabbitMQ round trips per page, and the
      // hostile paging modes split the catalogue finer. The limit catches a hang, not a slow machine.
      convergenceProperty(pg.factory, 6),
      600_000,
    );
  });
});
