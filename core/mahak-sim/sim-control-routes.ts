import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isHamgamError } from '../errors.js';
import { bookCollections, type SimControl } from './sim-control.js';
import { deskActionSchema, newPersonSchema, newProductSchema, type DeskAction } from './sim-desk-actions.js';
import { entityByName } from './sim-entities.js';
import { faultKinds } from './sim-faults.js';

const faultSchema = z.object({
  kind: z.enum(faultKinds),
  operation: z.string().optional(),
  times: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
  ms: z.number().int().nonnegative().optional(),
  status: z.number().int().min(500).max(599).optional(),
  phase: z.enum(['before', 'after']).optional(),
  mode: z.enum(['abort', 'invalidJson']).optional(),
});

const settingsSchema = z
  .object({
    negativeStockAllowed: z.boolean(),
    strictPrices: z.boolean(),
    atomicSave: z.boolean(),
    defaultPageLimit: z.number().int().positive(),
    rowVersionGap: z.number().int().nonnegative().max(1_000_000),
    pageSizeHonoured: z.boolean(),
    pageOrder: z.enum(['rowVersion', 'id', 'shuffled']),
    pageRowCap: z.number().int().nonnegative(),
    cursorMode: z.enum(['exclusive', 'inclusive', 'ignored']),
    repeatedClientIds: z.enum(['refuse', 'accept']),
    refusePayments: z.boolean(),
    refuseOrders: z.boolean(),
  })
  .partial()
  .strict();

const lateSchema = z.object({ action: deskActionSchema, ms: z.number().int().nonnegative().optional() });
const idParam = (p: unknown) => Number((p as { id: string }).id);
const numberRecord = z.record(z.string(), z.number());
const stockSchema = z.object({
  detailId: z.number().int(),
  storeId: z.number().int(),
  count1: z.number(),
  count2: z.number().optional(),
});

/** `/__sim/...`: JSON, no Mahak auth. Errors: `{ error }` with the HamgamError's HTTP status. */
export function registerControlRoutes(app: FastifyInstance, control: SimControl): void {
  registerReadRoutes(app, control);
  registerDeskRoutes(app, control);
  registerFaultRoutes(app, control);
}

/** The referee's view: info, stats, books, snapshots, rows, settings. */
function registerReadRoutes(app: FastifyInstance, control: SimControl): void {
  app.get('/__sim', async () => control.info());
  app.get('/__sim/stats', async () => control.stats());
  app.get('/__sim/books', async () => control.books());
  app.get('/__sim/books/:collection', async (req, reply) => {
    const name = (req.params as { collection: string }).collection.toLowerCase();
    const c = bookCollections.find((b) => b.toLowerCase() === name);
    return c ? control.books()[c] : reply.code(404).send({ error: `no books for ${name}` });
  });
  app.get('/__sim/snapshot/:entity', async (req, reply) => {
    const entity = entityByName((req.params as { entity: string }).entity);
    if (!entity) return reply.code(404).send({ error: 'unknown entity' });
    return control.snapshot(entity, { all: (req.query as { all?: string }).all === '1' });
  });
  app.get('/__sim/rows/:entity/:id', async (req, reply) => {
    const entity = entityByName((req.params as { entity: string }).entity);
    const row = entity ? control.row(entity, idParam(req.params)) : undefined;
    return row ?? reply.code(404).send({ error: 'not found' });
  });
  app.get('/__sim/settings', async () => control.settings());
  app.patch('/__sim/settings', async (req, reply) =>
    guard(reply, () => control.updateSettings(settingsSchema.parse(req.body))),
  );
}

