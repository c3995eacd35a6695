import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pulledEntities, pulledEntityNames } from '../core/contracts/mahak-wire.js';
import { mappingFor } from '../core/domain/catalog-mapping.js';
import type { MahakClient } from '../core/mahak/mahak-client.js';

interface TableFile {
  table: string;
  columns: string[];
  file: string;
  rows: number;
}

/** COPY text format: tab-separated, \N for NULL, backslash escapes. */
const copyField = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
};

/**
 * Streams every record the simulator serves into one COPY file per table (mapped exactly as the pull
 * maps them), so the baseline can time the raw COPY alone and nothing is held in memory.
 */
export async function writeCopyFiles(
  client: MahakClient,
  pageSize: number,
  dir: string,
): Promise<TableFile[]> {
  const files: TableFile[] = [];
  for (const entity of pulledEntityNames) {
    const mapping = mappingFor(entity);
    const file = join(dir, `${mapping.table}.tsv`);
    const out = createWriteStream(file);
    let rows = 0;
    let from = 0;
    for (;;) {
      const res = await client.getAllData({
        cursors: { [pulledEntities[entity].collection]: from },
        pageSize,
      });
      const records = res.records[pulledEntities[entity].collection] ?? [];
      for (const r of records) {
        await write(
          out,
          mapping.toRow(r, { now: Date.now(), mahakCurrency: 'rial' }).map(copyField).join('\t') + '\n',
        );
      }
      rows += records.length;
      if (records.length < pageSize) break;
      from = Math.max(...records.map((r) => r.RowVersion as number));
    }
    await new Promise<void>((resolve) => out.end(resolve));
    files.push({ table: mapping.table, columns: mapping.columns.map((c) => c.name), file, rows });
  }
  return files;
}

function write(out: WriteStream, chunk: string): Promise<void> | void {
  if (!out.write(chunk)) return new Promise((resolve) => out.once('drain', () => resolve()));
}

/** The baseline: one raw COPY per table into the same (migrated, empty) schema. Returns rows copied. */
export async function copyAll(dbUrl: string, files: TableFile[]): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    for (const f of files) {
      // Migration 015's row triggers would recompute a storefront read row per copied row; a raw COPY
      // runs without them (this database is the baseline's own, dropped after the run).
      await client.query(`ALTER TABLE ${f.table} DISABLE TRIGGER USER`);
      const stream = client.query(copyFrom(`COPY ${f.table} (${f.columns.join(',')}) FROM STDIN`));
      await pipeline(createReadStream(f.file), stream);
    }
    return files.reduce((n, f) => n + f.rows, 0);
  } finally {
    await client.end();
  }
}
