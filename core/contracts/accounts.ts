import { z } from 'zod';
import { foldDigits, mobileSchema, postalCodeSchema } from './orders.js';
import { textField } from './text.js';

/**
 * Customer and staff accounts: requests and responses of /api/v1/auth, /api/v1/me and the admin
 * auth routes. Mobile numbers and postal codes use the same schemas as checkout (orders.ts), so a
 * number typed «۰۹۱۲ ۳۴۵ ۶۷۸۹» or «+989123456789» is the same customer everywhere.
 */

export const staffRoleSchema = z.enum(['owner', 'staff']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Upper bound keeps one request from costing unbounded scrypt work. */
export const newPasswordSchema = z.string().min(8, 'password must be at least 8 characters').max(128);
const newPassword = newPasswordSchema;
/** At sign-in any length is checked, so the answer never reveals the password policy. */
export const givenPasswordSchema = z.string().min(1).max(128);
const givenPassword = givenPasswordSchema;
/** Stored normalised (NFC, ی/ک, trimmed) through the text primitive (text.ts); search keeps its own copy. */
const personName = textField({ max: 100 });
const text = (max: number, multiLine = false) => textField({ max, multiLine });
const isoTime = z.iso.datetime({ offset: true });

export const registerRequestSchema = z.strictObject({
  mobile: mobileSchema,
  password: newPassword,
  firstName: personName,
  lastName: personName,
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

export const loginRequestSchema = z.strictObject({ mobile: mobileSchema, password: givenPassword });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Refresh tokens are opaque (43 base64url characters today); the bounds only stop garbage early. */
export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().min(16).max(256) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export const tokenPairSchema = z.object({
  /** JWT, sent as `Authorization: Bearer <accessToken>`. */
  accessToken: z.string(),
  /** Opaque, single use: each refresh returns a new one and revokes the old. */
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const customerSchema = z.object({
  id: z.string(),
  mobile: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  createdAt: isoTime,
});
export type CustomerDto = z.infer<typeof customerSchema>;

export const registerResponseSchema = tokenPairSchema.extend({ customer: customerSchema });
export type RegisterResponse = z.infer<typeof registerResponseSchema>;

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const updateMeRequestSchema = z.strictObject({
  firstName: personName.optional(),
  lastName: personName.optional(),
  /** null clears it. */
  email: email.nullable().optional(),
});
export type UpdateMeRequest = z.infer<typeof updateMeRequestSchema>;

const addressFields = {
  /** The customer's own label, e.g. «خانه» or «محل کار». */
  title: text(50),
  province: text(100),
  city: text(100),
  address: text(500, true),
  postalCode: postalCodeSchema,
  receiverName: text(150),
  mobile: mobileSchema,
};

export const addressCreateSchema = z.strictObject({ ...addressFields, isDefault: z.boolean().optional() });
export type AddressCreate = z.infer<typeof addressCreateSchema>;

export const addressUpdateSchema = z.strictObject({
  title: addressFields.title.optional(),
  province: addressFields.province.optional(),
  city: addressFields.city.optional(),
  address: addressFields.address.optional(),
  postalCode: addressFields.postalCode.optional(),
  receiverName: addressFields.receiverName.optional(),
  mobile: addressFields.mobile.optional(),
  isDefault: z.boolean().optional(),
});
export type AddressUpdate = z.infer<typeof addressUpdateSchema>;

export const addressParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const addressSchema = z.object({
  id: z.string(),
  title: z.string(),
  province: z.string(),
  city: z.string(),
  address: z.string(),
  postalCode: z.string(),
  receiverName: z.string(),
  mobile: z.string(),
  /** At most one address of a customer is the default; the first one added becomes it. */
  isDefault: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type AddressDto = z.infer<typeof addressSchema>;

export const addressListSchema = z.object({ items: z.array(addressSchema) });
export type AddressList = z.infer<typeof addressListSchema>;

export const otpRequestSchema = z.strictObject({ mobile: mobileSchema });
export type OtpRequest = z.infer<typeof otpRequestSchema>;

/** The same answer whether or not the mobile belongs to a customer (no account discovery). */
export const otpRequestResponseSchema = z.object({
  expiresInSeconds: z.number().int().positive(),
  resendAfterSeconds: z.number().int().positive(),
});
export type OtpRequestResponse = z.infer<typeof otpRequestResponseSchema>;

export const otpVerifySchema = z.strictObject({
  mobile: mobileSchema,
  code: z
    .string()
    .transform((v) => foldDigits(v).trim())
    .pipe(z.string().regex(/^\d{6}$/, 'code must be 6 digits')),
});
export type OtpVerify = z.infer<typeof otpVerifySchema>;

/** Lower-case latin letters, digits and . _ - ; compared case-insensitively. */
const username = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.string().regex(/^[a-z0-9._-]{3,50}$/, 'username: 3-50 of a-z 0-9 . _ -'));

export const staffLoginSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(50),
  password: givenPassword,
});
export type StaffLogin = z.infer<typeof staffLoginSchema>;

export const staffCreateSchema = z.strictObject({
  username,
  password: newPassword,
  role: staffRoleSchema.default('staff'),
});
export type StaffCreate = z.infer<typeof staffCreateSchema>;

export const staffSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: staffRoleSchema,
  /** A disabled clerk cannot sign in; the account stays for the audit trail. */
  disabled: z.boolean(),
  createdAt: isoTime,
});
export type StaffDto = z.infer<typeof staffSchema>;

export const staffListSchema = z.object({ items: z.array(staffSchema) });
export type StaffList = z.infer<typeof staffListSchema>;