/** Staff at the Mahak desk: one generic action route, friendly REST routes, and late (long-transaction) actions. */
function registerDeskRoutes(app: FastifyInstance, control: SimControl): void {
  const act = (reply: FastifyReply, action: DeskAction) => guard(reply, () => control.apply(action));
  app.post('/__sim/desk', async (req, reply) =>
    guard(reply, () => control.apply(deskActionSchema.parse(req.body))),
  );
  app.put('/__sim/details/:id/prices', async (req, reply) =>
    guard(reply, () => control.setPrices(idParam(req.params), numberRecord.parse(req.body))),
  );
  app.put('/__sim/stock', async (req, reply) =>
    guard(reply, () => control.apply({ op: 'setStock', ...stockSchema.parse(req.body) })),
  );
  app.post('/__sim/details/:id/unassign', async (req, reply) =>
    act(reply, { op: 'unassignDetail', detailId: idParam(req.params) }),
  );
  app.post('/__sim/details/:id/assign', async (req, reply) =>
    act(reply, { op: 'assignDetail', detailId: idParam(req.params) }),
  );
  app.post('/__sim/products', async (req, reply) =>
    guard(reply, () => control.addProduct(newProductSchema.parse(req.body))),
  );
  app.patch('/__sim/products/:id', async (req, reply) =>
    guard(reply, () =>
      control.updateProduct(idParam(req.params), z.record(z.string(), z.unknown()).parse(req.body)),
    ),
  );
  app.delete('/__sim/products/:id', async (req, reply) =>
    act(reply, { op: 'deleteProduct', productId: idParam(req.params) }),
  );
  app.post('/__sim/products/:id/restore', async (req, reply) =>
    act(reply, { op: 'restoreProduct', productId: idParam(req.params) }),
  );
  app.post('/__sim/people', async (req, reply) =>
    guard(reply, () => control.addPerson(newPersonSchema.parse(req.body))),
  );
  app.patch('/__sim/people/:id', async (req, reply) =>
    guard(reply, () =>
      control.updatePerson(idParam(req.params), z.record(z.string(), z.unknown()).parse(req.body)),
    ),
  );
  app.delete('/__sim/people/:id', async (req, reply) =>
    act(reply, { op: 'deletePerson', personId: idParam(req.params) }),
  );
  app.post('/__sim/people/:id/unassign', async (req, reply) =>
    act(reply, { op: 'unassignPerson', personId: idParam(req.params) }),
  );
  app.post('/__sim/pictures/:id/replace', async (req, reply) =>
    act(reply, { op: 'replacePicture', pictureId: idParam(req.params) }),
  );

  app.post('/__sim/late', async (req, reply) =>
    guard(reply, () => {
      const { action, ms } = lateSchema.parse(req.body);
      return control.late(action, { ms });
    }),
  );
  app.post('/__sim/late/release', async (req, reply) =>
    guard(reply, () => {
      control.releaseLate(z.object({ lateId: z.number().int().optional() }).parse(req.body ?? {}).lateId);
      return { released: true };
    }),
  );
}

function registerFaultRoutes(app: FastifyInstance, control: SimControl): void {
  app.get('/__sim/faults', async () => control.faults());
  app.post('/__sim/faults', async (req, reply) =>
    guard(reply, () => {
      const rules = z.union([faultSchema, z.array(faultSchema)]).parse(req.body);
      return Array.isArray(rules) ? rules.map((r) => control.addFault(r)) : control.addFault(rules);
    }),
  );
  app.delete('/__sim/faults', async () => {
    control.clearFaults();
    return { cleared: true };
  });
  app.delete('/__sim/faults/:id', async (req) => ({ removed: control.removeFault(idParam(req.params)) }));
  app.post('/__sim/tokens/expire', async () => {
    control.expireTokens();
    return { expired: true };
  });
}

function guard<T>(reply: FastifyReply, fn: () => T): T | FastifyReply {
  try {
    return fn();
  } catch (e) {
    if (e instanceof z.ZodError) return reply.code(400).send({ error: 'invalid body', issues: e.issues });
    if (isHamgamError(e)) return reply.code(e.status).send({ error: e.message, code: e.code });
    throw e;
  }
}
