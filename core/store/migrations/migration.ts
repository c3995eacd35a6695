import type { Dialect } from '../sql-db.js';

/**
 * One schema step. `up` returns the statements for the dialect (one statement per string); they run
 * in one transaction together with the schema_migrations row. Never edit a migration that has shipped:
 * append a new numbered file and list it in index.ts.
 */
export interface Migration {
  id: number;
  name: string;
  up(dialect: Dialect): string[];
}
