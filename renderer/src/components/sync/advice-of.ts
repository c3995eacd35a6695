import { syncErrorAdviceSchema, type SyncErrorAdvice } from '../../../../core/contracts/admin-sync';
import { isApiError } from '../../api/api-error';

/** The explanation a failed sync call carries in `details.advice` (core/api/routes/admin-sync-desk-routes.ts). */
export function adviceOf(error: unknown): SyncErrorAdvice | null {
  if (!isApiError(error)) return null;
  const advice = (error.details as { advice?: unknown } | null | undefined)?.advice;
  const parsed = syncErrorAdviceSchema.safeParse(advice);
  return parsed.success ? parsed.data : null;
}
