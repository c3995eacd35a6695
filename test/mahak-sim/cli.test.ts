import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { md5Hex } from '../../core/mahak-sim/index.js';

describe('hamgam mahak-sim', () => {
  it('prints its URLs, serves Login, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'core/cli.ts',
        'mahak-sim',
        '--port',
        '0',
        '--products',
        '50',
        '--seed',
        '3',
        '--user',
        'shop',
        '--password',
        'رمز۱۲۳',
      ],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    // A cold tsx start: 2-3 s on a quiet machine, past 20 s with the suite's other files beside it.
    const deadline = Date.now() + 90_000;
    while (!/control API/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const syncUrl = /sync API:\s+(\S+)/.exec(out)?.[1];
    expect(syncUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/API\/v3\/Sync$/);
    expect(out).toMatch(/\/__sim/);
    const res = await fetch(`${syncUrl}/Login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName: 'shop', password: md5Hex('رمز۱۲۳') }),
    });
    expect(((await res.json()) as { Result: boolean }).Result).toBe(true);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 120_000);
});
