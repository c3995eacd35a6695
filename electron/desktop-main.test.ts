import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { desktopBridgeCalls } from '../core/contracts/desktop-bridge.js';
import type { Updater } from './auto-update.js';
import { desktopPaths, startDesktop, type DesktopHost } from './desktop-main.js';
import type { ElectronApi } from './electron-api.js';
import type { IpcInvokeEvent } from './ipc-bridge.js';
import type { mainWindowOptions } from './main-window.js';
import { FakeApp, FakeLog, FakeWindow, fakeSpawner } from './test-fakes.js';
import type { GuardedSession } from './web-security.js';

// main's wiring with a stand-in for the `electron` module (desktop/src/main.ts passes the real one):
// what it forks, which window it opens, who may call the bridge, what guards every page.
const url = 'http://127.0.0.1:47380';
const distDir = '/opt/hamgam/resources/app.asar/electron/dist';
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

class FakeElectronApp extends FakeApp {
  isPackaged = false;
  constructor(private readonly dir: string) {
    super();
  }
  getPath = (name: 'userData' | 'logs' | 'appData') => join(this.dir, name);
  whenReady = async () => {};
  setLoginItemSettings = vi.fn();
}

type Handler = (event: IpcInvokeEvent, ...args: unknown[]) => unknown;

function fakeElectron(dir: string) {
  const app = new FakeElectronApp(dir);
  const procs = fakeSpawner();
  const seen = {
    windows: [] as { window: FakeWindow; options: ReturnType<typeof mainWindowOptions> }[],
    trayIcons: [] as string[],
    forks: [] as { modulePath: string; args: string[]; options: { cwd: string; env: NodeJS.ProcessEnv } }[],
    handlers: new Map<string, Handler>(),
    permission: undefined as Parameters<GuardedSession['setPermissionRequestHandler']>[0] | undefined,
    headers: undefined as Parameters<GuardedSession['webRequest']['onHeadersReceived']>[0] | undefined,
  };
  const electron: ElectronApi<FakeWindow> = {
    app,
    BrowserWindow: class extends FakeWindow {
      constructor(options: ReturnType<typeof mainWindowOptions>) {
        super();
        seen.windows.push({ window: this, options });
      }
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    ipcMain: { handle: (channel, listener) => void seen.handlers.set(channel, listener) },
    Menu: { buildFromTemplate: (items) => ({ items }) },
    Notification: class {
      static isSupported = () => false;
      show() {}
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h) => void (seen.permission = h),
        setPermissionCheckHandler: () => {},
        webRequest: { onHeadersReceived: (l) => void (seen.headers = l) },
      },
    },
    shell: { openExternal: async () => {}, openPath: async () => '' },
    Tray: class {
      constructor(icon: string) {
        seen.trayIcons.push(icon);
      }
      setContextMenu() {}
      setToolTip() {}
      on() {}
    },
    utilityProcess: {
      fork: (modulePath, args, options) => {
        seen.forks.push({ modulePath, args, options });
        return procs.spawn();
      },
    },
  };
  return { electron, app, procs, seen };
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-main-'));
  dirs.push(dir);
  const fake = fakeElectron(dir);
  const log = new FakeLog();
  const updater = { logger: null as unknown, setFeedURL: vi.fn(), checkForUpdatesAndNotify: vi.fn() };
  updater.checkForUpdatesAndNotify.mockResolvedValue(null);
  const host: DesktopHost = {
    distDir,
    argv: ['/opt/hamgam/hamgam'],
    platform: 'linux',
    env: { PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' },
    execPath: '/opt/hamgam/hamgam',
  };
  /** Starts main and plays the engine's ready message. */
  const start = async () => {
    const started = startDesktop(fake.electron, { log, updater: updater as Updater }, host);
    await vi.waitFor(() => expect(fake.procs.spawned).toHaveLength(1));
    fake.procs.latest().send({ type: 'ready', url });
    return started;
  };
  return { ...fake, dir, log, updater, host, start };
}

const call = (handler: Handler | undefined, frameUrl: string) =>
  Promise.resolve().then(() => handler!({ senderFrame: { url: frameUrl, parent: null } }));

