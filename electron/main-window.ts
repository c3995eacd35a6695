import type { DesktopText } from './desktop-text.js';

/**
 * The window's web preferences: Electron's security checklist, spelled out rather than left to
 * defaults that changed between versions. The preload is the only bridge (window.hamgam).
 */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

export function mainWindowOptions(preloadPath: string, iconPath: string, text: DesktopText) {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: text.appName,
    icon: iconPath,
    autoHideMenuBar: true,
    backgroundColor: '#f4f6f6',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The parts of a BrowserWindow the app drives. */
export interface DesktopWindow {
  loadURL(url: string): Promise<void>;
  loadFile(file: string, options?: { query?: Record<string, string> }): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

/** A tray menu entry (Electron's MenuItemConstructorOptions, the fields used). */
export interface TrayItem {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: (item: { checked: boolean }) => void;
}

export interface TrayActions {
  open(): void;
  syncNow(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

/** Tray: Open / Sync now / Start with the computer / Quit. Sync now only while the engine runs. */
export function trayMenu(
  text: DesktopText,
  state: { engineRunning: boolean; startAtLogin: boolean },
  actions: TrayActions,
): TrayItem[] {
  return [
    { label: text.open, click: () => actions.open() },
    { label: text.syncNow, enabled: state.engineRunning, click: () => actions.syncNow() },
    {
      label: text.startAtLogin,
      type: 'checkbox',
      checked: state.startAtLogin,
      click: (item) => actions.setStartAtLogin(item.checked),
    },
    { type: 'separator' },
    { label: text.quit, click: () => actions.quit() },
  ];
}
