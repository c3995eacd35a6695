import type { Logger } from '../logging/logger.js';
import type { CustomerAccount } from './account-records.js';
import { invalidCode, type OneTimeCodes } from './one-time-codes.js';
import type { SmsSender } from './sms-sender.js';

export interface OtpDeps {
  codes: OneTimeCodes;
  sms: SmsSender;
  logger: Logger;
  /** Existing customers only: the OTP signs in, it does not register (registration-by-code.ts does). */
  findCustomer: (mobile: string) => Promise<CustomerAccount | undefined>;
}

/** The Persian SMS text; the code is in ASCII digits so phones offer to auto-fill it. */
export const otpSmsText = (code: string): string => `کد ورود شما به فروشگاه: ${code}`;

/**
 * One-time codes by SMS, a password-less sign-in for existing customers. The answer to a request is
 * the same whether or not the mobile has an account (a row is written either way, the SMS goes only to
 * customers), so the endpoint cannot be used to discover who shops here.
 */
export class OtpLogin {
  constructor(private readonly deps: OtpDeps) {}

  /** RATE_LIMITED (with retryAfterSeconds) when a code went to this mobile less than resendMs ago. */
  async request(mobile: string): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
    const { code, expiresInSeconds, resendAfterSeconds } = await this.deps.codes.issue(mobile);
    const customer = await this.deps.findCustomer(mobile);
    if (customer) await sendOrWithdraw(this.deps, mobile, code, otpSmsText(code));
    else this.deps.logger.info({ mobile }, 'otp requested for a mobile without an account; no sms sent');
    return { expiresInSeconds, resendAfterSeconds };
  }

  /** The customer the code signs in; AUTH_OTP_INVALID for a wrong, expired, used-up or unknown code. */
  async verify(mobile: string, code: string): Promise<CustomerAccount> {
    await this.deps.codes.consume(mobile, code);
    const customer = await this.deps.findCustomer(mobile);
    if (!customer) throw invalidCode('no_account');
    return customer;
  }

  prune(): Promise<number> {
    return this.deps.codes.prune();
  }
}

/** A code the provider did not take is withdrawn, so the customer may ask again at once. */
export async function sendOrWithdraw(
  deps: { codes: OneTimeCodes; sms: SmsSender },
  mobile: string,
  code: string,
  text: string,
): Promise<void> {
  try {
    await deps.sms.send(mobile, text);
  } catch (e) {
    await deps.codes.withdraw(mobile, code);
    throw e;
  }
}
