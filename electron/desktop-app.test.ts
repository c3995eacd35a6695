import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DesktopApp, type DesktopDeps } from './desktop-app.js';
import { SettingsStore } from './desktop-settings.js';
import { desktopText } from './desktop-text.js';
import { EngineHost } from './engine-host.js';
import type { TrayItem } from './main-window.js';
import { FakeApp, FakeLog, FakeWindow, fakeSpawner } from './test-fakes.js';

const url = 'http://127.0.0.1:47380';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(overrides: Partial<DesktopDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-desktop-'));
  dirs.push(dir);
  const log = new FakeLog();
  const procs = fakeSpawner();
  const engine = new EngineHost({ spawn: procs.spawn, log });
  const app = new FakeApp();
  const window = new FakeWindow();
  const tray = { menu: [] as TrayItem[], tip: '', on: vi.fn() };
  const notes: string[] = [];
  const loginItem: boolean[] = [];
  const saved: string[] = [];
  const deps: DesktopDeps = {
    app,
    engine,
    createWindow: () => window,
    createTray: () => ({
      setContextMenu: (items) => void (tray.menu = items),
      setToolTip: (t) => void (tray.tip = t),
      on: tray.on,
    }),
    settings: new SettingsStore(join(dir, 'desktop-settings.json'), log),
    secrets: { save: (p: string) => (saved.push(p), { saved: true }) },
    chooseFolder: async () => join(dir, 'other-data'),
    openPath: async () => {},
    notify: (b) => void notes.push(b),
    applyStartAtLogin: (e) => void loginItem.push(e),
    text: desktopText.fa,
    errorPagePath: '/app/electron/startup-error.html',
    logsDir: join(dir, 'logs'),
    startHidden: false,
    log,
    ...overrides,
  };
  const desktop = new DesktopApp(deps);
  const ready = async (u = url) => {
    procs.latest().send({ type: 'ready', url: u });
    await vi.waitFor(() => expect(engine.status().state).toBe('running'));
  };
  return { desktop, deps, engine, procs, app, window, tray, notes, loginItem, saved, ready };
}

const item = (menu: TrayItem[], label: string) => menu.find((i) => i.label === label)!;

describe('DesktopApp', () => {
  it('quits at once when another instance holds the lock, and the other one is focused', async () => {
    const s = setup();
    s.app.locked = false;
    await expect(s.desktop.start()).resolves.toBe(false);
    expect(s.app.quits).toBe(1);
    expect(s.procs.spawned).toHaveLength(0);

    const first = setup();
    const started = first.desktop.start();
    await first.ready();
    await started;
    first.window.hide();
    first.app.emit('second-instance');
    expect(first.window.visible).toBe(true);
    expect(first.window.focused).toBe(1);
  });

  it("loads the desk from the engine's origin, again after a crash restart", async () => {
    const s = setup();
    const started = s.desktop.start();
    await s.ready();
    await started;
    s.window.emit('ready-to-show');
    expect(s.window.visible).toBe(true);
    expect(s.window.loaded).toEqual([`${url}/`]);
    s.procs.latest().exit(139);
    await s.ready('http://127.0.0.1:51000');
    expect(s.window.loaded).toEqual([`${url}/`, 'http://127.0.0.1:51000/']);
  });

  it('shows the start-up error screen with the problem, even when started hidden', async () => {
    const s = setup({ startHidden: true });
    const started = s.desktop.start();
    s.procs.latest().send({ type: 'failed', code: 'CONFIG_INVALID', message: 'HAMGAM_PORT: bad' });
    s.procs.latest().exit(1);
    await started;
    await vi.waitFor(() => expect(s.window.visible).toBe(true));
    expect(s.window.loaded).toEqual([
      'file:/app/electron/startup-error.html?code=ENGINE_FAILED&engineCode=CONFIG_INVALID&detail=HAMGAM_PORT%3A+bad',
    ]);
  });

  it('starts hidden at login: no window until the clerk opens it from the tray', async () => {
    const s = setup({ startHidden: true });
    const started = s.desktop.start();
    await s.ready();
    await started;
    s.window.emit('ready-to-show');
    expect(s.window.visible).toBe(false);
    item(s.tray.menu, desktopText.fa.open).click?.({ checked: false });
    expect(s.window.visible).toBe(true);
  });

  it('keeps running in the tray when the window closes; Quit stops the engine, then quits', async () => {
    const s = setup();
    const started = s.desktop.start();
    await s.ready();
    await started;
    expect(s.window.close()).toBe(true); // hidden, not closed
    expect(s.procs.latest().received).toEqual([]);

    item(s.tray.menu, desktopText.fa.quit).click?.({ checked: false });
    expect(s.procs.latest().received).toEqual([{ type: 'stop' }]);
    await vi.waitFor(() => expect(s.app.quits).toBe(2)); // the second quit goes through
    expect(s.engine.status()).toEqual({ state: 'stopped' });
    expect(s.window.close()).toBe(false);
  });

  it('tray: Sync now only while running, passes through the engine, and tells the outcome', async () => {
    const s = setup();
    const started = s.desktop.start();
    expect(item(s.tray.menu, desktopText.fa.syncNow).enabled).toBe(false);
    await s.ready();
    await started;
    expect(item(s.tray.menu, desktopText.fa.syncNow).enabled).toBe(true);
    expect(s.tray.tip).toBe(desktopText.fa.engineRunning);
    item(s.tray.menu, desktopText.fa.syncNow).click?.({ checked: false });
    expect(s.procs.latest().received).toEqual([{ type: 'sync-now', id: 1 }]);
    s.procs.latest().send({ type: 'sync-result', id: 1, outcome: 'ran' });
    await vi.waitFor(() => expect(s.notes).toEqual([desktopText.fa.syncRan]));
  });

  it('tray and bridge: start at login is applied and remembered', async () => {
    const s = setup();
    const started = s.desktop.start();
    await s.ready();
    await started;
    expect(s.loginItem).toEqual([false]);
    item(s.tray.menu, desktopText.fa.startAtLogin).click?.({ checked: true });
    expect(s.loginItem).toEqual([false, true]);
    expect(s.deps.settings.read().startAtLogin).toBe(true);
    expect(item(s.tray.menu, desktopText.fa.startAtLogin).checked).toBe(true);
    await expect(s.desktop.bridgeActions().setStartAtLogin(false)).resolves.toBe(false);
    expect(s.deps.settings.read().startAtLogin).toBe(false);
  });

  it('bridge: a new data folder or Mahak password restarts the engine on it', async () => {
    const s = setup();
    const started = s.desktop.start();
    await s.ready();
    await started;
    const actions = s.desktop.bridgeActions();
    await expect(actions.appVersion()).resolves.toBe('0.1.0');

    const chosen = actions.chooseDataFolder();
    await vi.waitFor(() => expect(s.procs.spawned).toHaveLength(2));
    await s.ready();
    await expect(chosen).resolves.toMatch(/other-data$/);
    expect(s.deps.settings.read().dataDir).toMatch(/other-data$/);

    const saved = actions.saveMahakPassword('رمز-محک');
    await vi.waitFor(() => expect(s.procs.spawned).toHaveLength(3));
    await s.ready();
    await expect(saved).resolves.toEqual({ saved: true });
    expect(s.saved).toEqual(['رمز-محک']);
  });
});
