import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../core/store/migrations/index.js';
import { runCli } from './cli-process.js';

describe('hamgam migrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies every migration to a new SQLite file and then reports nothing to apply', async () => {
    const url = `sqlite:${join(dir, 'data', 'hamgam.db')}`;
    const first = await runCli(['migrate', '--db', url]);
    expect(first.code, first.stderr).toBe(0);
    for (const m of migrations)
      expect(first.stdout).toContain(`applied ${String(m.id).padStart(3, '0')} ${m.name}`);
    const second = await runCli(['migrate', '--db', url]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`Nothing to apply: ${migrations.length} migrations already applied.`);
    expect(second.stdout).not.toContain('applied 001');
    // Two cold CLI processes: 30 s on a loaded 2-core machine, as the doctor and migrate-data tests.
  }, 120_000);

  it('refuses a database URL it cannot use with CONFIG_INVALID', async () => {
    const result = await runCli(['migrate', '--db', 'mysql://localhost/x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CONFIG_INVALID');
  }, 120_000);
});
