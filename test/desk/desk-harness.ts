import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { textLineCount } from './page-text.js';
import { ensureFreshDesk, repoRoot, startHamgam, waitForHttp, type HamgamChild } from './desk-processes.js';

/**
 * Browser tests of the desk against a real appliance: a `hamgam demo` (or `hamgam serve` with its own
 * simulator) child on port 0 with a temp SQLite file and blob folder, and Debian's Chromium driven by
 * playwright-core. One desk per test file (beforeAll/afterAll): starting one costs seconds.
 *
 *   const desk = await startDesk();          // afterAll: await desk.close()
 *   const page = await desk.newPage();
 *   await signIn(page);
 *   await screenshot(page, 'status-overview');
 *   await expectNoSeriousAxe(page);
 */
export interface DeskOptions {
  /** 'demo' (default): demo owner admin/admin1234, catalogue pulled at start. 'serve': an empty appliance. */
  mode?: 'demo' | 'serve';
  /** Simulator catalogue size; small keeps the first pull quick. */
  products?: number;
  /** serve only: create this owner with `hamgam staff-add` first (a fresh database has none). */
  owner?: { username: string; password: string };
  /** Extra HAMGAM_* settings for the appliance. */
  env?: Record<string, string>;
  /**
   * serve only: a shop's very first start, for the first-run wizard: the Mahak URL is NOT set by env
   * (the wizard saves the simulator's `mahakUrl` through the settings) and setup stays unfinished.
   * Without it, serve mode sets the URL by env and marks setup finished (when an owner is given) so
   * other screens open without the wizard in the way.
   */
  firstRun?: boolean;
}

