import { catalogMigration } from './001-catalog.js';
import { syncMigration } from './002-sync.js';
import { queueMigration } from './003-queue.js';
import { pictureDownloadsMigration } from './004-picture-downloads.js';
import { accountsMigration } from './005-accounts.js';
import { pushMigration } from './006-push.js';
import { ordersMigration } from './007-orders.js';
import { syncJournalMigration } from './008-sync-journal.js';
import { catalogueWebMigration } from './009-catalogue-web.js';
import { deskSettingsMigration } from './010-desk-settings.js';
import { deskWorkbenchMigration } from './011-desk-workbench.js';
import { loginThrottleMigration } from './012-login-throttle.js';
import { pullTrustMigration } from './013-pull-trust.js';
import { pushTrustMigration } from './014-push-trust.js';
import { storefrontReadMigration } from './015-storefront-read.js';
import { banksMigration } from './016-banks.js';
import { registrationCodesMigration } from './018-registration-codes.js';
import { outboxSeqMigration } from './020-outbox-seq.js';
import { catalogueNotifyMigration } from './021-catalogue-notify.js';
import { searchFacetsMigration } from './022-search-facets.js';
import { productPagesMigration } from './023-product-pages.js';
import type { Migration } from './migration.js';

export type { Migration };

/**
 * Every migration, in id order. Helpers append theirs here: one file per step (NNN-<name>.ts),
 * ids strictly increasing, never reordered or edited once shipped.
 */
export const migrations: Migration[] = [
  catalogMigration,
  syncMigration,
  queueMigration,
  pictureDownloadsMigration,
  accountsMigration,
  pushMigration,
  ordersMigration,
  syncJournalMigration,
  catalogueWebMigration,
  deskSettingsMigration,
  deskWorkbenchMigration,
  loginThrottleMigration,
  pullTrustMigration,
  pushTrustMigration,
  storefrontReadMigration,
  banksMigration,
  registrationCodesMigration,
  outboxSeqMigration,
  catalogueNotifyMigration,
  searchFacetsMigration,
  productPagesMigration,
];
