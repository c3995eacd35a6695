import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config/load-config.js';
import { createApp, type App } from '../core/create-app.js';
import { isHamgamError } from '../core/errors.js';
import { createLogger } from '../core/logging/pino-logger.js';
import { hostMessageSchema, type EngineArgs, type EngineMessage } from './engine-protocol.js';

/**
 * The engine side of the utility process: the same createApp as `hamgam serve`, listening on the
 * IPv4 loopback only (the desktop app's admin API is for this computer; a shop that wants the
 * storefront on the network installs the headless service), reporting its URL to main.
 */

/** Electron's `process.parentPort` (the parts used). */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: EngineMessage): void;
}

export interface RunEngineOptions {
  env?: NodeJS.ProcessEnv;
  exit?: (code: number) => void;
}

export function parseEngineArgs(argv: string[]): EngineArgs {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'log-file': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = values['data-dir'];
  const logFile = values['log-file'];
  const port = Number(values.port ?? 0);
  if (typeof dataDir !== 'string' || typeof logFile !== 'string' || !Number.isInteger(port) || port < 0)
    throw new Error('engine arguments: --data-dir DIR --port N --log-file FILE');
  return { dataDir: resolve(dataDir), port, logFile: resolve(logFile) };
}

/** Starts the engine and serves main's requests until it says stop. */
export async function runEngine(port: ParentPortLike, argv: string[], options: RunEngineOptions = {}) {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let app: App | undefined;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await app?.close();
    exit(0);
  };
  port.on('message', ({ data }) => {
    const parsed = hostMessageSchema.safeParse(data);
    if (!parsed.success) return;
    if (parsed.data.type === 'stop') void stop();
    else if (app) void syncNow(app, parsed.data.id, port);
  });
  try {
    app = await startApp(parseEngineArgs(argv), options.env ?? process.env);
    const url = await listenOnLoopback(app);
    if (stopping) return;
    port.postMessage({ type: 'ready', url });
  } catch (e) {
    const code = isHamgamError(e) ? e.code : 'INTERNAL';
    port.postMessage({ type: 'failed', code, message: String((e as Error)?.message ?? e).slice(0, 4000) });
    await app?.close().catch(() => undefined);
    exit(1);
  }
}

async function startApp(args: EngineArgs, env: NodeJS.ProcessEnv): Promise<App> {
  await mkdir(args.dataDir, { recursive: true });
  await mkdir(dirname(args.logFile), { recursive: true });
  // Face defaults: the data folder holds everything; a hamgam.config.json there (the engine's working
  // folder) or HAMGAM_* variables still win, except where it listens.
  const config = loadConfig({
    env,
    defaults: {
      dataDir: args.dataDir,
      db: `sqlite:${join(args.dataDir, 'hamgam.db')}`,
      blob: `file:${join(args.dataDir, 'blobs')}`,
      // The support bundle (doctor) takes the tail of the engine's log from here.
      logDir: dirname(args.logFile),
    },
    overrides: { host: '127.0.0.1', port: args.port },
  });
  const logger = createLogger(config.logLevel, createWriteStream(args.logFile, { flags: 'a' }));
  return createApp(config, logger, { server: true, schedule: true });
}

/** The preferred port keeps the desk's origin (its saved sign-in and settings) stable; any free one else. */
async function listenOnLoopback(app: App): Promise<string> {
  const server = app.server!;
  try {
    return await server.listen({ host: '127.0.0.1', port: app.config.port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || app.config.port === 0) throw e;
    app.logger.warn({ port: app.config.port }, 'preferred desktop port is taken; using a free one');
    return server.listen({ host: '127.0.0.1', port: 0 });
  }
}

async function syncNow(app: App, id: number, port: ParentPortLike): Promise<void> {
  try {
    const run = await app.engine.pullNow({ waitForLockMs: 2_000 });
    port.postMessage({ type: 'sync-result', id, outcome: run.status === 'failed' ? 'failed' : 'ran' });
  } catch (e) {
    const busy = isHamgamError(e) && e.code === 'SYNC_ALREADY_RUNNING';
    port.postMessage({ type: 'sync-result', id, outcome: busy ? 'idle' : 'failed', message: String(e) });
  }
}
