import { expect } from 'vitest';
import type { AddressCreate, RegisterResponse, TokenPair } from '../../core/contracts/accounts.js';
import { codeFromConsole, postByInject, registerByCode, type NewCustomer } from '../support/registration.js';
import type { AccountsTestServer } from './accounts-test-server.js';

/**
 * Persian fixture customers. Mobiles are typed the way customers type them (Persian digits, +98,
 * spaces) next to the normalised form the API stores. «علي» is written with the Arabic ي on purpose.
 */
export const sara = {
  typed: { mobile: '۰۹۱۲ ۳۴۵ ۶۷۸۹', password: 'گل‌سرخ-۱۴۰۳', firstName: 'سارا', lastName: 'محمدی' },
  mobile: '09123456789',
};

export const ali = {
  typed: { mobile: '+98 935 111 2233', password: 'ali-secret-99', firstName: 'علي', lastName: 'رضايي' },
  mobile: '09351112233',
};

export const maryam = {
  typed: { mobile: '٠٩١٩٨٧٦٥٤٣٢', password: 'maryam-1234', firstName: 'مریم', lastName: 'کاظمی' },
  mobile: '09198765432',
};

export const homeAddress: AddressCreate = {
  title: 'خانه',
  province: 'تهران',
  city: 'تهران',
  address: 'خیابان ولیعصر، کوچهٔ یاس، پلاک ۱۲، واحد ۳',
  postalCode: '۱۳۱۴۵۶۷۸۹۰',
  receiverName: 'سارا محمدی',
  mobile: '۰۹۱۲۳۴۵۶۷۸۹',
};

export const workAddress: AddressCreate = {
  title: 'محل کار',
  province: 'اصفهان',
  city: 'اصفهان',
  address: 'خیابان چهارباغ عباسی، ساختمان نگین، طبقهٔ دوم',
  postalCode: '8174-6-85412',
  receiverName: 'علي رضايي',
  mobile: '09351112233',
};

export async function register(
  server: AccountsTestServer,
  who: { typed: Record<string, string> },
): Promise<RegisterResponse> {
  const post = postByInject((opts) => server.inject(opts));
  const newCustomer = who.typed as unknown as NewCustomer;
  const res = await registerByCode(post, codeFromConsole(server.sms), newCustomer);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as RegisterResponse;
}

export async function login(
  server: AccountsTestServer,
  mobile: string,
  password: string,
): Promise<TokenPair> {
  const res = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { mobile, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TokenPair>();
}

export async function staffLogin(
  server: AccountsTestServer,
  username: string,
  password: string,
): Promise<TokenPair> {
  const res = await server.inject({
    method: 'POST',
    url: '/admin/api/auth/login',
    payload: { username, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TokenPair>();
}