export interface Desk {
  /** The desk's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** The simulator's origin (its desk is at `${simUrl}/__sim/`). */
  simUrl: string;
  /** The simulator's sync API, what Mahak's URL setting points at. */
  mahakUrl: string;
  /** Temp folder holding the database and blobs. */
  dir: string;
  browser: Browser;
  /** A 1280x720 page in a fresh context (own sessionStorage) opened at the desk. */
  newPage(path?: string): Promise<Page>;
  /** What the appliance printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

export const chromiumPath = '/usr/bin/chromium';
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const demoOwner = { username: 'admin', password: 'admin1234' } as const;
/**
 * Per-test time limit for browser tests: a page load parses ~1 MB of JS, slow when the machine is
 * shared; use as `describe(name, { timeout: deskTestTimeout }, ...)` and `beforeAll(start, deskStartTimeout)`.
 */
export const deskTestTimeout = 120_000;
export const deskStartTimeout = 300_000;
/** For `expect.poll(fn, deskPoll)`: vitest's default gives up after one second. */
export const deskPoll = { timeout: 30_000, interval: 100 } as const;
export const screenshotDir = resolve(repoRoot, '.tmp/screenshots');

export async function startDesk(options: DeskOptions = {}): Promise<Desk> {
  await ensureFreshDesk();
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-desk-'));
  const children: HamgamChild[] = [];
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;
  const close = async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close().catch(() => undefined);
    for (const child of children.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { url, simUrl, mahakUrl } = await (options.mode === 'serve' ? startServe : startDemo)(
      dir,
      options,
      children,
    );
    await waitForHttp(`${url}/health`);
    if (options.mode === 'serve' && options.owner && !options.firstRun) await finishSetup(url, options.owner);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    const newPage = async (path = '/') => {
      const context = await browser!.newContext({
        viewport: { width: 1280, height: 720 },
        locale: 'fa-IR',
        timezoneId: 'Asia/Tehran',
      });
      contexts.push(context);
      // Waits (waitFor, click) may take long on a loaded CI machine; 30 s by default is too tight.
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      watchProblems(page);
      await page.goto(url + path);
      return page;
    };
    return {
      url,
      simUrl,
      mahakUrl,
      dir,
      browser,
      newPage,
      output: () => children.map((c) => c.output()).join('\n'),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

const common = (dir: string, options: DeskOptions) => ({
  env: { HAMGAM_DATA_DIR: dir, HAMGAM_LOG_LEVEL: 'warn', ...options.env },
  db: `sqlite:${join(dir, 'hamgam.db')}`,
  blob: `file:${join(dir, 'blobs')}`,
});

async function startDemo(dir: string, options: DeskOptions, children: HamgamChild[]) {
  const { env, db, blob } = common(dir, options);
  const products = String(options.products ?? 300);
  const demo = startHamgam(['demo', '--port', '0', '--products', products, '--db', db, '--blob', blob], env);
  children.push(demo);
  // The demo prints the desk first: "  desk             http://127.0.0.1:PORT/   (sign in: ...)".
  const url = (await demo.waitFor(/^\s*desk\s+(http:\/\/\S+?)\/?\s/m)).replace(/\/$/, '');
  const simUrl = await demo.waitFor(/simulator desk\s+(http:\/\/[^/\s]+)/);
  return { url, simUrl, mahakUrl: `${simUrl}/API/v3/Sync` };
}

async function startServe(dir: string, options: DeskOptions, children: HamgamChild[]) {
  const { env, db, blob } = common(dir, options);
  const sim = startHamgam(['mahak-sim', '--port', '0', '--products', String(options.products ?? 300)], env);
  children.push(sim);
  const syncUrl = await sim.waitFor(/sync API:\s+(http:\/\/\S+)/);
  const serveEnv = options.firstRun
    ? { ...env, HAMGAM_BLOB: blob }
    : { ...env, HAMGAM_MAHAK_URL: syncUrl, HAMGAM_BLOB: blob };
  if (options.owner) {
    const { username, password } = options.owner;
    const add = startHamgam(
      ['staff-add', '--username', username, '--password', password, '--role', 'owner', '--db', db],
      serveEnv,
    );
    await add.waitFor(/created/);
    await add.stop();
  }
  const serve = startHamgam(['serve', '--port', '0', '--db', db], serveEnv);
  children.push(serve);
  const url = await serve.waitFor(/serving on (http:\/\/\S+)/);
  return { url, simUrl: new URL(syncUrl).origin, mahakUrl: syncUrl };
}

/** Marks first-run setup finished through the admin API, as the wizard's last step would. */
async function finishSetup(url: string, owner: { username: string; password: string }): Promise<void> {
  const login = await fetch(`${url}/admin/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${url}/admin/api/setup/finish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!res.ok) throw new Error(`finishing setup failed: ${res.status} ${await res.text()}`);
}

/** Signs in through the sign-in screen and waits for the shell with the user's role loaded. */
export async function signIn(
  page: Page,
  account: { username: string; password: string } = demoOwner,
): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto(new URL('/sign-in', page.url()).href);
  await page.getByTestId('username').fill(account.username);
  await page.getByTestId('password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
  // The menu shows the username once GET /admin/api/me answered: the role is known, the nav is final.
  await page.getByTestId('user-menu').filter({ hasText: account.username }).waitFor();
}

/** Saves `.tmp/screenshots/<name>.png` (not committed) for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // Fonts and MUI transitions first, so the picture shows what a clerk sees, not a half-drawn frame.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

const problems = new WeakMap<Page, string[]>();

/** Records what the browser complains about: uncaught errors, CSP violations, React warnings. */
function watchProblems(page: Page): void {
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    // A failed request is the server's answer (e.g. 401 on a wrong password), shown by the desk itself.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) seen.push(m.text());
  });
}

/** No uncaught error and no console error (CSP violations land there) on this page so far. */
export function expectCleanConsole(page: Page): void {
  expect(problems.get(page) ?? []).toEqual([]);
}

/** axe-core (WCAG 2 A/AA) on the current page; fails on any serious or critical violation. */
export async function expectNoSeriousAxe(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(serious, serious.join('\n')).toEqual([]);
}

/**
 * A link button inside an alert reads cleanly: its label on one line, the button within the alert's
 * box and wider than tall (a label broken over lines makes a tall, narrow button).
 */
export async function expectOneLineLink(page: Page, link: Locator, alert: Locator): Promise<void> {
  const width = `${page.viewportSize()?.width ?? '?'} px`;
  await link.waitFor();
  expect(await link.evaluate(textLineCount), width).toBe(1);
  const [l, a] = await Promise.all([link.boundingBox(), alert.boundingBox()]);
  if (!l || !a) throw new Error('link or alert not laid out');
  expect(l.x, width).toBeGreaterThanOrEqual(a.x);
  expect(l.x + l.width, width).toBeLessThanOrEqual(a.x + a.width);
  expect(l.width, width).toBeGreaterThan(l.height * 2);
}

/** The dead-letter drawer's «retry»: confirmed in its dialog, then the queued notice is waited for. */
export async function retryLetter(page: Page, drawer: Locator): Promise<void> {
  await drawer.getByTestId('letter-retry').click();
  await page
    .getByRole('dialog', { name: 'دوباره تلاش شود؟' })
    .getByRole('button', { name: 'تلاش دوباره' })
    .click();
  await page.getByText('دوباره در صف قرار گرفت.').waitFor();
}
