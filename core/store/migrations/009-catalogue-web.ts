import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * The web-only side of a product (the desk's catalogue screen): the shop's own description,
 * visibility on the storefront, featured flag and URL slug. They live in their own table, keyed by the
 * Mahak ProductId, because the pull's upsert rewrites every column of `products` it maps: a table it
 * never names can never be overwritten by a pull (ARCHITECTURE.md "Pull"). No row = the defaults
 * (visible, not featured, no slug, Mahak's description). `updated_by` is the staff id of the last edit.
 */
export const catalogueWebMigration: Migration = {
  id: 9,
  name: 'catalogue-web',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE product_web (product_id ${t.bigint} PRIMARY KEY, description ${t.text}, ` +
        `visibility ${t.text} NOT NULL DEFAULT 'visible', featured ${t.bool} NOT NULL DEFAULT 0, slug ${t.text}, ` +
        `updated_at ${t.bigint} NOT NULL, updated_by ${t.text})`,
      // NULL slugs do not collide on either database; a taken slug is refused by this index too.
      'CREATE UNIQUE INDEX product_web_slug_idx ON product_web (slug)',
      'CREATE INDEX product_web_visibility_idx ON product_web (visibility)',
    ];
  },
};
