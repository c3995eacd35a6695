import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../core/cli.ts', import.meta.url));
// Absolute, because the child runs in a temp folder where `tsx` cannot be resolved by name.
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/** Starts `hamgam demo` in `cwd`, waits until it prints its URLs, then stops it with SIGTERM. */
function runDemoUntilReady(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(tsx).href, cli, 'demo', '--products', '20', '--port', '0', '--no-ui'],
      { cwd, env: { ...process.env, ...env } },
    );
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('storefront API')) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('hamgam demo and the environment (issue 11, finding 9)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-demo-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses HAMGAM_DB and HAMGAM_BLOB instead of its built-in --db and blob defaults', async () => {
    const db = join(dir, 'from-env.db');
    const blobs = join(dir, 'env-blobs');
    const { out } = await runDemoUntilReady(dir, {
      HAMGAM_DB: `sqlite:${db}`,
      HAMGAM_BLOB: `file:${blobs}`,
      HAMGAM_CONFIG: '',
    });
    expect(out).toContain('storefront API');
    expect(existsSync(db), out).toBe(true);
    expect(existsSync(blobs), out).toBe(true);
    expect(existsSync(join(dir, 'data', 'demo.db'))).toBe(false);
    expect(existsSync(join(dir, 'data', 'demo-blobs'))).toBe(false);
  }, 60_000);
});
