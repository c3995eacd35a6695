import type { AddressDto, CustomerDto, StaffDto } from '../contracts/accounts.js';
import type { CustomerAccount, CustomerAddress, StaffAccount } from './account-records.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** What the storefront sees of an account: no hashes, no Mahak link columns. */
export function toCustomerDto(c: CustomerAccount): CustomerDto {
  return {
    id: c.id,
    mobile: c.mobile,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    createdAt: iso(c.createdAt),
  };
}

export function toAddressDto(a: CustomerAddress): AddressDto {
  return {
    id: a.id,
    title: a.title,
    province: a.province,
    city: a.city,
    address: a.address,
    postalCode: a.postalCode,
    receiverName: a.receiverName,
    mobile: a.mobile,
    isDefault: a.isDefault,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

export function toStaffDto(s: StaffAccount): StaffDto {
  return {
    id: s.id,
    username: s.username,
    role: s.role,
    disabled: s.disabledAt !== null,
    createdAt: iso(s.createdAt),
  };
}
