import { z } from 'zod';
import type { RegisterRequest } from '../contracts/accounts.js';
import { HamgamError } from '../errors.js';
import type { CustomerAccount } from './account-records.js';
import type { CustomerAccounts } from './customer-accounts.js';
import type { IssuedCode, OneTimeCodes } from './one-time-codes.js';
import { sendOrWithdraw } from './otp-login.js';
import { hashPassword } from './password-hash.js';
import type { SmsSender } from './sms-sender.js';

/** The code is in ASCII digits so phones offer to auto-fill it. */
export const registrationSmsText = (code: string): string => `کد تأیید ثبت‌نام شما در فروشگاه: ${code}`;

/** Sent instead of a code when the mobile already has an account: only its owner learns that. */
export const existingAccountSmsText =
  'این شماره در فروشگاه حساب دارد. برای ورود از «ورود با کد پیامکی» یا رمز خود استفاده کنید.';

/** What waits beside the code until it is confirmed: never the password itself. */
const pendingProfileSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  passwordHash: z.string(),
});

export interface RegistrationDeps {
  codes: OneTimeCodes;
  sms: SmsSender;
  customers: CustomerAccounts;
}

/**
 * Registration in two steps, so the answer never tells whether a mobile already has an account
 * (issue 11, item 7): the request answers the same for every mobile and sends an SMS either way — a
 * code to a new number, a "you already have an account" notice to a known one — and only the code
 * creates the account. Whoever answers with the code holds the phone, so any later CONFLICT (a race
 * with another registration) tells them nothing they could not learn from their own SMS.
 */
export class RegistrationByCode {
  constructor(private readonly deps: RegistrationDeps) {}

  /** RATE_LIMITED (with retryAfterSeconds) when a code went to this mobile less than resendMs ago. */
  async request(input: RegisterRequest): Promise<Omit<IssuedCode, 'code'>> {
    // Hashed for every mobile, known or not, so the answer takes the same time either way.
    const passwordHash = await hashPassword(input.password);
    const profile = { firstName: input.firstName, lastName: input.lastName, passwordHash };
    const { code, ...issued } = await this.deps.codes.issue(input.mobile, JSON.stringify(profile));
    const known = await this.deps.customers.findByMobile(input.mobile);
    const text = known ? existingAccountSmsText : registrationSmsText(code);
    await sendOrWithdraw(this.deps, input.mobile, code, text);
    return issued;
  }

  /** The new account; AUTH_OTP_INVALID for a wrong, expired or used-up code, CONFLICT after a race. */
  async verify(mobile: string, code: string): Promise<CustomerAccount> {
    const payload = await this.deps.codes.consume(mobile, code);
    const parsed = pendingProfileSchema.safeParse(payload === null ? null : JSON.parse(payload));
    if (!parsed.success) throw new HamgamError('AUTH_OTP_INVALID', undefined, { reason: 'no_registration' });
    return this.deps.customers.create({ mobile, ...parsed.data });
  }

  prune(): Promise<number> {
    return this.deps.codes.prune();
  }
}
