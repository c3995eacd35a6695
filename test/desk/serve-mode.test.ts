import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deskStartTimeout,
  deskTestTimeout,
  expectCleanConsole,
  screenshot,
  signIn,
  startDesk,
  type Desk,
} from './desk-harness.js';

/**
 * The harness's `serve` mode: `hamgam serve` on a fresh database against its own simulator (no demo
 * owner, nothing pulled yet) — what the first-run wizard tests start from.
 */
describe('desk harness, serve mode', { timeout: deskTestTimeout }, () => {
  const owner = { username: 'shopowner', password: 'صاحب-فروشگاه-1403' };
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk({ mode: 'serve', owner, products: 50 });
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });

  it('serves the desk from `hamgam serve`, and only the owner created for it can sign in', async () => {
    const demoLogin = await fetch(`${desk.url}/admin/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin1234' }),
    });
    expect(demoLogin.status).toBe(401);
    const page = await desk.newPage('/');
    await signIn(page, owner);
    expect(await page.getByTestId('user-menu').innerText()).toContain('shopowner');
    await screenshot(page, 'serve-mode-home');
    expectCleanConsole(page);
  });
});
