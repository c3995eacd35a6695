import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressDto, AddressList, CustomerDto } from '../../core/contracts/accounts.js';
import { hasPostgres } from '../support/services.js';
import { ali, homeAddress, register, sara, workAddress } from './account-fixtures.js';
import {
  badFields,
  bearer,
  errorOf,
  startAccountsTestServer,
  type AccountsTestServer,
} from './accounts-test-server.js';

for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`/api/v1/me on ${driver}`, () => {
    let server: AccountsTestServer;
    let saraToken: string;
    let aliToken: string;
    beforeAll(async () => {
      server = await startAccountsTestServer({ driver });
      saraToken = (await register(server, sara)).accessToken;
      aliToken = (await register(server, ali)).accessToken;
    });
    afterAll(() => server?.close());

    const call = (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      token: string,
      payload?: object,
    ) => server.inject({ method, url, headers: bearer(token), payload });
    const addresses = async (token: string) =>
      (await call('GET', '/api/v1/me/addresses', token)).json<AddressList>().items;
    const defaults = (items: AddressDto[]) => items.filter((a) => a.isDefault).map((a) => a.title);

    describe('profile', () => {
      it('updates names (kept as typed) and email, and clears the email with null', async () => {
        const res = await call('PATCH', '/api/v1/me', saraToken, {
          firstName: 'سارا سادات',
          email: '  Sara.Mohammadi@Example.IR ',
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<CustomerDto>()).toMatchObject({
          firstName: 'سارا سادات',
          lastName: 'محمدی',
          email: 'sara.mohammadi@example.ir',
          mobile: sara.mobile,
        });
        const cleared = await call('PATCH', '/api/v1/me', saraToken, { email: null });
        expect(cleared.json<CustomerDto>().email).toBeNull();
        expect((await call('GET', '/api/v1/me', saraToken)).json<CustomerDto>().firstName).toBe('سارا سادات');
      });

      it('refuses a bad email, an unknown field and a mobile change with 400 naming them', async () => {
        const res = await call('PATCH', '/api/v1/me', saraToken, {
          email: 'نه-ایمیل',
          mobile: '09120000000',
        });
        expect(res.statusCode).toBe(400);
        expect(badFields(res)).toEqual(['email', 'mobile']);
      });

      it('needs a customer token for every route', async () => {
        for (const [method, url] of [
          ['GET', '/api/v1/me'],
          ['PATCH', '/api/v1/me'],
          ['GET', '/api/v1/me/addresses'],
          ['POST', '/api/v1/me/addresses'],
          ['PATCH', '/api/v1/me/addresses/x'],
          ['DELETE', '/api/v1/me/addresses/x'],
        ] as const) {
          const res = await server.inject({ method, url, payload: method === 'GET' ? undefined : {} });
          expect(res.statusCode, `${method} ${url}`).toBe(401);
          expect(errorOf(res).code).toBe('UNAUTHORIZED');
        }
      });
    });

    describe('addresses', () => {
      let homeId: string;
      let workId: string;

      it('stores an address with digits normalised; the first one becomes the default', async () => {
        const res = await call('POST', '/api/v1/me/addresses', saraToken, homeAddress);
        expect(res.statusCode, res.body).toBe(201);
        const home = res.json<AddressDto>();
        homeId = home.id;
        expect(home).toMatchObject({
          title: 'خانه',
          address: homeAddress.address,
          postalCode: '1314567890',
          mobile: '09123456789',
          isDefault: true,
        });
      });

      it('keeps exactly one default when a new default is added', async () => {
        const res = await call('POST', '/api/v1/me/addresses', saraToken, {
          ...workAddress,
          isDefault: true,
        });
        expect(res.statusCode).toBe(201);
        workId = res.json<AddressDto>().id;
        expect(res.json<AddressDto>().postalCode).toBe('8174685412');
        const items = await addresses(saraToken);
        expect(items.map((a) => a.title)).toEqual(['محل کار', 'خانه']); // default first
        expect(defaults(items)).toEqual(['محل کار']);
      });

      it('moves the default with PATCH isDefault and edits fields', async () => {
        const res = await call('PATCH', `/api/v1/me/addresses/${homeId}`, saraToken, {
          isDefault: true,
          receiverName: 'سارا سادات محمدی',
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<AddressDto>()).toMatchObject({
          isDefault: true,
          receiverName: 'سارا سادات محمدی',
          city: 'تهران',
        });
        expect(defaults(await addresses(saraToken))).toEqual(['خانه']);
      });

      it('refuses a bad postal code or mobile with 400 naming the fields', async () => {
        const res = await call('POST', '/api/v1/me/addresses', saraToken, {
          ...homeAddress,
          postalCode: '۱۲۳۴',
          mobile: '021-8888',
        });
        expect(res.statusCode).toBe(400);
        expect(badFields(res)).toEqual(['mobile', 'postalCode']);
        const patch = await call('PATCH', `/api/v1/me/addresses/${homeId}`, saraToken, { postalCode: 'abc' });
        expect(badFields(patch)).toEqual(['postalCode']);
        expect(await addresses(saraToken)).toHaveLength(2);
      });

      it("never shows or changes another customer's address (404)", async () => {
        expect(await addresses(aliToken)).toEqual([]);
        const patch = await call('PATCH', `/api/v1/me/addresses/${homeId}`, aliToken, { title: 'دزدی' });
        expect(patch.statusCode).toBe(404);
        expect(errorOf(patch).code).toBe('NOT_FOUND');
        expect((await call('DELETE', `/api/v1/me/addresses/${homeId}`, aliToken)).statusCode).toBe(404);
        expect((await addresses(saraToken)).find((a) => a.id === homeId)?.title).toBe('خانه');
      });

      it('deleting the default promotes the remaining address', async () => {
        const res = await call('DELETE', `/api/v1/me/addresses/${homeId}`, saraToken);
        expect(res.statusCode).toBe(204);
        const items = await addresses(saraToken);
        expect(items.map((a) => a.id)).toEqual([workId]);
        expect(items[0].isDefault).toBe(true);
        expect((await call('DELETE', `/api/v1/me/addresses/${homeId}`, saraToken)).statusCode).toBe(404);
      });

      it('lets the customer clear the default; a later default-less add does not take it', async () => {
        await call('PATCH', `/api/v1/me/addresses/${workId}`, saraToken, { isDefault: false });
        const added = await call('POST', '/api/v1/me/addresses', saraToken, {
          ...homeAddress,
          title: 'خانهٔ مادر',
        });
        expect(added.json<AddressDto>().isDefault).toBe(false);
        expect(defaults(await addresses(saraToken))).toEqual([]);
      });

      it('keeps one default under simultaneous default adds', async () => {
        const { accessToken } = await register(server, { typed: { ...sara.typed, mobile: '09127770001' } });
        const answers = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            call('POST', '/api/v1/me/addresses', accessToken, {
              ...homeAddress,
              title: `همزمان ${i}`,
              isDefault: true,
            }),
          ),
        );
        expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
        const items = await addresses(accessToken);
        expect(items).toHaveLength(5);
        expect(defaults(items)).toHaveLength(1);
      });

      it('has at most 20 addresses per customer', async () => {
        const { accessToken } = await register(server, { typed: { ...ali.typed, mobile: '09127770000' } });
        for (let i = 0; i < 20; i++) {
          const res = await call('POST', '/api/v1/me/addresses', accessToken, {
            ...homeAddress,
            title: `نشانی ${i + 1}`,
          });
          expect(res.statusCode).toBe(201);
        }
        const over = await call('POST', '/api/v1/me/addresses', accessToken, homeAddress);
        expect(over.statusCode).toBe(400);
        expect(errorOf(over)).toMatchObject({ code: 'VALIDATION_FAILED', details: { limit: 20 } });
        const items = await addresses(accessToken);
        expect(items).toHaveLength(20);
        expect(defaults(items)).toEqual(['نشانی 1']);
      });
    });
  });
}
