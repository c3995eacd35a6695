import type { DeadLetterService } from '../../push/dead-letter-service.js';
import type { DisputeService } from '../../push/dispute-service.js';
import type { Storage, SyncRunRecord } from '../../store/storage.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { adminDeadLetterRoutes } from './admin-dead-letter-routes.js';
import { adminDisputeRoutes } from './admin-dispute-routes.js';
import { adminReportRoutes } from './admin-report-routes.js';
import { adminSyncRoutes } from './admin-sync-routes.js';

/** What the push-side admin routes need; built by the composition root (core/create-app.ts). */
export interface AdminPushServices {
  storage: Storage;
  disputes: DisputeService;
  deadLetters: DeadLetterService;
  push: { runNow(): Promise<SyncRunRecord | undefined> };
  pull: { pullNow(options?: { waitForLockMs?: number }): Promise<SyncRunRecord> };
  drift?: { runNow(): Promise<SyncRunRecord | undefined> };
}

/** Outbox, disputes, dead letters, sync runs and reports under /admin/api (staff sign-in required). */
export function adminPushRoutes(services: AdminPushServices): ApiRoutePlugin[] {
  return [
    adminDisputeRoutes(services),
    adminDeadLetterRoutes(services),
    adminSyncRoutes(services),
    adminReportRoutes(services),
  ];
}
