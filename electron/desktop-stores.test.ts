import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAutoUpdate } from './auto-update.js';
import { SettingsStore } from './desktop-settings.js';
import { engineLaunch } from './engine-launch.js';
import { applyStartAtLogin, autostartEntry } from './login-item.js';
import { SecretStore, type SafeStorageLike } from './secret-store.js';
import { FakeLog } from './test-fakes.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'hamgam-stores-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A reversible "encryption" that is visibly not the plain text. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b) => {
      const text = b.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided');
      return Buffer.from(text.slice(4), 'base64').toString();
    },
  };
}

describe('SettingsStore', () => {
  it('gives defaults, saves changes atomically (0600), and reads them back', () => {
    const file = join(temp(), 'desktop-settings.json');
    const store = new SettingsStore(file, new FakeLog());
    expect(store.read()).toEqual({ startAtLogin: false, port: 47380, language: 'fa' });
    store.update({ dataDir: 'D:\\داده‌ها\\همگام', startAtLogin: true });
    expect(new SettingsStore(file, new FakeLog()).read()).toMatchObject({
      dataDir: 'D:\\داده‌ها\\همگام',
      startAtLogin: true,
    });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(() => store.update({ port: 80 })).toThrow();
  });

  it('sets a broken file aside and starts from the defaults', () => {
    const dir = temp();
    const file = join(dir, 'desktop-settings.json');
    writeFileSync(file, '{"port": "high", "updateUrl": "javascript:alert(1)"}');
    const log = new FakeLog();
    expect(new SettingsStore(file, log).read().port).toBe(47380);
    expect(existsSync(`${file}.bad`)).toBe(true);
    expect(log.lines.join()).toContain('port');
    writeFileSync(file, '{not json');
    expect(new SettingsStore(file, log).read().port).toBe(47380);
  });
});

describe('SecretStore', () => {
  it('keeps the Mahak password encrypted on disk and hands it back', () => {
    const file = join(temp(), 'mahak-password.bin');
    const store = new SecretStore(file, fakeSafeStorage(), 'linux', new FakeLog());
    expect(store.load()).toBeUndefined();
    expect(store.save('رمزِ محک p@ss')).toEqual({ saved: true });
    expect(readFileSync(file).toString()).not.toContain('p@ss');
    expect(store.load()).toBe('رمزِ محک p@ss');
    store.clear();
    expect(store.load()).toBeUndefined();
  });

  it.each([
    ['no OS encryption', fakeSafeStorage(false), 'win32' as const],
    ["Linux's hard-coded-key fallback", fakeSafeStorage(true, 'basic_text'), 'linux' as const],
  ])('writes nothing with %s', (_name, safe, platform) => {
    const file = join(temp(), 'mahak-password.bin');
    const store = new SecretStore(file, safe, platform, new FakeLog());
    expect(store.save('secret')).toEqual({ saved: false, reason: 'encryption-unavailable' });
    expect(existsSync(file)).toBe(false);
  });

  it('treats an undecryptable file as no password (other user, new OS key)', () => {
    const file = join(temp(), 'mahak-password.bin');
    writeFileSync(file, 'garbage');
    const log = new FakeLog();
    expect(new SecretStore(file, fakeSafeStorage(), 'darwin', log).load()).toBeUndefined();
    expect(log.lines.join()).toContain('cannot be decrypted');
  });
});

describe('engineLaunch', () => {
  it('passes the password only through the environment, runs in the data folder, logs to the logs folder', () => {
    const launch = engineLaunch({
      dataDir: '/home/shop/.config/Hamgam/data',
      port: 47380,
      logsDir: '/home/shop/.config/Hamgam/logs',
      mahakPassword: 'p@ss',
      baseEnv: { PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(launch.args).toEqual([
      '--data-dir',
      '/home/shop/.config/Hamgam/data',
      '--port',
      '47380',
      '--log-file',
      join('/home/shop/.config/Hamgam/logs', 'engine.log'),
    ]);
    expect(launch.args.join(' ')).not.toContain('p@ss');
    expect(launch.options.env).toEqual({ PATH: '/usr/bin', HAMGAM_MAHAK_PASSWORD: 'p@ss' });
    expect(launch.options.cwd).toBe('/home/shop/.config/Hamgam/data');
  });

  it('does not pass on a password from its own environment when none is saved', () => {
    const launch = engineLaunch({
      dataDir: '/d',
      port: 1,
      logsDir: '/l',
      baseEnv: { HAMGAM_MAHAK_PASSWORD: 'old' },
    });
    expect(launch.options.env.HAMGAM_MAHAK_PASSWORD).toBeUndefined();
  });

  it('sends the scheduled backups to the folder chosen from the desk', () => {
    const launch = engineLaunch({
      dataDir: '/d',
      port: 1,
      logsDir: '/l',
      backupDir: '/mnt/usb/hamgam',
      baseEnv: {},
    });
    expect(launch.options.env.HAMGAM_BACKUP_TARGET).toBe('/mnt/usb/hamgam');
    expect(engineLaunch({ dataDir: '/d', port: 1, logsDir: '/l', baseEnv: {} }).options.env).toEqual({});
  });
});

describe('applyStartAtLogin', () => {
  it('uses the login-item API on Windows and macOS, with the hidden flag', () => {
    const calls: unknown[] = [];
    for (const platform of ['win32', 'darwin'] as const)
      applyStartAtLogin(true, {
        platform,
        setLoginItemSettings: (s) => calls.push(s),
        executable: 'x',
        autostartDir: '/nope',
      });
    expect(calls).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: true, args: ['--hidden'] },
    ]);
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const dir = join(temp(), 'autostart');
    const deps = {
      platform: 'linux' as const,
      setLoginItemSettings: () => {},
      executable: '/opt/Ham "gam"/hamgam',
      autostartDir: dir,
    };
    applyStartAtLogin(true, deps);
    const entry = readFileSync(join(dir, 'hamgam.desktop'), 'utf8');
    expect(entry).toContain('Exec="/opt/Ham \\"gam\\"/hamgam" --hidden');
    expect(entry).toBe(autostartEntry(deps.executable));
    applyStartAtLogin(false, deps);
    expect(existsSync(join(dir, 'hamgam.desktop'))).toBe(false);
  });
});

describe('startAutoUpdate', () => {
  it('uses the configured generic feed, checks now and on an interval', async () => {
    const feeds: unknown[] = [];
    let checks = 0;
    let every = 0;
    const updater = {
      logger: null as unknown,
      setFeedURL: (o: unknown) => void feeds.push(o),
      checkForUpdatesAndNotify: async () => void checks++,
    };
    const log = new FakeLog();
    startAutoUpdate(updater, {
      updateUrl: 'https://mirror.shop.example/hamgam',
      log,
      setInterval: (_f, ms) => (every = ms),
    });
    expect(feeds).toEqual([{ provider: 'generic', url: 'https://mirror.shop.example/hamgam' }]);
    expect(checks).toBe(1);
    expect(every).toBe(6 * 60 * 60_000);
    expect(updater.logger).toBe(log);
  });

  it('keeps the packaged feed without a setting, and a failed check is only logged', async () => {
    const feeds: unknown[] = [];
    const log = new FakeLog();
    const updater = {
      logger: null as unknown,
      setFeedURL: (o: unknown) => void feeds.push(o),
      checkForUpdatesAndNotify: () => Promise.reject(new Error('offline')),
    };
    startAutoUpdate(updater, { log, setInterval: () => 0 });
    await new Promise((r) => setImmediate(r));
    expect(feeds).toEqual([]);
    expect(log.lines.join()).toContain('offline');
  });
});
