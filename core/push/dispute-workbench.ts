import { StaffAccounts } from '../accounts/staff-accounts.js';
import type { Config } from '../config/config-schema.js';
import type { AuditEntryView, DisputeComparison } from '../contracts/admin-disputes.js';
import { toHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb, SqlExecutor } from '../store/sql-db.js';
import { listAudit } from './audit-repo.js';
import { compareDispute } from './dispute-compare.js';
import { readMahakCurrent } from './dispute-live.js';
import type { DisputeRecord } from './dispute-repo.js';
import { suggestOrderEdits, suggestPersonGroup, type SuggestOptions } from './dispute-suggest.js';
import type { PushMahak } from './push-ports.js';
import { resolvePushStoreId } from './push-settings.js';

export interface WorkbenchDeps {
  db: SqlExecutor;
  config: Config;
  logger: Logger;
  /** Absent: only the records captured when the dispute opened can be shown. */
  mahak?: PushMahak;
  suggest: SuggestOptions;
  now(): number;
}

/**
 * Our record beside Mahak's: read live when asked and possible; when Mahak cannot be reached the
 * records captured when the dispute opened are shown instead, with the reason, so the clerk can still
 * decide (and the suggested edits follow whichever records are shown).
 */
export async function compareWithMahak(
  deps: WorkbenchDeps,
  d: DisputeRecord,
  source: 'live' | 'captured',
): Promise<DisputeComparison> {
  const suggest = { ...deps.suggest, storeId: await storeIdOf(deps) };
  let bag: Record<string, unknown> = d.mahakCurrent ?? {};
  let used: DisputeComparison['source'] = 'captured';
  let liveError: DisputeComparison['liveError'] = null;
  if (source === 'live' && deps.mahak) {
    try {
      bag = await readMahakCurrent(
        { mahak: deps.mahak, db: deps.db, config: deps.config, storeId: suggest.storeId },
        d,
      );
      used = 'live';
    } catch (e) {
      const { code, message, messageFa } = toHamgamError(e).toBody().error;
      deps.logger.warn(
        { err: e, disputeId: d.id },
        'Mahak current records not read; showing the captured ones',
      );
      liveError = { code, message, messageFa };
    }
  }
  const current = { ...d, mahakCurrent: bag };
  const open = d.status === 'open';
  return {
    source: used,
    fetchedAt: new Date(used === 'live' ? deps.now() : d.createdAt).toISOString(),
    liveError,
    records: compareDispute(d, bag, suggest),
    suggestedEdits: open ? suggestOrderEdits(current, suggest) : [],
    suggestedPersonGroupId:
      open && d.kind === 'person' ? suggestPersonGroup(current, deps.config.mahakPersonGroupId) : null,
  };
}

async function storeIdOf(deps: WorkbenchDeps): Promise<number | undefined> {
  try {
    return await resolvePushStoreId(deps.db, deps.config);
  } catch {
    return deps.config.storeId;
  }
}

/** The dispute's audit rows, newest first, with the clerk's username beside the account id. */
export async function disputeAudit(db: SqlDb, disputeId: string): Promise<AuditEntryView[]> {
  const entries = await listAudit(db, { targetType: 'dispute', targetId: disputeId, limit: 100 });
  const staff = new StaffAccounts(db, Date.now);
  const names = new Map<string, string | null>();
  for (const actor of new Set(entries.map((e) => e.actor))) {
    names.set(actor, (await staff.get(actor))?.username ?? null);
  }
  return entries.map((e) => ({
    id: e.id,
    actor: e.actor,
    actorName: names.get(e.actor) ?? null,
    action: e.action,
    before: e.before,
    after: e.after,
    at: new Date(e.at).toISOString(),
  }));
}
