import type { EngineStatus } from '../core/contracts/desktop-bridge.js';
import type { DesktopLog } from './desktop-log.js';
import type { DesktopSettings, SettingsStore } from './desktop-settings.js';
import type { DesktopText } from './desktop-text.js';
import type { EngineHost } from './engine-host.js';
import type { BridgeActions } from './ipc-bridge.js';
import { trayMenu, type DesktopWindow, type TrayItem } from './main-window.js';
import type { SecretStore } from './secret-store.js';

/** Electron's app (the parts used). */
export interface DesktopAppHandle {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  quit(): void;
  getVersion(): string;
}

export interface DesktopTray {
  setContextMenu(items: TrayItem[]): void;
  setToolTip(text: string): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface DesktopDeps {
  app: DesktopAppHandle;
  engine: Pick<EngineHost, 'start' | 'stop' | 'restart' | 'status' | 'onStatus' | 'syncNow'>;
  createWindow(): DesktopWindow;
  createTray(): DesktopTray;
  settings: Pick<SettingsStore, 'read' | 'update'>;
  secrets: Pick<SecretStore, 'save'>;
  chooseFolder(title: string, defaultPath?: string): Promise<string | null>;
  openPath(path: string): Promise<void>;
  notify(body: string): void;
  applyStartAtLogin(enabled: boolean): void;
  text: DesktopText;
  errorPagePath: string;
  logsDir: string;
  /** Started at login: tray only until the clerk opens the window (or something fails). */
  startHidden: boolean;
  log: DesktopLog;
}

/**
 * The desktop app's behaviour with Electron injected: one instance, a window that shows the desk from
 * the engine's origin or the start-up error screen, a tray, a clean engine stop on quit.
 */
export class DesktopApp {
  private window: DesktopWindow | null = null;
  private tray: DesktopTray | null = null;
  private quitting = false;
  private engineStopped = false;

  constructor(private readonly deps: DesktopDeps) {}

  /** False when another instance runs (it is focused instead and this one quits). */
  async start(): Promise<boolean> {
    const { app, engine } = this.deps;
    if (!app.requestSingleInstanceLock()) {
      app.quit();
      return false;
    }
    app.on('second-instance', () => this.showWindow());
    app.on('before-quit', (event) => this.beforeQuit(event));
    // Closing the window keeps the engine syncing in the tray; Quit in the tray ends it.
    app.on('window-all-closed', () => {});
    const settings = this.deps.settings.read();
    this.deps.applyStartAtLogin(settings.startAtLogin);
    this.window = this.createWindow();
    this.tray = this.deps.createTray();
    this.tray.on('click', () => this.showWindow());
    this.refreshTray(settings);
    engine.onStatus((status) => this.onEngineStatus(status));
    await engine.start();
    return true;
  }

  bridgeActions(): BridgeActions {
    const { app, engine, settings, text } = this.deps;
    return {
      appVersion: async () => app.getVersion(),
      openLogsFolder: () => this.deps.openPath(this.deps.logsDir),
      chooseBackupFolder: async () => {
        const folder = await this.deps.chooseFolder(text.chooseBackupFolder, settings.read().backupDir);
        if (folder) settings.update({ backupDir: folder });
        return folder;
      },
      chooseDataFolder: async () => {
        const folder = await this.deps.chooseFolder(text.chooseDataFolder, settings.read().dataDir);
        if (!folder) return null;
        settings.update({ dataDir: folder });
        this.deps.log.info(`data folder changed to ${folder}; restarting the engine`);
        await engine.restart();
        return folder;
      },
      restartEngine: () => engine.restart(),
      saveMahakPassword: async (password) => {
        const result = this.deps.secrets.save(password);
        if (result.saved) await engine.restart();
        return result;
      },
      setStartAtLogin: async (enabled) => this.setStartAtLogin(enabled),
    };
  }

  private createWindow(): DesktopWindow {
    const window = this.deps.createWindow();
    window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
    });
    if (!this.deps.startHidden) window.once('ready-to-show', () => window.show());
    return window;
  }

  private onEngineStatus(status: EngineStatus): void {
    this.refreshTray(this.deps.settings.read());
    const window = this.window;
    if (!window || window.isDestroyed() || this.quitting) return;
    if (status.state === 'running') {
      void window
        .loadURL(`${status.url}/`)
        .catch((e: unknown) => this.deps.log.warn(`desk load: ${String(e)}`));
    } else if (status.state === 'failed') {
      this.deps.log.error(`engine ${status.code} ${status.engineCode ?? ''}: ${status.detail}`);
      const query = { code: status.code, engineCode: status.engineCode ?? '', detail: status.detail };
      void window.loadFile(this.deps.errorPagePath, { query }).then(() => this.showWindow());
    }
  }

  private showWindow(): void {
    const window = this.window;
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  private async syncNow(): Promise<void> {
    const outcome = await this.deps.engine.syncNow();
    const { text } = this.deps;
    const message = {
      ran: text.syncRan,
      idle: text.syncIdle,
      failed: text.syncFailed,
      'not-running': text.engineStopped,
    };
    this.deps.notify(message[outcome]);
  }

  private setStartAtLogin(enabled: boolean): boolean {
    this.deps.applyStartAtLogin(enabled);
    this.refreshTray(this.deps.settings.update({ startAtLogin: enabled }));
    return enabled;
  }

  private refreshTray(settings: DesktopSettings): void {
    if (!this.tray) return;
    const { text } = this.deps;
    const engineRunning = this.deps.engine.status().state === 'running';
    this.tray.setToolTip(engineRunning ? text.engineRunning : text.engineStopped);
    this.tray.setContextMenu(
      trayMenu(
        text,
        { engineRunning, startAtLogin: settings.startAtLogin },
        {
          open: () => this.showWindow(),
          syncNow: () => void this.syncNow(),
          setStartAtLogin: (enabled) => this.setStartAtLogin(enabled),
          quit: () => this.deps.app.quit(),
        },
      ),
    );
  }

  /** Quit waits for the engine to close its database; then quits for real. */
  private beforeQuit(event: { preventDefault(): void }): void {
    this.quitting = true;
    if (this.engineStopped) return;
    event.preventDefault();
    void this.deps.engine
      .stop()
      .catch((e: unknown) => this.deps.log.error(`engine stop: ${String(e)}`))
      .finally(() => {
        this.engineStopped = true;
        this.deps.app.quit();
      });
  }
}
