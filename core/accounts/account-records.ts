import type { StaffRole } from '../contracts/accounts.js';

export type { StaffRole };

/** Epoch milliseconds; injectable so tests can move time (OTP and token expiry). */
export type Clock = () => number;

/** A storefront customer's account. Times are epoch ms. */
export interface CustomerAccount {
  id: string;
  /** Normalised 09xxxxxxxxx. */
  mobile: string;
  /** As the customer typed them (trimmed); search uses a normalised copy. */
  firstName: string;
  lastName: string;
  email: string | null;
  /** The ClientId the push allocated when it first sent this customer to Mahak; null before. */
  personClientId: number | null;
  /** Mahak's PersonId once known (pulled match or push result); null before. */
  mahakPersonId: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CustomerAddress {
  id: string;
  customerId: string;
  title: string;
  province: string;
  city: string;
  address: string;
  postalCode: string;
  receiverName: string;
  mobile: string;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StaffAccount {
  id: string;
  username: string;
  role: StaffRole;
  /** Set while the account is disabled: no sign-in, no refresh. */
  disabledAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Who a token speaks for. `type` becomes the access token's `typ` claim. */
export type Principal = { type: 'customer'; id: string } | { type: 'staff'; id: string; role: StaffRole };
export type PrincipalType = Principal['type'];

/** A signed-in session: the principal and its current (single-use) refresh token. */
export interface Session {
  /** The session id: the refresh-token family, carried by its access tokens as `sid`. */
  id: string;
  principal: Principal;
  refreshToken: string;
  refreshExpiresAt: number;
}

export interface CustomerRow {
  id: string;
  mobile: string;
  password_hash: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  person_client_id: number | null;
  mahak_person_id: number | null;
  created_at: number;
  updated_at: number;
}

export function toCustomerAccount(row: CustomerRow): CustomerAccount {
  return {
    id: row.id,
    mobile: row.mobile,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    personClientId: row.person_client_id === null ? null : Number(row.person_client_id),
    mahakPersonId: row.mahak_person_id === null ? null : Number(row.mahak_person_id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export interface StaffRow {
  id: string;
  username: string;
  password_hash: string;
  role: StaffRole;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
}

export function toStaffAccount(row: StaffRow): StaffAccount {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    disabledAt: row.disabled_at === null || row.disabled_at === undefined ? null : Number(row.disabled_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
