import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rule (STYLE.md rule 1) must reject imports against the grain, and only those. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.some((m) => m.ruleId?.endsWith('no-restricted-imports'));
}

describe('ESLint layer rule', () => {
  it.each([
    ['core/domain/x.ts', "import pg from 'pg';"],
    ['core/domain/x.ts', "import { createStorage } from '../store/create-storage.js';"],
    ['core/contracts/x.ts', "import { normalisePersian } from '../domain/persian.js';"],
    ['core/store/x.ts', "import { SyncEngine } from '../sync/sync-engine.js';"],
    ['core/sync/x.ts', "import { createServer } from '../api/create-server.js';"],
    ['core/push/x.ts', "import { createServer } from '../api/create-server.js';"],
    ['core/api/x.ts', "import { app } from 'electron';"],
    ['renderer/src/x.tsx', "import { HamgamError } from '../../core/errors';"],
    ['renderer/src/features/a/X.tsx', "import { x } from '../../../../core/store/storage';"],
    ['renderer/src/x.ts', "import { app } from 'electron';"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    // The root install has no Electron: electron/ gets it injected (electron-api.ts), types included.
    ['electron/x.ts', "import { app } from 'electron';"],
    ['electron/x.ts', "import type { BrowserWindow } from 'electron';"],
    ['electron/x.ts', "import log from 'electron-log/main';"],
    ['electron/x.ts', "import { DeskApp } from '../renderer/src/App';"],
  ])('rejects %s: %s', async (file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toBe(true);
  });

  it.each([
    ['core/api/x.ts', "import { SyncEngine } from '../sync/sync-engine.js';"],
    ['core/sync/x.ts', "import { createStorage } from '../store/create-storage.js';"],
    ['core/domain/x.ts', "import { pulledEntities } from '../contracts/mahak-wire.js';"],
    ['renderer/src/features/a/X.tsx', "import { staffSchema } from '../../../../core/contracts/accounts';"],
    ['renderer/src/x.tsx', "import Button from '@mui/material/Button';"],
    ['electron/x.ts', "import type { ElectronApi } from './electron-api.js';"],
    ['desktop/src/x.ts', "import { app } from 'electron';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toBe(false);
  });
});
