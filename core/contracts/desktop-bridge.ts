import { z } from 'zod';

/**
 * `window.hamgam`: what the desktop app's preload (desktop/src/preload.ts, its logic in
 * electron/preload-bridge.ts) exposes to the desk, and the IPC channels behind it. Only present in the
 * Electron window; in a browser `window.hamgam` is undefined, so the desk checks before offering
 * desktop-only actions. Every argument is validated twice: in the preload (early, clear error in the
 * desk) and in the main process (the real boundary).
 */

/** Why the engine (the hosted `core/`) is not running; shown on the start-up error screen. */
export const startupProblemCodeSchema = z.enum([
  /** No ready message within the start-up timeout. */
  'ENGINE_TIMEOUT',
  /** The engine process ended before it was ready (bad native module, disk, ...). */
  'ENGINE_EXITED',
  /** It crashed while running, and crashed again after the one automatic restart. */
  'ENGINE_CRASHED',
  /** It started and reported an error of its own (config, database, ...). */
  'ENGINE_FAILED',
]);
export type StartupProblemCode = z.infer<typeof startupProblemCodeSchema>;

export const engineStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), url: z.string() }),
  z.object({
    state: z.literal('failed'),
    code: startupProblemCodeSchema,
    /** The engine's own error code when it sent one (e.g. CONFIG_INVALID), else null. */
    engineCode: z.string().nullable(),
    detail: z.string(),
  }),
  z.object({ state: z.literal('stopped') }),
]);
export type EngineStatus = z.infer<typeof engineStatusSchema>;

export const saveSecretResultSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true) }),
  /** The OS offers no real encryption (no keyring on Linux): nothing was written. */
  z.object({ saved: z.literal(false), reason: z.literal('encryption-unavailable') }),
]);
export type SaveSecretResult = z.infer<typeof saveSecretResultSchema>;

const mahakPassword = z.string().min(1).max(256);

/** Channel name and argument tuple of each bridge function. */
export const desktopBridgeCalls = {
  appVersion: { channel: 'hamgam:app-version', args: z.tuple([]) },
  openLogsFolder: { channel: 'hamgam:open-logs-folder', args: z.tuple([]) },
  chooseBackupFolder: { channel: 'hamgam:choose-backup-folder', args: z.tuple([]) },
  chooseDataFolder: { channel: 'hamgam:choose-data-folder', args: z.tuple([]) },
  restartEngine: { channel: 'hamgam:restart-engine', args: z.tuple([]) },
  saveMahakPassword: { channel: 'hamgam:save-mahak-password', args: z.tuple([mahakPassword]) },
  setStartAtLogin: { channel: 'hamgam:set-start-at-login', args: z.tuple([z.boolean()]) },
} as const;
export type DesktopBridgeCall = keyof typeof desktopBridgeCalls;

export interface DesktopBridge {
  /** The desktop app's version (package.json), e.g. "0.1.0". */
  appVersion(): Promise<string>;
  /** Opens the folder with main.log and engine.log in the file manager. */
  openLogsFolder(): Promise<void>;
  /** Folder picker; the chosen folder is remembered. null when cancelled. */
  chooseBackupFolder(): Promise<string | null>;
  /** Folder picker for the data folder (database, pictures); the engine restarts on it. null when cancelled. */
  chooseDataFolder(): Promise<string | null>;
  /** Stops and starts the engine; resolves with its new status. */
  restartEngine(): Promise<EngineStatus>;
  /** Keeps the Mahak password encrypted by the OS (safeStorage) and restarts the engine with it. */
  saveMahakPassword(password: string): Promise<SaveSecretResult>;
  /** Turns "start with the computer" on or off; resolves with the setting now in force. */
  setStartAtLogin(enabled: boolean): Promise<boolean>;
}
