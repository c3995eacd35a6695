import { z } from 'zod';
import { givenPasswordSchema, newPasswordSchema, staffRoleSchema } from './accounts.js';

/**
 * Staff accounts managed from the desk (/admin/api/staff, owner only) and a clerk's own password
 * change (/admin/api/me/password). Listing and creating staff use staffListSchema / staffCreateSchema
 * from accounts.ts; answers are staffSchema.
 */

export const staffIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** Role change or disable / enable; at least one active owner always remains (STAFF_LAST_OWNER). */
export const staffUpdateSchema = z
  .strictObject({ role: staffRoleSchema.optional(), disabled: z.boolean().optional() })
  .refine((u) => u.role !== undefined || u.disabled !== undefined, 'nothing to change');
export type StaffUpdate = z.infer<typeof staffUpdateSchema>;

/** The owner sets a new password for a clerk who forgot theirs; the clerk's sessions end. */
export const staffPasswordResetSchema = z.strictObject({ password: newPasswordSchema });
export type StaffPasswordReset = z.infer<typeof staffPasswordResetSchema>;

/** Own password change: the current password is required (a borrowed, signed-in desk is not enough). */
export const ownPasswordChangeSchema = z.strictObject({
  currentPassword: givenPasswordSchema,
  newPassword: newPasswordSchema,
});
export type OwnPasswordChange = z.infer<typeof ownPasswordChangeSchema>;
