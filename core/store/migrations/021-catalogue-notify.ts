import type { Dialect } from '../sql-db.js';
import { catalogueChannel } from '../storefront-read-sql.js';
import type { Migration } from './migration.js';

/**
 * PostgreSQL: every change of the catalogue version (storefront_state.version, bumped by the pull, the
 * rebuild and the row triggers of migration 015) sends NOTIFY on `catalogueChannel` with the new
 * version and its time, from the bumping transaction: PostgreSQL delivers it when that transaction
 * commits, never before, and not at all when it rolls back. A storefront listening on the channel
 * (catalogue-version-feed.ts) then answers cached pages without reading the version per request.
 * One trigger on the state row covers every writer, present and future. SQLite: nothing (one process
 * reads its own file; the per-request read stays).
 */
export const catalogueNotifyMigration: Migration = {
  id: 21,
  name: 'catalogue-notify',
  up(dialect: Dialect): string[] {
    if (dialect !== 'postgres') return [];
    return [
      `CREATE FUNCTION sf_notify_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `PERFORM pg_notify('${catalogueChannel}', NEW.version || ' ' || NEW.changed_at); RETURN NULL; END $$`,
      `CREATE TRIGGER sf_state_notify AFTER UPDATE ON storefront_state FOR EACH ROW ` +
        `WHEN (NEW.version IS DISTINCT FROM OLD.version) EXECUTE FUNCTION sf_notify_version()`,
    ];
  },
};
