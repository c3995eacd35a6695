import type { DesktopLog } from './desktop-log.js';

/** electron-updater's autoUpdater (the parts used). */
export interface Updater {
  logger: unknown;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export interface AutoUpdateOptions {
  /** From the desktop settings: a shop's own mirror; else the URL built into the package. */
  updateUrl?: string;
  log: DesktopLog;
  everyMs?: number;
  setInterval?: (run: () => void, ms: number) => unknown;
}

/**
 * Checks the generic update feed (latest.yml and the installers, published by `npm run dist`) now
 * and every few hours; electron-updater downloads in the background and installs on quit.
 */
export function startAutoUpdate(updater: Updater, options: AutoUpdateOptions): void {
  updater.logger = options.log;
  if (options.updateUrl) updater.setFeedURL({ provider: 'generic', url: options.updateUrl });
  const check = () => {
    updater.checkForUpdatesAndNotify().catch((e: unknown) => options.log.warn(`update check: ${String(e)}`));
  };
  check();
  (options.setInterval ?? setInterval)(check, options.everyMs ?? 6 * 60 * 60_000);
}
