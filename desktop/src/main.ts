import * as electron from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { join } from 'node:path';
import { startDesktop } from '../../electron/desktop-main.js';

// The Electron main process: imports only. Everything it does lives in electron/desktop-main.ts,
// typed against our ElectronApi port; passing the real module here is what checks that port against
// Electron's own types (`npm run typecheck` in desktop/). Bundled to electron/dist/main.cjs by
// electron/build.ts, so __dirname is that folder.
log.transports.file.resolvePathFn = () => join(electron.app.getPath('logs'), 'main.log');
log.errorHandler.startCatching();

void startDesktop(
  electron,
  { log, updater: electronUpdater.autoUpdater },
  {
    distDir: __dirname,
    argv: process.argv,
    platform: process.platform,
    env: process.env,
    execPath: process.execPath,
  },
);
