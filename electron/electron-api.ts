import type { DesktopAppHandle } from './desktop-app.js';
import type { engineLaunch } from './engine-launch.js';
import type { EngineProcess } from './engine-host.js';
import type { IpcMainLike } from './ipc-bridge.js';
import type { LoginItemDeps } from './login-item.js';
import type { DesktopWindow, mainWindowOptions, TrayItem } from './main-window.js';
import type { SafeStorageLike } from './secret-store.js';
import type { GuardedContents, GuardedSession } from './web-security.js';

/**
 * The parts of Electron's main-process API the app uses, written here so that the wiring
 * (desktop-main.ts) type-checks and is tested without the `electron` package: the repository's own
 * `npm ci` runs on Node 20 and Electron's tool chain needs Node 22.12 (docs/decisions.md, "Node
 * versions"). The real module is passed in by desktop/src/main.ts, whose typecheck (desktop/, on the
 * build machine) proves `typeof import('electron')` satisfies this interface; keep every member a
 * subset of Electron's own signature so that check stays meaningful.
 *
 * `Window` is the class BrowserWindow builds, so the dialog receives the same object back (Electron's
 * dialog takes its BaseWindow, which our DesktopWindow is not).
 */
export interface ElectronApi<Window extends DesktopWindow = DesktopWindow> {
  app: ElectronApp;
  BrowserWindow: new (options: ReturnType<typeof mainWindowOptions>) => Window;
  dialog: {
    showOpenDialog(window: NoInfer<Window>, options: FolderDialogOptions): Promise<FolderDialogResult>;
    showOpenDialog(options: FolderDialogOptions): Promise<FolderDialogResult>;
  };
  ipcMain: IpcMainLike;
  /** A Menu only goes back to Electron (Tray.setContextMenu): opaque here. */
  Menu: { buildFromTemplate(items: TrayItem[]): object };
  Notification: { new (options: { title: string; body: string }): { show(): void }; isSupported(): boolean };
  safeStorage: SafeStorageLike;
  session: { defaultSession: GuardedSession };
  shell: { openExternal(url: string): Promise<void>; openPath(path: string): Promise<string> };
  /** Electron's Tray takes an image path as well as a NativeImage. */
  Tray: new (iconPath: string) => ElectronTray;
  utilityProcess: {
    fork(modulePath: string, args: string[], options: EngineLaunch['options']): ForkedEngine;
  };
}

type EngineLaunch = ReturnType<typeof engineLaunch>;

export type ElectronApp = DesktopAppHandle & {
  readonly isPackaged: boolean;
  getPath(name: 'userData' | 'logs' | 'appData'): string;
  whenReady(): Promise<void>;
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
  setLoginItemSettings: LoginItemDeps['setLoginItemSettings'];
};

export interface ElectronTray {
  setContextMenu(menu: object | null): void;
  setToolTip(text: string): void;
  on(event: 'click', listener: () => void): unknown;
}

/** Output of the engine before its own log file is open (stdio: 'pipe'). */
interface ChunkStream {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

export type ForkedEngine = EngineProcess & { stdout: ChunkStream | null; stderr: ChunkStream | null };

export interface FolderDialogOptions {
  title: string;
  defaultPath?: string;
  properties: Array<'openDirectory' | 'createDirectory'>;
}

export interface FolderDialogResult {
  canceled: boolean;
  filePaths: string[];
}
