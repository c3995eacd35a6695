import {
  desktopBridgeCalls,
  type DesktopBridge,
  type DesktopBridgeCall,
} from '../core/contracts/desktop-bridge.js';
import type { DesktopLog } from './desktop-log.js';

/** Electron's ipcMain (the part used). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
}

/** What the handler reads of an IpcMainInvokeEvent: the frame that called. */
export interface IpcInvokeEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

/** Main-side implementations of window.hamgam; arguments arrive validated. */
export type BridgeActions = { [K in DesktopBridgeCall]: DesktopBridge[K] };

/**
 * One ipcMain.handle per bridge function. Each call is refused unless it comes from a top-level frame
 * showing a trusted page (the desk's exact origin or the start-up error screen), and its arguments
 * pass the contract's zod tuple. Refusals reject the renderer's promise and are logged.
 */
export function registerBridge(
  ipcMain: IpcMainLike,
  actions: BridgeActions,
  isTrustedSender: (url: string) => boolean,
  log: DesktopLog,
): void {
  for (const name of Object.keys(desktopBridgeCalls) as DesktopBridgeCall[]) {
    const { channel, args: schema } = desktopBridgeCalls[name];
    ipcMain.handle(channel, async (event, ...args) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url)) {
        log.warn(`refused ${channel} from an untrusted frame`);
        throw new Error('HAMGAM_IPC_REFUSED');
      }
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        log.warn(`refused ${channel}: invalid arguments`);
        throw new Error('VALIDATION_FAILED');
      }
      const call = actions[name] as (...a: unknown[]) => unknown;
      return call(...parsed.data);
    });
  }
}
