import { AxeBuilder } from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The start-up error screen is a static page (no engine, no desk): checked in Chromium as Electron
// would show it, with a fake window.hamgam standing in for the preload.
const root = join(import.meta.dirname, '..', '..');
const pagePath = join(root, 'electron', 'startup-error.html');
const html = readFileSync(pagePath, 'utf8');
const chromiumPath = '/usr/bin/chromium';
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe('electron/startup-error.html', () => {
  it('allows its one inline script by hash, and nothing else (CSP meta)', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0][1]).digest('base64');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(html).not.toMatch(/\son\w+=/i); // no inline handlers
    expect(html).toMatch(/<html lang="fa" dir="rtl">/);
  });

  describe.skipIf(!existsSync(chromiumPath))('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: chromiumPath, args: flags });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('explains the problem in Persian and English and offers the recovery actions', async () => {
      const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        const calls: string[] = [];
        (globalThis as unknown as { calls: string[] }).calls = calls;
        (globalThis as unknown as { hamgam: Record<string, () => Promise<unknown>> }).hamgam = {
          restartEngine: async () => void calls.push('restartEngine'),
          chooseDataFolder: async () => void calls.push('chooseDataFolder'),
          openLogsFolder: async () => void calls.push('openLogsFolder'),
        };
      });
      const query = new URLSearchParams({
        code: 'ENGINE_FAILED',
        engineCode: 'CONFIG_INVALID',
        detail: 'HAMGAM_PORT: <b>must</b> be a number',
      });
      await page.goto(`${pathToFileURL(pagePath).href}?${query}`);
      await expect.poll(() => page.textContent('#reason')).toBe('تنظیمات همگام نامعتبر است.');
      expect(await page.textContent('#reason-en')).toBe('The Hamgam settings are not valid.');
      // The detail is text, never markup.
      expect(await page.locator('#detail b').count()).toBe(0);
      expect(await page.textContent('#detail')).toContain('HAMGAM_PORT: <b>must</b> be a number');

      await page.getByRole('button', { name: 'راه‌اندازی دوباره' }).click();
      await page.getByRole('button', { name: 'انتخاب پوشهٔ دیگر برای داده‌ها' }).click();
      await page.getByRole('button', { name: 'باز کردن پوشهٔ گزارش‌ها' }).click();
      await expect
        .poll(() => page.evaluate(() => (globalThis as unknown as { calls: string[] }).calls))
        .toEqual(['restartEngine', 'chooseDataFolder', 'openLogsFolder']);
      expect(violations).toEqual([]);

      mkdirSync(join(root, '.tmp', 'screenshots'), { recursive: true });
      await page.screenshot({
        path: join(root, '.tmp', 'screenshots', 'desktop-startup-error.png'),
        fullPage: true,
      });
      const axe = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });
  });
});
