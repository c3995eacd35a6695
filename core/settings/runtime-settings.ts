import {
  settingKeySchema,
  settingValueSchemas,
  type SettingKey,
  type SettingLock,
  type SettingsPatch,
  type SettingsView,
} from '../contracts/admin-settings.js';
import type { Config } from '../config/config-schema.js';
import type { ConfigSources } from '../config/load-config.js';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { writeAudit } from '../push/audit-repo.js';
import type { SqlDb } from '../store/sql-db.js';
import type { SecretBox } from './settings-crypto.js';
import { readSettings, settingsVersion, writeSetting } from './settings-repo.js';

/** The settings as the rest of the app reads them: the same names and types as in Config. */
export type LiveSettings = Pick<Config, SettingKey>;
export type SettingLocks = Partial<Record<SettingKey, SettingLock>>;
export type SettingsListener = (next: Readonly<LiveSettings>, changed: readonly SettingKey[]) => void;

export const settingKeys: readonly SettingKey[] = settingKeySchema.options;
const secretKeys: ReadonlySet<SettingKey> = new Set(['mahakPassword']);
const masked = '***';

export interface RuntimeSettingsDeps {
  db: SqlDb;
  /** The validated, frozen config (store code already resolved to storeId). */
  base: Config;
  /** Where keys of `base` came from (loadConfig): those keys are locked. */
  sources: ConfigSources;
  box: SecretBox;
  logger: Logger;
  now?: () => number;
}

/**
 * The runtime settings holder of the composition root: config stays validated and frozen; this is the
 * separate, validated layer on top of it, kept in app_settings. Effective value of a key: the config's
 * when the config file, env or command line set it (locked), else the database's, else the config's
 * default. A change is written with its audit entry in one transaction, then the listeners (Mahak
 * client, schedule, opt-outs) are told, so it takes effect without a restart.
 */
export class RuntimeSettings {
  readonly locks: SettingLocks;
  private stored: Partial<Record<SettingKey, unknown>> = {};
  private values: Readonly<LiveSettings>;
  private updatedAt: number | null = null;
  private version = 0;
  private readonly listeners = new Set<SettingsListener>();
  private readonly now: () => number;

  private constructor(private readonly deps: RuntimeSettingsDeps) {
    this.locks = locksFrom(deps.sources);
    this.now = deps.now ?? Date.now;
    this.values = this.effective();
  }

  static async load(deps: RuntimeSettingsDeps): Promise<RuntimeSettings> {
    const settings = new RuntimeSettings(deps);
    await settings.reload();
    return settings;
  }

  current(): Readonly<LiveSettings> {
    return this.values;
  }

  /** Whether the password in use came from somewhere (database, env, file), not the schema default. */
  get passwordSet(): boolean {
    return this.locks.mahakPassword !== undefined || this.stored.mahakPassword !== undefined;
  }

