import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { swaggerFields } from '../../core/mahak-sim/sim-swagger-fields.js';
import { login, pull, save, type Row } from './sim-http.js';

/**
 * Issue 8, simulator 12: closer to Mahak's Swagger, as a new user of the public PHP and C# clients
 * would find it. Saved records are bound to their models; rows created by clients and at the desk
 * carry every Swagger field like seeded ones; the token's exp is in seconds; a negative ClientId is
 * an int64 like any other.
 */
let sim: MahakSim;
let token: string;
beforeEach(async () => {
  sim = await startMahakSim({ port: 0, products: 10, seed: 12 });
  token = await login(sim);
});
afterEach(() => sim.close());

const fieldsOf = (entity: keyof typeof swaggerFields) => (swaggerFields[entity] ?? []).map(([f]) => f);

async function person(id: number): Promise<Row> {
  const { People } = await pull(sim, token, { fromPersonVersion: 0 });
  return People.find((p) => p.PersonId === id)!;
}

function newPerson(clientId: number, extra: Record<string, unknown> = {}) {
  return {
    People: [{ PersonClientId: clientId, PersonGroupId: 1, FirstName: 'مریم', LastName: 'حسيني', ...extra }],
    // Linked to our visitor, or GetAllData would not show the person to us.
    VisitorPeople: [{ PersonClientId: clientId, VisitorId: 7 }],
  };
}

describe('the simulator against the Swagger', () => {
  it('drops request fields its models do not have: not stored, not served back', async () => {
    const r = await save(sim, token, newPerson(41, { FavouriteColour: 'آبی', isAdmin: true }));
    expect(r.body.Result).toBe(true);
    const saved = await person(r.body.Data.Objects.People.Results[0].EntityId);
    expect(saved.FirstName).toBe('مریم');
    expect(Object.keys(saved)).not.toContain('FavouriteColour');
    expect(Object.keys(saved)).not.toContain('IsAdmin');
  });

  it('gives client-created rows every Swagger field and a code, like seeded rows', async () => {
    const r = await save(sim, token, newPerson(42));
    const saved = await person(r.body.Data.Objects.People.Results[0].EntityId);
    expect(Object.keys(saved)).toEqual(expect.arrayContaining(fieldsOf('People')));
    expect(saved.PersonCode).toBeGreaterThan(0);
    expect(saved.CreateDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  });

  it('serves ConsumerPrice1..10 and DefaultConsumerPriceLevel on seeded and desk-created variants', async () => {
    const added = sim.control.addProduct({
      name: 'دفتر ۸۰ برگ',
      details: [{ price1: 120_000, stock: { '1': 4 } }],
    });
    const { ProductDetails } = await pull(sim, token, { fromProductDetailVersion: 0 });
    const seeded = ProductDetails.find((d) => d.ProductDetailId === 1)!;
    const fresh = ProductDetails.find((d) => d.ProductDetailId === added.detailIds![0])!;
    for (const row of [seeded, fresh]) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(fieldsOf('ProductDetails')));
      expect(row).toMatchObject({ ConsumerPrice1: 0, ConsumerPrice10: 0, DefaultConsumerPriceLevel: 0 });
    }
  });

  it("puts the token's exp in seconds, like its iat", () => {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
      iat: number;
      exp: number;
    };
    const now = Date.now() / 1000;
    expect(Math.abs(claims.iat - now)).toBeLessThan(60);
    expect(claims.exp).toBeGreaterThan(claims.iat);
    expect(claims.exp - claims.iat).toBeLessThan(10 * 24 * 3600);
  });

  it('takes a negative ClientId as an identity, not as "missing"', async () => {
    const first = await save(sim, token, newPerson(-7));
    expect(first.body.Result).toBe(true);
    const id = first.body.Data.Objects.People.Results[0].EntityId as number;
    expect((await person(id)).PersonClientId).toBe(-7);
    // The same ClientId again is the same person (the default "refuse" behaviour), never a second one.
    const again = await save(sim, token, newPerson(-7, { LastName: 'حسینی' }));
    expect(again.body.Data.Objects.People.Results[0].EntityId).toBe(id);
  });
});
