#!/usr/bin/env node
/* global console, process, URL -- a Node script: ESLint has no Node globals configured for bin/. */
// `npm run prepare` (runs after `npm ci`): builds the desk (renderer/ -> renderer/dist) so `npm start`
// and `hamgam serve` can serve it. Skips quietly when there is nothing to build yet: the Dockerfile runs
// `npm ci` before copying the sources, and `npm ci --omit=dev` has no vite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = `${root}renderer/vite.config.ts`;

if (!existsSync(`${root}renderer/index.html`) || !existsSync(config)) {
  console.log('[hamgam] renderer/ is not here yet; the desk is built later (npm run build:desk)');
  process.exit(0);
}
let viteBin;
try {
  const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
  viteBin = vitePackage.replace(/package\.json$/, 'bin/vite.js');
} catch {
  console.log('[hamgam] vite is not installed (production install); the desk is not rebuilt');
  process.exit(0);
}
const result = spawnSync(process.execPath, [viteBin, 'build', '--config', config, '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
  // Always the production build the appliance serves: run from a test (vitest sets NODE_ENV=test) Vite
  // would otherwise bundle React's and Emotion's development builds, slower and with dev-only warnings.
  env: { ...process.env, NODE_ENV: 'production' },
});
if (result.status === 0) console.log('[hamgam] desk built into renderer/dist');
process.exit(result.status ?? 1);
