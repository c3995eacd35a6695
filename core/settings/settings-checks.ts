import schedule from 'node-schedule';
import type { SettingsPatch } from '../contracts/admin-settings.js';
import { HamgamError } from '../errors.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { priceLevelProblem } from './price-level-check.js';

/**
 * What the contract cannot check alone: the cron line must parse the way the scheduler reads it, and
 * a chosen store / person group / bank / sell price level must be one Mahak has (once the lists have been
 * pulled; before the first pull the desk offers Mahak's live lists and the pull will bring them).
 * A refused patch changes nothing, and says why in English and Persian.
 */
export async function checkSettingsPatch(db: SqlExecutor, patch: SettingsPatch): Promise<void> {
  const fields: { field: string; message: string; messageFa?: string }[] = [];
  if (patch.pullSchedule !== undefined && !isValidCron(patch.pullSchedule)) {
    fields.push({ field: 'pullSchedule', message: 'not a valid cron line' });
  }
  if (typeof patch.storeId === 'number' && !(await knownOrUnpulled(db, 'stores', patch.storeId))) {
    fields.push({ field: 'storeId', message: 'Mahak has no such store' });
  }
  if (
    patch.mahakPersonGroupId !== undefined &&
    !(await knownOrUnpulled(db, 'person_groups', patch.mahakPersonGroupId))
  ) {
    fields.push({ field: 'mahakPersonGroupId', message: 'Mahak has no such person group' });
  }
  if (patch.mahakBankId !== undefined && !(await knownOrUnpulled(db, 'banks', patch.mahakBankId))) {
    fields.push({
      field: 'mahakBankId',
      message: `Mahak has no bank with id ${patch.mahakBankId}`,
      messageFa: `بانکی با شناسهٔ ${faDigits(patch.mahakBankId)} در محک نیست؛ یکی از بانک‌های فهرست را انتخاب کنید`,
    });
  }
  if (patch.sellPriceLevel !== undefined) {
    const problem = await priceLevelProblem(db, patch.sellPriceLevel);
    if (problem) fields.push({ field: 'sellPriceLevel', message: problem.en, messageFa: problem.fa });
  }
  if (fields.length > 0) {
    const fa = fields.flatMap((f) => (f.messageFa ? [f.messageFa] : []));
    throw new HamgamError(
      'VALIDATION_FAILED',
      `Invalid body: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
      { fields: fields.map((f) => ({ in: 'body', ...f, code: 'custom' })) },
      fa.length > 0 ? { messageFa: `ورودی نامعتبر است: ${fa.join('؛ ')}` } : {},
    );
  }
}

/** node-schedule answers null for a line it cannot read; the probe job is cancelled at once. */
export function isValidCron(line: string): boolean {
  const job = schedule.scheduleJob(line, () => undefined);
  if (!job) return false;
  job.cancel();
  return true;
}

const faDigits = (n: number) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

async function knownOrUnpulled(db: SqlExecutor, table: 'stores' | 'person_groups' | 'banks', id: number) {
  const [any] = await db.query(`SELECT id FROM ${table} LIMIT 1`);
  if (!any) return true;
  const found = await db.query(`SELECT id FROM ${table} WHERE id = ? AND deleted_at IS NULL`, [id]);
  return found.length > 0;
}
