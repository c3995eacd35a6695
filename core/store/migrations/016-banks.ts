import type { Dialect } from '../sql-db.js';
import { syncedTable } from './catalog-ddl.js';
import type { Migration } from './migration.js';

/**
 * Mahak's bank accounts, pulled like stores and person groups: a web payment's Cheque carries a
 * BankId, and that id must be one Mahak holds (core/push/push-choices.ts), never a configured guess.
 * The first pull after this migration brings them (the Banks checkpoint starts at 0).
 */
export const banksMigration: Migration = {
  id: 16,
  name: 'banks',
  up(dialect: Dialect): string[] {
    return syncedTable(dialect, 'banks', [
      ['client_id', 'int'],
      ['code', 'int'],
      ['name', 'text'],
      ['bank_name', 'text'],
    ]);
  },
};
