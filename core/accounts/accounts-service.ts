import type { Config } from '../config/config-schema.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import type { Clock, CustomerAccount, Principal, Session, StaffAccount } from './account-records.js';
import { ConsoleSmsSender } from './console-sms-sender.js';
import { CustomerAccounts } from './customer-accounts.js';
import { CustomerAddresses } from './customer-addresses.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { defaultOneTimeCodeOptions, OneTimeCodes, type OneTimeCodeOptions } from './one-time-codes.js';
import { OtpLogin } from './otp-login.js';
import { warmDummyHash } from './password-hash.js';
import { LoginThrottle, loginLimitsOf } from './login-throttle.js';
import { RegistrationByCode } from './registration-by-code.js';
import { hmacHex } from './secret-tokens.js';
import { defaultSessionCacheTtlMs } from './session-cache.js';
import { SessionStore, type SessionTtls } from './session-store.js';
import type { SmsSender } from './sms-sender.js';
import { StaffAccounts } from './staff-accounts.js';
import { StaffAdmin } from './staff-admin.js';

const day = 86_400_000;

export interface AccountsOptions {
  /** Refresh-token lifetime (sliding: each refresh starts it again). */
  refreshTtlMs: SessionTtls;
  /** Sign-in codes and registration codes alike. */
  otp: OneTimeCodeOptions;
  maxAddressesPerCustomer: number;
  /** How long an instance trusts its last look at a session; another instance's logout shows after it. */
  sessionCacheTtlMs: number;
}

export const defaultAccountsOptions: AccountsOptions = {
  refreshTtlMs: { customer: 30 * day, staff: 7 * day },
  otp: defaultOneTimeCodeOptions,
  maxAddressesPerCustomer: 20,
  sessionCacheTtlMs: defaultSessionCacheTtlMs,
};

export interface AccountsDeps {
  db: SqlDb;
  config: Pick<
    Config,
    'jwtSecret' | 'demo' | 'loginMaxFailures' | 'loginLockoutSeconds' | 'loginLockoutMaxSeconds'
  >;
  logger: Logger;
  /** Default: the console driver (development and demo). */
  sms?: SmsSender;
  now?: Clock;
  options?: Partial<AccountsOptions>;
}

/**
 * Customer and staff accounts, sessions and OTP sign-in, on the store database (migration 005).
 * Sits beside sync: imports store, domain and contracts, never api. The HTTP layer signs the access
 * JWTs (core/api/auth-plugin.ts) with `jwtSecret`; this service owns everything stateful.
 */
export class AccountsService {
  readonly customers: CustomerAccounts;
  readonly addresses: CustomerAddresses;
  readonly staff: StaffAccounts;
  /** Audited staff management (desk "users" screen) and own password change. */
  readonly staffAdmin: StaffAdmin;
  readonly sessions: SessionStore;
  readonly otp: OtpLogin;
  /** Two-step registration: a code by SMS, then the account (never tells who already has one). */
  readonly registration: RegistrationByCode;
  readonly sms: SmsSender;
  /** Per-account sign-in limits (lockout with back-off). */
  readonly logins: LoginThrottle;
  private secret?: string;
  private initialised?: Promise<void>;

  constructor(private readonly deps: AccountsDeps) {
    const now = deps.now ?? Date.now;
    const options = { ...defaultAccountsOptions, ...deps.options };
    const logger = deps.logger.child({ component: 'accounts' });
    this.sms = deps.sms ?? new ConsoleSmsSender(logger.child({ component: 'sms' }), now);
    this.customers = new CustomerAccounts(deps.db, now);
    this.addresses = new CustomerAddresses(deps.db, now, options.maxAddressesPerCustomer);
    this.staff = new StaffAccounts(deps.db, now);
    this.logins = new LoginThrottle(deps.db, now, loginLimitsOf(deps.config));
    this.sessions = new SessionStore(
      deps.db,
      now,
      options.refreshTtlMs,
      (type, id) => this.principalOf(type, id),
      logger,
      options.sessionCacheTtlMs,
    );
    this.staffAdmin = new StaffAdmin(deps.db, this.staff, this.sessions, now);
    // A key of its own, derived from the JWT secret: one secret to manage, two separate uses.
    const codeKey = () => hmacHex(this.jwtSecret, 'hamgam otp codes');
    const codes = (table: 'otp_codes' | 'registration_codes') =>
      new OneTimeCodes(table, deps.db, now, codeKey, options.otp);
    this.otp = new OtpLogin({
      codes: codes('otp_codes'),
      sms: this.sms,
      logger,
      findCustomer: (mobile) => this.customers.findByMobile(mobile),
    });
    this.registration = new RegistrationByCode({
      codes: codes('registration_codes'),
      sms: this.sms,
      customers: this.customers,
    });
  }

  /** Idempotent; the storage must be initialised (migrated) first. */
  init(): Promise<void> {
    this.initialised ??= this.start();
    return this.initialised;
  }

  /** The access-token secret; available after init(). */
  get jwtSecret(): string {
    if (!this.secret) throw new Error('AccountsService.init() has not run');
    return this.secret;
  }

  /** The second step of registration: the code creates the account and signs it in. */
  async completeRegistration(
    mobile: string,
    code: string,
  ): Promise<{ customer: CustomerAccount; session: Session }> {
    const customer = await this.registration.verify(mobile, code);
    return { customer, session: await this.sessions.issue({ type: 'customer', id: customer.id }) };
  }

  /** AUTH_LOCKED (retryAfterSeconds) after too many failures for this mobile, known or not. */
  async loginCustomer(mobile: string, password: string): Promise<Session> {
    const customer = await this.logins.attempt(`customer:${mobile}`, () =>
      this.customers.authenticate(mobile, password),
    );
    return this.sessions.issue({ type: 'customer', id: customer.id });
  }

  async verifyOtp(mobile: string, code: string): Promise<Session> {
    const customer = await this.otp.verify(mobile, code);
    return this.sessions.issue({ type: 'customer', id: customer.id });
  }

  /** AUTH_LOCKED (retryAfterSeconds) after too many failures for this username, known or not. */
  async loginStaff(username: string, password: string): Promise<{ staff: StaffAccount; session: Session }> {
    const name = username.trim().toLowerCase();
    const staff = await this.logins.attempt(`staff:${name}`, () => this.staff.authenticate(name, password));
    return { staff, session: await this.sessions.issue({ type: 'staff', id: staff.id, role: staff.role }) };
  }

  private async start(): Promise<void> {
    const logger = this.deps.logger.child({ component: 'accounts' });
    this.secret = await resolveJwtSecret(this.deps.db, this.deps.config.jwtSecret, logger, this.deps.now);
    await Promise.all([
      this.sessions.prune(),
      this.otp.prune(),
      this.registration.prune(),
      this.logins.prune(),
      warmDummyHash(),
    ]);
    if (this.deps.config.demo) await this.staff.ensureDemoOwner(logger);
    if (this.sms instanceof ConsoleSmsSender && !this.deps.config.demo) {
      logger.warn({}, 'no SMS provider is configured: one-time login codes are written to this log only');
    }
  }

  private async principalOf(type: Principal['type'], id: string): Promise<Principal | undefined> {
    if (type === 'customer') return (await this.customers.get(id)) && { type, id };
    const staff = await this.staff.get(id);
    // A disabled clerk's refresh fails (and ends the session family): signed out within one access token.
    return staff && staff.disabledAt === null ? { type, id, role: staff.role } : undefined;
  }
}