describe('startDesktop (main, wired)', () => {
  it('forks the engine bundle beside main, in the data folder, without ELECTRON_RUN_AS_NODE', async () => {
    const s = setup();
    await s.start();
    const dataDir = join(s.dir, 'userData', 'data');
    expect(s.seen.forks).toHaveLength(1);
    const fork = s.seen.forks[0];
    expect(fork.modulePath).toBe(join(distDir, 'engine.mjs'));
    expect(fork.args).toEqual([
      '--data-dir',
      dataDir,
      '--port',
      '47380',
      '--log-file',
      join(s.dir, 'logs', 'engine.log'),
    ]);
    expect(fork.options.cwd).toBe(dataDir);
    expect(existsSync(dataDir)).toBe(true);
    expect(fork.options.env).toEqual({ PATH: '/usr/bin' });
  });

  it('opens one sandboxed window with the bundled preload and shows the desk from the engine', async () => {
    const s = setup();
    await s.start();
    expect(s.seen.windows).toHaveLength(1);
    const { window, options } = s.seen.windows[0];
    expect(options.webPreferences).toMatchObject({
      preload: join(distDir, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(options.icon).toBe(desktopPaths(distDir).icon);
    expect(s.seen.trayIcons).toEqual([join(distDir, '..', 'assets', 'tray.png')]);
    await vi.waitFor(() => expect(window.loaded).toEqual([`${url}/`]));
  });

  it('answers the bridge only for the desk at the running origin or the start-up error screen', async () => {
    const s = setup();
    await s.start();
    expect([...s.seen.handlers.keys()].sort()).toEqual(
      Object.values(desktopBridgeCalls)
        .map((c) => c.channel)
        .sort(),
    );
    const appVersion = s.seen.handlers.get(desktopBridgeCalls.appVersion.channel);
    const errorPage = pathToFileURL(desktopPaths(distDir).errorPage).href;
    await expect(call(appVersion, `${url}/#/status`)).resolves.toBe('0.1.0');
    await expect(call(appVersion, `${errorPage}?code=ENGINE_FAILED`)).resolves.toBe('0.1.0');
    for (const other of ['http://127.0.0.1:47381/', 'https://example.com/', 'file:///tmp/x.html'])
      await expect(call(appVersion, other), other).rejects.toThrow('HAMGAM_IPC_REFUSED');
  });

  it('guards every web contents created later, and the session', async () => {
    const s = setup();
    await s.start();
    const events: string[] = [];
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    s.app.emit(
      'web-contents-created',
      {},
      {
        on: (event: string) => void events.push(event),
        setWindowOpenHandler: (h: typeof openHandler) => void (openHandler = h),
      },
    );
    expect(events).toEqual(['will-navigate', 'will-redirect', 'will-attach-webview']);
    expect(openHandler!({ url: `${url}/x` })).toEqual({ action: 'deny' });
    const granted: boolean[] = [];
    s.seen.permission!({}, 'media', (g) => void granted.push(g));
    expect(granted).toEqual([false]);
    let headers: Record<string, string[]> | undefined;
    s.seen.headers!({ url: `${url}/`, responseHeaders: {} }, (r) => void (headers = r.responseHeaders));
    expect(headers?.['Content-Security-Policy']?.[0]).toContain("frame-ancestors 'none'");
  });

  it('logs what the engine prints before its own log file is open', async () => {
    const s = setup();
    await s.start();
    s.procs.latest().stderr.emit('data', Buffer.from('Error: NODE_MODULE_VERSION 115\n'));
    expect(s.log.lines).toContain('warn engine: Error: NODE_MODULE_VERSION 115');
  });

  it('quits without a window or an engine when another instance runs', async () => {
    const s = setup();
    s.app.locked = false;
    const fake = s.electron;
    await expect(startDesktop(fake, { log: s.log, updater: s.updater as Updater }, s.host)).resolves.toBe(
      null,
    );
    expect(s.app.quits).toBe(1);
    expect(s.seen.windows).toEqual([]);
    expect(s.seen.forks).toEqual([]);
  });

  it("checks for updates only when packaged, from the shop's own feed when one is set", async () => {
    const unpacked = setup();
    await unpacked.start();
    expect(unpacked.updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();

    const packed = setup();
    packed.app.isPackaged = true;
    mkdirSync(join(packed.dir, 'userData'), { recursive: true });
    writeFileSync(
      join(packed.dir, 'userData', 'desktop-settings.json'),
      JSON.stringify({ updateUrl: 'https://mirror.example.ir/hamgam' }),
    );
    const every = vi.spyOn(globalThis, 'setInterval').mockReturnValue(0 as never);
    await packed.start();
    expect(packed.updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://mirror.example.ir/hamgam',
    });
    expect(packed.updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
    expect(every).toHaveBeenCalledWith(expect.any(Function), 6 * 60 * 60_000);
  });
});
