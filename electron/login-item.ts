import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Flag the app is started with at login: it starts in the tray, without a window. */
export const hiddenFlag = '--hidden';

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  /** Electron's app.setLoginItemSettings (Windows and macOS; a no-op on Linux). */
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  /** The executable to start: the AppImage file itself when run from one ($APPIMAGE), not its mount. */
  executable: string;
  /** Linux: the XDG autostart folder (~/.config/autostart). */
  autostartDir: string;
}

/** Turns "start with the computer" on or off. Linux has no login-item API: an XDG autostart entry. */
export function applyStartAtLogin(enabled: boolean, deps: LoginItemDeps): void {
  if (deps.platform !== 'linux') {
    deps.setLoginItemSettings({ openAtLogin: enabled, args: [hiddenFlag] });
    return;
  }
  const file = join(deps.autostartDir, 'hamgam.desktop');
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(deps.autostartDir, { recursive: true });
  writeFileSync(file, autostartEntry(deps.executable));
}

/** Desktop Entry Exec quoting: the path in double quotes with ", `, $ and \ escaped. */
export function autostartEntry(executable: string): string {
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Hamgam',
    'Name[fa]=همگام',
    `Exec=${quoted} ${hiddenFlag}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}
