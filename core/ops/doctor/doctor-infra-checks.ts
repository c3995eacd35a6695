import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stat, statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { migrationStatus } from '../../store/migrate.js';
import { redactUrl } from '../../store/create-storage.js';
import { sqlitePathOf } from '../../store/sqlite-db.js';
import { priceLevelProblem } from '../../settings/price-level-check.js';
import { appVersion } from '../app-version.js';
import { finding, notChecked, startupFailure, type CheckFn, type DoctorDeps } from './doctor-types.js';

const run = promisify(execFile);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export const configCheck: CheckFn = async ({ config, startupError, db }) => {
  const failed = startupError?.code === 'CONFIG_INVALID' ? startupError : undefined;
  if (failed) return finding('fail', failed.message, `تنظیمات نامعتبر است: ${failed.message}`);
  // A level valid when chosen may stop being one after Mahak drops it: said here, not in wrong prices.
  const level = db ? await priceLevelProblem(db, config.sellPriceLevel) : undefined;
  if (level)
    return finding('fail', level.en, level.fa, {
      sellPriceLevel: level.level,
      mahakPriceLevels: level.named.join(','),
    });
  const facts = {
    db: redactUrl(config.db),
    queue: config.queue === 'local' ? 'local' : 'amqp',
    blob: config.blob.startsWith('file:') ? 'file' : 's3',
    mahakUrl: config.mahakUrl,
    demo: config.demo,
  };
  if (config.demo)
    return finding(
      'warn',
      'Demo mode is on: never use it for a real shop',
      'حالت نمایشی روشن است؛ برای فروشگاه واقعی از آن استفاده نکنید',
      facts,
    );
  return finding('ok', 'Configuration is valid', 'تنظیمات معتبر است', facts);
};

export const databaseCheck: CheckFn = async (deps) => {
  const db = deps.db;
  if (!db) return startupFailure(deps, 'STORAGE') ?? notChecked;
  await db.query('SELECT 1 AS one');
  const facts: Record<string, string | number> = { dialect: db.dialect, url: redactUrl(deps.config.db) };
  if (db.dialect === 'postgres') {
    const [row] = await db.query<{ v: string }>('SHOW server_version');
    facts.serverVersion = row.v;
  } else {
    const path = sqlitePathOf(deps.config.db);
    if (path !== ':memory:') facts.sizeMb = mb((await stat(path)).size);
  }
  return finding('ok', `The ${db.dialect} database answers`, `پایگاه دادهٔ ${db.dialect} پاسخ می‌دهد`, facts);
};

export const schemaCheck: CheckFn = async (deps) => {
  if (!deps.db) return notChecked;
  const status = await migrationStatus(deps.db);
  const facts = {
    version: status.applied.at(-1)?.id ?? 0,
    pending: status.pending.length,
    unknown: status.unknown.length,
  };
  if (status.unknown.length > 0)
    return finding(
      'fail',
      'The database was migrated by a newer Hamgam; update this one',
      'پایگاه داده را نسخهٔ جدیدتری از همگام به‌روز کرده است؛ برنامه را به‌روز کنید',
      facts,
    );
  if (status.pending.length > 0)
    return finding(
      'warn',
      `${status.pending.length} migration(s) pending: run hamgam migrate (the server applies them at start)`,
      `${status.pending.length} مهاجرت اعمال‌نشده؛ hamgam migrate را اجرا کنید (سرور هنگام شروع اعمال می‌کند)`,
      facts,
    );
  return finding(
    'ok',
    `Schema is current (${facts.version})`,
    `ساختار پایگاه داده به‌روز است (${facts.version})`,
    facts,
  );
};

export const queueCheck: CheckFn = async (deps) => {
  if (!deps.queue) return startupFailure(deps, 'QUEUE') ?? notChecked;
  await deps.queue.ping();
  const depth = await deps.queue.depth('pull.pages');
  return finding(
    'ok',
    `The queue answers; ${depth} pulled page(s) waiting`,
    `صف پیام پاسخ می‌دهد؛ ${depth} صفحه در انتظار`,
    {
      kind: deps.config.queue === 'local' ? 'local' : 'amqp',
      pullPagesWaiting: depth,
    },
  );
};

export const blobCheck: CheckFn = async (deps) => {
  if (!deps.blobs) return startupFailure(deps, 'BLOB') ?? notChecked;
  await deps.blobs.ping();
  return finding('ok', 'File storage answers', 'فضای ذخیرهٔ فایل پاسخ می‌دهد', { kind: deps.blobs.kind });
};

/** Free space where the data lives: below 500 MB a pull or a backup can fail halfway. */
export const diskCheck: CheckFn = async ({ config }) => {
  let folder = resolve(config.dataDir);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  const fs = await statfs(folder);
  const free = fs.bavail * fs.bsize;
  const total = fs.blocks * fs.bsize;
  const facts = {
    folder,
    freeMb: mb(free),
    totalMb: mb(total),
    freePercent: Math.round((free / total) * 100),
  };
  if (free < 500 * 1024 * 1024)
    return finding(
      'fail',
      `Only ${facts.freeMb} MB free in ${folder}`,
      `فقط ${facts.freeMb} مگابایت فضای خالی در ${folder}`,
      facts,
    );
  if (free < 2 * 1024 * 1024 * 1024 || facts.freePercent < 10)
    return finding(
      'warn',
      `Disk is getting full: ${facts.freeMb} MB free`,
      `دیسک در حال پر شدن است: ${facts.freeMb} مگابایت خالی`,
      facts,
    );
  return finding('ok', `${facts.freeMb} MB free`, `${facts.freeMb} مگابایت فضای خالی`, facts);
};

/** Versions for support; on PostgreSQL the backups need pg_dump, so its absence is a warning. */
export const versionsCheck: CheckFn = async (deps: DoctorDeps) => {
  const facts: Record<string, string> = {
    hamgam: appVersion(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  if (!deps.config.db.startsWith('postgres'))
    return finding(
      'ok',
      `Hamgam ${facts.hamgam}, Node ${facts.node}`,
      `همگام ${facts.hamgam}، Node ${facts.node}`,
      facts,
    );
  try {
    facts.pgDump = (await run('pg_dump', ['--version'], { timeout: 10_000 })).stdout.trim();
  } catch {
    return finding(
      'warn',
      'pg_dump is not installed: backups of PostgreSQL need the PostgreSQL client tools',
      'pg_dump نصب نیست؛ پشتیبان‌گیری از PostgreSQL به ابزارهای کلاینت PostgreSQL نیاز دارد',
      facts,
    );
  }
  return finding(
    'ok',
    `Hamgam ${facts.hamgam}, Node ${facts.node}, ${facts.pgDump}`,
    `همگام ${facts.hamgam}، Node ${facts.node}، ${facts.pgDump}`,
    facts,
  );
};
