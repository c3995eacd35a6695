import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config-schema.js';
import { configSourcesOf, type ConfigSources } from '../config/load-config.js';
import type { DoctorReport } from '../contracts/admin-doctor.js';
import { doctorText } from './doctor/doctor-text.js';
import { redactConfig, redactLogText } from './redact.js';
import { zipArchive, type ZipEntry } from './zip-writer.js';

/** The tail of each log is what support reads; a log folder can hold years. */
const maxLogBytes = 2 * 1024 * 1024;
const maxLogFiles = 10;

/**
 * A zip for support: the doctor's report (JSON and both languages), the configuration with every
 * secret replaced and where each key came from, and the tail of the newest log files, scrubbed.
 */
export async function supportBundle(input: {
  report: DoctorReport;
  config: Config;
  /** Where each key came from; by default what loadConfig recorded for `config`. */
  sources?: ConfigSources;
  logDirs: readonly string[];
}): Promise<Buffer> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2));
  const entries: ZipEntry[] = [
    { name: 'doctor.json', data: json(input.report) },
    { name: 'doctor-fa.txt', data: Buffer.from(doctorText(input.report, 'fa')) },
    { name: 'doctor-en.txt', data: Buffer.from(doctorText(input.report, 'en')) },
    { name: 'config.json', data: json(redactConfig(input.config)) },
    { name: 'config-sources.json', data: json(input.sources ?? configSourcesOf(input.config)) },
    ...(await logEntries(input.logDirs)),
  ];
  return zipArchive(entries);
}

async function logEntries(dirs: readonly string[]): Promise<ZipEntry[]> {
  const files: { path: string; name: string; mtime: number }[] = [];
  for (const [i, dir] of dirs.entries()) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => /\.log(\.\d+)?$|\.txt$/.test(n))) {
      const s = await stat(join(dir, name)).catch(() => undefined);
      if (s?.isFile()) files.push({ path: join(dir, name), name: `logs/${i}-${name}`, mtime: s.mtimeMs });
    }
  }
  const newest = files.sort((a, b) => b.mtime - a.mtime).slice(0, maxLogFiles);
  return Promise.all(
    newest.map(async (f) => ({ name: f.name, data: Buffer.from(redactLogText(await tail(f.path))) })),
  );
}

async function tail(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxLogBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    // A cut in the middle of a line (or of a UTF-8 character) starts the tail at the next line.
    const text = buffer.toString('utf8');
    return size > length ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}
