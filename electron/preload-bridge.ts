import {
  desktopBridgeCalls,
  engineStatusSchema,
  saveSecretResultSchema,
  type DesktopBridge,
} from '../core/contracts/desktop-bridge.js';
import { z } from 'zod';

/** ipcRenderer.invoke. */
export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/** The preload's Electron API (contextBridge, ipcRenderer), the parts used; see electron-api.ts. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: DesktopBridge): void;
}
export interface IpcRendererLike {
  invoke: Invoke;
}

/** The preload's whole job: window.hamgam, and nothing else, in the page's world. */
export function exposeBridge(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(
    'hamgam',
    createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
  );
}

/**
 * window.hamgam, built on ipcRenderer.invoke: arguments are checked here (a clear error in the desk
 * before anything crosses) and again in main (ipc-bridge.ts, the real boundary); results are checked
 * against the contract too, so the desk never holds an unexpected shape.
 */
export function createBridge(invoke: Invoke): DesktopBridge {
  const call =
    <T>(name: keyof typeof desktopBridgeCalls, result: z.ZodType<T>) =>
    async (...args: unknown[]): Promise<T> => {
      const { channel, args: schema } = desktopBridgeCalls[name];
      const valid = schema.parse(args) as unknown[];
      return result.parse(await invoke(channel, ...valid));
    };
  const folder = z.string().min(1).nullable();
  return {
    appVersion: call('appVersion', z.string()),
    openLogsFolder: call('openLogsFolder', z.undefined()),
    chooseBackupFolder: call('chooseBackupFolder', folder),
    chooseDataFolder: call('chooseDataFolder', folder),
    restartEngine: call('restartEngine', engineStatusSchema),
    saveMahakPassword: call(
      'saveMahakPassword',
      saveSecretResultSchema,
    ) as DesktopBridge['saveMahakPassword'],
    setStartAtLogin: call('setStartAtLogin', z.boolean()) as DesktopBridge['setStartAtLogin'],
  };
}