  view(): SettingsView {
    const { mahakPassword: _secret, ...v } = this.values;
    return {
      values: {
        ...v,
        mahakPasswordSet: this.passwordSet,
        mahakDatabaseId: v.mahakDatabaseId ?? null,
        storeId: v.storeId ?? null,
        // 0: none configured, the push takes the group with the lowest code (core/push/push-choices.ts).
        mahakPersonGroupId: v.mahakPersonGroupId ?? 0,
        // 0 likewise: the bank with the lowest code.
        mahakBankId: v.mahakBankId ?? 0,
      },
      locks: this.locks,
      updatedAt: this.updatedAt === null ? null : new Date(this.updatedAt).toISOString(),
    };
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** SETTING_LOCKED (nothing written) when the patch touches a key env / config file set. */
  async update(patch: SettingsPatch, actor: { id: string }): Promise<SettingsView> {
    const keys = settingKeys.filter((k) => patch[k] !== undefined);
    const locked = keys.filter((k) => this.locks[k]).map((k) => ({ key: k, ...this.locks[k] }));
    if (locked.length > 0) {
      throw new HamgamError('SETTING_LOCKED', `Locked by env or config file: ${locked.map((l) => l.key)}`, {
        locked,
      });
    }
    const changed = keys.filter((k) => !sameValue(this.values[k], patch[k] ?? null));
    if (changed.length === 0) return this.view();
    const at = Math.max(this.now(), this.version + 1);
    await this.deps.db.transaction(async (tx) => {
      for (const key of changed) {
        await writeSetting(tx, { key, value: this.encode(key, patch[key]), by: actor.id, at });
      }
      await writeAudit(tx, {
        actor: actor.id,
        action: 'settings.update',
        targetType: 'settings',
        targetId: 'desk',
        before: this.auditable(changed, this.values),
        after: this.auditable(changed, patch),
        at,
      });
    });
    await this.reload();
    return this.view();
  }

  /** Re-reads the table when another instance changed it (several servers on one PostgreSQL). */
  async refresh(): Promise<void> {
    if ((await settingsVersion(this.deps.db)) > this.version) await this.reload();
  }

  private async reload(): Promise<void> {
    const rows = await readSettings(this.deps.db);
    const stored: Partial<Record<SettingKey, unknown>> = {};
    let updatedAt: number | null = null;
    for (const row of rows) {
      const key = settingKeySchema.safeParse(row.key);
      if (!key.success) continue; // state.* rows and keys of a newer version
      const value = this.decode(key.data, row.value);
      if (value !== undefined) stored[key.data] = value;
      updatedAt = Math.max(updatedAt ?? 0, row.updatedAt);
    }
    this.version = Math.max(0, ...rows.map((r) => r.updatedAt));
    this.updatedAt = updatedAt;
    this.stored = stored;
    const before = this.values;
    this.values = this.effective();
    const changed = settingKeys.filter((k) => !sameValue(before[k], this.values[k]));
    if (changed.length > 0) this.notify(changed);
  }

  private effective(): Readonly<LiveSettings> {
    const out: Record<string, unknown> = {};
    for (const key of settingKeys) {
      const fromDb = this.locks[key] ? undefined : this.stored[key];
      // null in the database means "none" (all stores, database id from login): undefined in Config.
      out[key] = fromDb === undefined ? this.deps.base[key] : (fromDb ?? undefined);
    }
    return Object.freeze(out as LiveSettings);
  }

  private notify(changed: readonly SettingKey[]): void {
    for (const listener of this.listeners) {
      try {
        listener(this.values, changed);
      } catch (e) {
        this.deps.logger.error({ err: e, changed }, 'a settings listener failed');
      }
    }
  }

  private encode(key: SettingKey, value: unknown): string {
    return secretKeys.has(key) ? this.deps.box.seal(String(value), key) : JSON.stringify(value);
  }

  /** A value that no longer validates (or a secret the key cannot open) is ignored, with a warning. */
  private decode(key: SettingKey, text: string): unknown {
    try {
      const raw: unknown = secretKeys.has(key) ? this.deps.box.open(text, key) : JSON.parse(text);
      const parsed = settingValueSchemas[key].safeParse(raw);
      if (parsed.success) return parsed.data;
      this.deps.logger.warn({ key }, 'a stored setting is not valid any more and is ignored');
    } catch {
      this.deps.logger.warn(
        { key },
        'a stored secret cannot be decrypted (settings key changed?) and is ignored: enter it again',
      );
    }
    return undefined;
  }

  private auditable(keys: readonly SettingKey[], from: Partial<Record<SettingKey, unknown>>) {
    return Object.fromEntries(keys.map((k) => [k, secretKeys.has(k) ? masked : (from[k] ?? null)]));
  }
}

/**
 * Ids a configured code stands for: the push chooses by id before code (core/push/push-choices.ts), so
 * an id saved in the desk would silently beat the code env / config file set. The code locks the id.
 */
const codeLocks: readonly [SettingKey, keyof ConfigSources][] = [
  ['storeId', 'storeCode'],
  ['mahakPersonGroupId', 'mahakPersonGroupCode'],
  ['mahakBankId', 'mahakBankCode'],
];

/** A key set by file, env or command line is locked; an id also by its configured code. */
export function locksFrom(sources: ConfigSources): SettingLocks {
  const locks: SettingLocks = {};
  for (const key of settingKeys) {
    const source = sources[key];
    if (source) locks[key] = { source: source.source, name: source.name };
  }
  for (const [key, codeKey] of codeLocks) {
    const code = sources[codeKey];
    if (!locks[key] && code) locks[key] = { source: code.source, name: code.name };
  }
  return locks;
}

const sameValue = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);
