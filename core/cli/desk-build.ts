import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDeskDir } from '../api/routes/desk-routes.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const deskIsBuilt = (): boolean => existsSync(resolve(defaultDeskDir, 'index.html'));

/**
 * `hamgam demo` builds a missing desk before it starts (a fresh clone whose `npm ci` skipped the prepare
 * step, or a deleted renderer/dist): the build takes seconds and the demo's promise is "open the URL and
 * see the desk". `hamgam serve` does not build (production installs have no vite and may be read-only);
 * it says how to fix it and answers DESK_NOT_BUILT. Returns false when it could not build.
 */
export function buildDeskIfMissing(out: NodeJS.WriteStream = process.stderr): boolean {
  if (deskIsBuilt()) return true;
  if (!existsSync(resolve(repoRoot, 'renderer/index.html'))) return false;
  out.write('The desk (renderer/dist) is not built yet; building it now (npm run build:desk)...\n');
  const result = spawnSync(process.execPath, [resolve(repoRoot, 'bin/build-desk.mjs')], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return result.status === 0 && deskIsBuilt();
}

export const deskNotBuiltHint =
  'The desk is not built: run `npm run build:desk` (the API works; / answers DESK_NOT_BUILT until then).';
