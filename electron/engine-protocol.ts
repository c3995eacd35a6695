import { z } from 'zod';

/**
 * Messages between the Electron main process and the engine it hosts in a utility process
 * (electron/engine-entry.ts), over `process.parentPort`. Both sides validate what they receive.
 */

/** engine -> main */
export const engineMessageSchema = z.discriminatedUnion('type', [
  /** Listening; `url` is the server's exact http://127.0.0.1:<port>. */
  z.object({ type: z.literal('ready'), url: z.string() }),
  /** Start-up failed with one of the engine's error codes (CONFIG_INVALID, STORAGE_UNAVAILABLE, ...). */
  z.object({ type: z.literal('failed'), code: z.string().max(100), message: z.string().max(4000) }),
  z.object({
    type: z.literal('sync-result'),
    id: z.number().int(),
    outcome: z.enum(['ran', 'idle', 'failed']),
    message: z.string().max(4000).optional(),
  }),
]);
export type EngineMessage = z.infer<typeof engineMessageSchema>;

/** main -> engine */
export const hostMessageSchema = z.discriminatedUnion('type', [
  /** Tray "Sync now": one pull now (same as POST /admin/api/sync/pull, without a staff token). */
  z.object({ type: z.literal('sync-now'), id: z.number().int() }),
  /** Close the server and the database cleanly, then exit. */
  z.object({ type: z.literal('stop') }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** Command-line arguments main passes to the engine entry. */
export interface EngineArgs {
  dataDir: string;
  /** Preferred port; the engine falls back to a free one when it is taken. */
  port: number;
  logFile: string;
}

export function engineArgv(args: EngineArgs): string[] {
  return ['--data-dir', args.dataDir, '--port', String(args.port), '--log-file', args.logFile];
}
