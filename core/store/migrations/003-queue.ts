import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * The local queue (core/queue/local-queue.ts): one row per message until it is handled or
 * dead-lettered. Times are epoch ms; `locked_until` 0 means free. Payload and history are JSON text,
 * not JSONB: the queue never queries inside them and gets back exactly what it stored.
 */
export const queueMigration: Migration = {
  id: 3,
  name: 'queue',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE queue_messages (id ${t.autoId}, topic ${t.text} NOT NULL, payload ${t.text} NOT NULL, ` +
        `attempt ${t.int} NOT NULL DEFAULT 1, available_at ${t.bigint} NOT NULL, locked_until ${t.bigint} NOT NULL DEFAULT 0, ` +
        `locked_by ${t.text}, last_error ${t.text}, history ${t.text} NOT NULL DEFAULT '[]', created_at ${t.bigint} NOT NULL)`,
      // Claims scan a topic in id order (FIFO); depth() counts a topic.
      'CREATE INDEX queue_messages_topic_id_idx ON queue_messages (topic, id)',
    ];
  },
};
