import type {
  ConnectionTestRequest,
  ConnectionTestResult,
  DeskDisplay,
  MahakLists,
  SettingsPatch,
  SettingsView,
  SetupState,
} from '../contracts/admin-settings.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import { connectionToTry, sameConnection, testConnection } from './connection-test.js';
import { mahakLists, pulledLists, type ListSource } from './mahak-lists.js';
import type { RuntimeSettings } from './runtime-settings.js';
import { checkSettingsPatch } from './settings-checks.js';
import { markConnectionConfirmed, markSetupFinished, readSetupState } from './setup-state.js';

export interface DeskSettingsDeps {
  db: SqlDb;
  runtime: RuntimeSettings;
  /** The running Mahak client: the lists come through it on a fresh database. */
  mahak: ListSource;
  logger: Logger;
  demo: boolean;
  mahakTimeoutMs: number;
  mahakApiVersion: 'v1' | 'v2';
  now?: () => number;
}

export interface Actor {
  id: string;
}

/**
 * What the admin routes call for settings, the Mahak lists, the connection test and first-run setup.
 * `onSetupChange` listeners hear when the connection was confirmed or setup finished (the scheduled
 * pull waits for that on a fresh database).
 */
export class DeskSettings {
  private readonly setupListeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(private readonly deps: DeskSettingsDeps) {
    this.now = deps.now ?? Date.now;
  }

  get runtime(): RuntimeSettings {
    return this.deps.runtime;
  }

  /** The Mahak connection is set by env / config file / the demo: nobody types it in the desk. */
  get connectionLocked(): boolean {
    return this.deps.runtime.locks.mahakUrl !== undefined;
  }

  view(): SettingsView {
    return this.deps.runtime.view();
  }

  display(): DeskDisplay {
    return { moneyDisplay: this.deps.runtime.current().moneyDisplay };
  }

  async update(patch: SettingsPatch, actor: Actor): Promise<SettingsView> {
    await checkSettingsPatch(this.deps.db, patch);
    return this.deps.runtime.update(patch, actor);
  }

  /** The store's copy once pulled; Mahak's own lists before (MAHAK_* errors pass through). */
  async lists(): Promise<MahakLists> {
    return (await pulledLists(this.deps.db)) ?? mahakLists(this.deps.mahak);
  }

  async testConnection(request: ConnectionTestRequest, actor: Actor): Promise<ConnectionTestResult> {
    const saved = this.deps.runtime.current();
    const tried = connectionToTry(request, saved);
    const result = await testConnection(tried, {
      logger: this.deps.logger.child({ component: 'connection-test' }),
      timeoutMs: Math.min(this.deps.mahakTimeoutMs, 15_000),
      apiVersion: this.deps.mahakApiVersion,
    });
    if (!result.ok) return result;
    const confirmed = sameConnection(tried, saved);
    if (confirmed) {
      await markConnectionConfirmed(this.deps.db, actor.id, this.now());
      this.setupChanged();
    }
    return { ...result, confirmed };
  }

  setupState(): Promise<SetupState> {
    return readSetupState(this.deps.db, { demo: this.deps.demo, connectionLocked: this.connectionLocked });
  }

  async finishSetup(actor: Actor): Promise<SetupState> {
    await markSetupFinished(this.deps.db, actor.id, this.now());
    this.setupChanged();
    return this.setupState();
  }

  onSetupChange(listener: () => void): () => void {
    this.setupListeners.add(listener);
    return () => this.setupListeners.delete(listener);
  }

  private setupChanged(): void {
    for (const listener of this.setupListeners) listener();
  }
}
