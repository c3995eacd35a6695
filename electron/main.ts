import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  safeStorage,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { startAutoUpdate } from './auto-update.js';
import { DesktopApp } from './desktop-app.js';
import { SettingsStore } from './desktop-settings.js';
import { desktopText } from './desktop-text.js';
import { EngineHost } from './engine-host.js';
import { engineLaunch } from './engine-launch.js';
import { registerBridge } from './ipc-bridge.js';
import { applyStartAtLogin, hiddenFlag } from './login-item.js';
import { mainWindowOptions } from './main-window.js';
import { SecretStore } from './secret-store.js';
import { isSameFilePage, isTrustedUrl } from './url-policy.js';
import { guardContents, guardSession, type GuardDeps } from './web-security.js';

// The Electron main process: wiring only. Behaviour lives in the modules above, which take Electron
// injected and are tested under Node. This file is bundled to electron/dist/main.cjs (electron/build.ts),
// so __dirname is that folder.
const distDir = __dirname;
const electronDir = join(distDir, '..');
const paths = {
  preload: join(distDir, 'preload.cjs'),
  engine: join(distDir, 'engine.mjs'),
  errorPage: join(electronDir, 'startup-error.html'),
  icon: join(electronDir, 'assets', 'icon.png'),
  trayIcon: join(electronDir, 'assets', 'tray.png'),
};
const userData = app.getPath('userData');
const logsDir = app.getPath('logs');

log.transports.file.resolvePathFn = () => join(logsDir, 'main.log');
log.errorHandler.startCatching();

const settings = new SettingsStore(join(userData, 'desktop-settings.json'), log);
const secrets = new SecretStore(join(userData, 'mahak-password.bin'), safeStorage, process.platform, log);
const text = desktopText[settings.read().language];

const engine = new EngineHost({
  log,
  spawn: () => {
    const current = settings.read();
    const dataDir = current.dataDir ?? join(userData, 'data');
    mkdirSync(dataDir, { recursive: true });
    const launch = engineLaunch({
      dataDir,
      port: current.port,
      logsDir,
      mahakPassword: secrets.load(),
      ...(current.backupDir ? { backupDir: current.backupDir } : {}),
      baseEnv: process.env,
    });
    const child = utilityProcess.fork(paths.engine, launch.args, launch.options);
    // Before the engine's own log file is open (a bad native module, a syntax error), stderr tells why.
    child.stdout?.on('data', (chunk: Buffer) => log.info(`engine: ${chunk.toString().trimEnd()}`));
    child.stderr?.on('data', (chunk: Buffer) => log.warn(`engine: ${chunk.toString().trimEnd()}`));
    return child;
  },
});

const trustedOrigin = () => {
  const status = engine.status();
  return status.state === 'running' ? status.url : null;
};
const errorPageUrl = pathToFileURL(paths.errorPage).href;
const isTrustedSender = (url: string) => {
  const origin = trustedOrigin();
  return (origin !== null && isTrustedUrl(url, origin)) || isSameFilePage(url, errorPageUrl);
};
const guardDeps: GuardDeps = {
  trustedOrigin,
  openExternal: (url) => void shell.openExternal(url),
  log,
};

let window: BrowserWindow | null = null;
const desktop = new DesktopApp({
  app,
  engine,
  settings,
  secrets,
  text,
  log,
  logsDir,
  errorPagePath: paths.errorPage,
  startHidden: process.argv.includes(hiddenFlag),
  createWindow: () => (window = new BrowserWindow(mainWindowOptions(paths.preload, paths.icon, text))),
  createTray: () => {
    const tray = new Tray(nativeImage.createFromPath(paths.trayIcon));
    return {
      setContextMenu: (items) => tray.setContextMenu(Menu.buildFromTemplate(items)),
      setToolTip: (tip) => tray.setToolTip(tip),
      on: (event, listener) => tray.on(event, listener),
    };
  },
  chooseFolder: async (title, defaultPath) => {
    const options = {
      title,
      defaultPath,
      properties: ['openDirectory' as const, 'createDirectory' as const],
    };
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  openPath: async (path) => {
    const problem = await shell.openPath(path);
    if (problem) log.warn(`open ${path}: ${problem}`);
  },
  notify: (body) => {
    if (Notification.isSupported()) new Notification({ title: text.appName, body }).show();
  },
  applyStartAtLogin: (enabled) =>
    applyStartAtLogin(enabled, {
      platform: process.platform,
      setLoginItemSettings: (s) => app.setLoginItemSettings(s),
      executable: process.env.APPIMAGE ?? process.execPath,
      autostartDir: join(app.getPath('appData'), 'autostart'),
    }),
});

void app.whenReady().then(async () => {
  // Before any window exists: every web contents, now or later, gets the same guard.
  app.on('web-contents-created', (_event, contents) => guardContents(contents, guardDeps));
  guardSession(session.defaultSession, guardDeps);
  registerBridge(ipcMain, desktop.bridgeActions(), isTrustedSender, log);
  if (!(await desktop.start())) return;
  if (app.isPackaged)
    startAutoUpdate(electronUpdater.autoUpdater, { updateUrl: settings.read().updateUrl, log });
});
