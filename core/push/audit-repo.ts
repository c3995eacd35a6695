import type { SqlExecutor } from '../store/sql-db.js';
import { jsonParam, readJson } from '../store/sql-values.js';

/** Who did what to which record, with the record before and after (table audit_log, migration 006). */
export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  at: number;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export async function writeAudit(tx: SqlExecutor, entry: NewAuditEntry): Promise<void> {
  await tx.run(
    'INSERT INTO audit_log (actor, action, target_type, target_id, before_json, after_json, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      entry.actor,
      entry.action,
      entry.targetType,
      entry.targetId,
      jsonParam(entry.before),
      jsonParam(entry.after),
      entry.at,
    ],
  );
}

export async function listAudit(
  db: SqlExecutor,
  query: { targetType?: string; targetId?: string; limit: number },
): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (query.targetType) add('target_type = ?', query.targetType);
  if (query.targetId) add('target_id = ?', query.targetId);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, actor, action, target_type, target_id, before_json, after_json, at FROM audit_log ` +
      `${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    [...params, query.limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    actor: String(r.actor),
    action: String(r.action),
    targetType: String(r.target_type),
    targetId: String(r.target_id),
    before: readJson(r.before_json) ?? null,
    after: readJson(r.after_json) ?? null,
    at: Number(r.at),
  }));
}
