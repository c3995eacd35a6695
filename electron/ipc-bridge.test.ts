import { describe, expect, it } from 'vitest';
import { desktopBridgeCalls } from '../core/contracts/desktop-bridge.js';
import { registerBridge, type BridgeActions, type IpcInvokeEvent } from './ipc-bridge.js';
import { createBridge, exposeBridge } from './preload-bridge.js';
import { FakeLog } from './test-fakes.js';
import { isTrustedUrl } from './url-policy.js';

const origin = 'http://127.0.0.1:47380';

function setup() {
  const handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  const calls: unknown[][] = [];
  const record =
    <T>(name: string, value: T) =>
    async (...args: unknown[]) => (calls.push([name, ...args]), value);
  const actions: BridgeActions = {
    appVersion: record('appVersion', '0.1.0'),
    openLogsFolder: record('openLogsFolder', undefined),
    chooseBackupFolder: record('chooseBackupFolder', '/backups'),
    chooseDataFolder: record('chooseDataFolder', null),
    restartEngine: record('restartEngine', { state: 'running', url: origin } as const),
    saveMahakPassword: record('saveMahakPassword', { saved: true } as const),
    setStartAtLogin: async (enabled: boolean) => (calls.push(['setStartAtLogin', enabled]), enabled),
  };
  const log = new FakeLog();
  registerBridge({ handle: (c, l) => void handlers.set(c, l) }, actions, (u) => isTrustedUrl(u, origin), log);
  const fromFrame =
    (url: string, parent: unknown = null) =>
    (channel: string, ...args: unknown[]) =>
      Promise.resolve().then(() => handlers.get(channel)!({ senderFrame: { url, parent } }, ...args));
  return { handlers, calls, log, fromFrame };
}

describe('registerBridge (main side)', () => {
  it('registers one handler per bridge function', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(
      Object.values(desktopBridgeCalls)
        .map((c) => c.channel)
        .sort(),
    );
  });

  it('answers the desk at the trusted origin', async () => {
    const { fromFrame, calls } = setup();
    const desk = fromFrame(`${origin}/settings`);
    await expect(desk('hamgam:app-version')).resolves.toBe('0.1.0');
    await expect(desk('hamgam:set-start-at-login', true)).resolves.toBe(true);
    await expect(desk('hamgam:save-mahak-password', 'p@ss')).resolves.toEqual({ saved: true });
    expect(calls).toEqual([['appVersion'], ['setStartAtLogin', true], ['saveMahakPassword', 'p@ss']]);
  });

  it.each([
    ['another origin', 'http://127.0.0.1:47381/'],
    ['a look-alike', `http://127.0.0.1:47380@evil.example/`],
    ['a file page', 'file:///tmp/evil.html'],
    ['a data page', 'data:text/html,x'],
  ])('refuses a call from %s', async (_name, url) => {
    const { fromFrame, calls, log } = setup();
    await expect(fromFrame(url)('hamgam:restart-engine')).rejects.toThrow('HAMGAM_IPC_REFUSED');
    expect(calls).toEqual([]);
    expect(log.lines.join()).toContain('untrusted frame');
  });

  it('refuses a subframe of the desk and a frame that is gone', async () => {
    const { fromFrame, handlers, calls } = setup();
    await expect(fromFrame(`${origin}/`, { url: origin })('hamgam:restart-engine')).rejects.toThrow();
    await expect(
      Promise.resolve().then(() => handlers.get('hamgam:restart-engine')!({ senderFrame: null })),
    ).rejects.toThrow('HAMGAM_IPC_REFUSED');
    expect(calls).toEqual([]);
  });

  it('refuses invalid arguments before the action runs', async () => {
    const { fromFrame, calls } = setup();
    const desk = fromFrame(`${origin}/`);
    await expect(desk('hamgam:set-start-at-login', 'yes')).rejects.toThrow('VALIDATION_FAILED');
    await expect(desk('hamgam:save-mahak-password', '')).rejects.toThrow('VALIDATION_FAILED');
    await expect(desk('hamgam:save-mahak-password', 'x'.repeat(257))).rejects.toThrow('VALIDATION_FAILED');
    await expect(desk('hamgam:app-version', 'extra')).rejects.toThrow('VALIDATION_FAILED');
    expect(calls).toEqual([]);
  });
});

describe('createBridge (preload side)', () => {
  it('round-trips through the main-side handlers', async () => {
    const { fromFrame } = setup();
    const bridge = createBridge(fromFrame(`${origin}/`) as (c: string, ...a: unknown[]) => Promise<unknown>);
    await expect(bridge.appVersion()).resolves.toBe('0.1.0');
    await expect(bridge.chooseBackupFolder()).resolves.toBe('/backups');
    await expect(bridge.chooseDataFolder()).resolves.toBeNull();
    await expect(bridge.restartEngine()).resolves.toEqual({ state: 'running', url: origin });
    await expect(bridge.setStartAtLogin(true)).resolves.toBe(true);
  });

  it('refuses bad arguments in the renderer, before anything crosses', async () => {
    const sent: unknown[] = [];
    const bridge = createBridge(async (...a) => void sent.push(a));
    await expect(bridge.saveMahakPassword('')).rejects.toThrow();
    await expect(bridge.setStartAtLogin('on' as unknown as boolean)).rejects.toThrow();
    expect(sent).toEqual([]);
  });

  it('refuses a result that does not match the contract', async () => {
    const bridge = createBridge(async () => ({ state: 'exploded' }));
    await expect(bridge.restartEngine()).rejects.toThrow();
    await expect(createBridge(async () => 42).appVersion()).rejects.toThrow();
  });
});

describe('exposeBridge (the preload entry)', () => {
  it('exposes window.hamgam only, calling main through ipcRenderer.invoke', async () => {
    const exposed: [string, unknown][] = [];
    const invoked: unknown[][] = [];
    exposeBridge(
      { exposeInMainWorld: (key, api) => void exposed.push([key, api]) },
      { invoke: async (...a) => (invoked.push(a), '0.1.0') },
    );
    expect(exposed.map(([key]) => key)).toEqual(['hamgam']);
    const bridge = exposed[0][1] as ReturnType<typeof createBridge>;
    await expect(bridge.appVersion()).resolves.toBe('0.1.0');
    expect(invoked).toEqual([['hamgam:app-version']]);
  });
});
