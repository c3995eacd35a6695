import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startAutoUpdate, type Updater } from './auto-update.js';
import { DesktopApp } from './desktop-app.js';
import type { DesktopLog } from './desktop-log.js';
import { SettingsStore } from './desktop-settings.js';
import { desktopText, type DesktopText } from './desktop-text.js';
import type { ElectronApi } from './electron-api.js';
import { EngineHost } from './engine-host.js';
import { engineLaunch } from './engine-launch.js';
import { registerBridge } from './ipc-bridge.js';
import { applyStartAtLogin, hiddenFlag } from './login-item.js';
import { mainWindowOptions, type DesktopWindow } from './main-window.js';
import { SecretStore } from './secret-store.js';
import { isSameFilePage, isTrustedUrl } from './url-policy.js';
import { guardContents, guardSession, type GuardDeps } from './web-security.js';

/**
 * The Electron main process, wired: desktop/src/main.ts imports `electron`, electron-log and
 * electron-updater and calls startDesktop with them; everything else happens here, typed against
 * ElectronApi so the repository's own checks (tsc, vitest on Node 20) cover it.
 */

/** What main reads of its own process. */
export interface DesktopHost {
  /** The main bundle's folder (electron/dist): the preload and engine bundles sit beside it. */
  distDir: string;
  argv: readonly string[];
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
}

export interface DesktopLibs {
  /** electron-log's main logger. */
  log: DesktopLog;
  /** electron-updater's autoUpdater. */
  updater: Updater;
}

/** Files main opens next to its bundle (electron-builder.yml packs them). */
export function desktopPaths(distDir: string) {
  const electronDir = join(distDir, '..');
  return {
    preload: join(distDir, 'preload.cjs'),
    engine: join(distDir, 'engine.mjs'),
    errorPage: join(electronDir, 'startup-error.html'),
    icon: join(electronDir, 'assets', 'icon.png'),
    trayIcon: join(electronDir, 'assets', 'tray.png'),
  };
}

interface Wiring<W extends DesktopWindow> {
  electron: ElectronApi<W>;
  libs: DesktopLibs;
  host: DesktopHost;
  paths: ReturnType<typeof desktopPaths>;
  settings: SettingsStore;
  secrets: SecretStore;
  text: DesktopText;
}

/**
 * Builds the app and, once Electron is ready, guards every web contents, opens the IPC bridge, starts
 * the window, tray and engine, then auto-update (packaged builds only). Resolves with the app, or null
 * when another instance already runs (that one is focused and this one quits).
 */
export async function startDesktop<W extends DesktopWindow>(
  electron: ElectronApi<W>,
  libs: DesktopLibs,
  host: DesktopHost,
): Promise<DesktopApp | null> {
  const { app } = electron;
  const userData = app.getPath('userData');
  const { log } = libs;
  const settings = new SettingsStore(join(userData, 'desktop-settings.json'), log);
  const secrets = new SecretStore(
    join(userData, 'mahak-password.bin'),
    electron.safeStorage,
    host.platform,
    log,
  );
  const text = desktopText[settings.read().language];
  const wiring = { electron, libs, host, paths: desktopPaths(host.distDir), settings, secrets, text };
  const engine = createEngine(wiring);
  const desktop = createDesktopApp(wiring, engine);

  await app.whenReady();
  const guardDeps = guards(wiring, engine);
  // Before any window exists: every web contents, now or later, gets the same guard.
  app.on('web-contents-created', (_event, contents) => guardContents(contents, guardDeps));
  guardSession(electron.session.defaultSession, guardDeps);
  registerBridge(electron.ipcMain, desktop.bridgeActions(), isTrustedSender(wiring, engine), log);
  if (!(await desktop.start())) return null;
  if (app.isPackaged) startAutoUpdate(libs.updater, { updateUrl: settings.read().updateUrl, log });
  return desktop;
}

/** The engine in a utility process, launched with the data folder, port and password of the moment. */
function createEngine<W extends DesktopWindow>(w: Wiring<W>): EngineHost {
  const { electron, libs, paths, settings, secrets } = w;
  const { app } = electron;
  const logsDir = app.getPath('logs');
  return new EngineHost({
    log: libs.log,
    spawn: () => {
      const current = settings.read();
      const dataDir = current.dataDir ?? join(app.getPath('userData'), 'data');
      mkdirSync(dataDir, { recursive: true });
      const launch = engineLaunch({
        dataDir,
        port: current.port,
        logsDir,
        mahakPassword: secrets.load(),
        ...(current.backupDir ? { backupDir: current.backupDir } : {}),
        baseEnv: w.host.env,
      });
      const child = electron.utilityProcess.fork(paths.engine, launch.args, launch.options);
      // Before the engine's own log file is open (a bad native module, a syntax error), stderr tells why.
      child.stdout?.on('data', (chunk) => libs.log.info(`engine: ${chunk.toString().trimEnd()}`));
      child.stderr?.on('data', (chunk) => libs.log.warn(`engine: ${chunk.toString().trimEnd()}`));
      return child;
    },
  });
}

function createDesktopApp<W extends DesktopWindow>(w: Wiring<W>, engine: EngineHost): DesktopApp {
  const { electron, libs, host, paths, text } = w;
  const { app, shell } = electron;
  let window: W | null = null;
  return new DesktopApp({
    app,
    engine,
    settings: w.settings,
    secrets: w.secrets,
    text,
    log: libs.log,
    logsDir: app.getPath('logs'),
    errorPagePath: paths.errorPage,
    startHidden: host.argv.includes(hiddenFlag),
    createWindow: () =>
      (window = new electron.BrowserWindow(mainWindowOptions(paths.preload, paths.icon, text))),
    createTray: () => {
      const tray = new electron.Tray(paths.trayIcon);
      return {
        setContextMenu: (items) => tray.setContextMenu(electron.Menu.buildFromTemplate(items)),
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
        ? await electron.dialog.showOpenDialog(window, options)
        : await electron.dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    openPath: async (path) => {
      const problem = await shell.openPath(path);
      if (problem) libs.log.warn(`open ${path}: ${problem}`);
    },
    notify: (body) => {
      if (electron.Notification.isSupported())
        new electron.Notification({ title: text.appName, body }).show();
    },
    applyStartAtLogin: (enabled) =>
      applyStartAtLogin(enabled, {
        platform: host.platform,
        setLoginItemSettings: (s) => app.setLoginItemSettings(s),
        executable: host.env.APPIMAGE ?? host.execPath,
        autostartDir: join(app.getPath('appData'), 'autostart'),
      }),
  });
}

const trustedOrigin = (engine: EngineHost) => () => {
  const status = engine.status();
  return status.state === 'running' ? status.url : null;
};

function guards<W extends DesktopWindow>(w: Wiring<W>, engine: EngineHost): GuardDeps {
  return {
    trustedOrigin: trustedOrigin(engine),
    openExternal: (url) => void w.electron.shell.openExternal(url),
    log: w.libs.log,
  };
}

/** IPC is answered only for the desk at the running engine's origin, or the start-up error screen. */
function isTrustedSender<W extends DesktopWindow>(w: Wiring<W>, engine: EngineHost) {
  const errorPageUrl = pathToFileURL(w.paths.errorPage).href;
  const origin = trustedOrigin(engine);
  return (url: string) => {
    const current = origin();
    return (current !== null && isTrustedUrl(url, current)) || isSameFilePage(url, errorPageUrl);
  };
}
