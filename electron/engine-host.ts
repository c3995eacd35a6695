import type { EngineStatus, StartupProblemCode } from '../core/contracts/desktop-bridge.js';
import type { DesktopLog } from './desktop-log.js';
import { engineMessageSchema, type EngineMessage, type HostMessage } from './engine-protocol.js';
import { loopbackOrigin } from './url-policy.js';

/**
 * Hosts the engine (core/, started by electron/engine-entry.ts) in an Electron utility process: waits
 * for its ready message with a timeout, restarts it once when it crashes, stops it on quit. Plain
 * class with the process factory injected, so it runs under vitest with a fake process.
 */

/** The parts of Electron's UtilityProcess used here. */
export interface EngineProcess {
  postMessage(message: HostMessage): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export interface EngineHostOptions {
  /** Forks a new engine process (main binds utilityProcess.fork with the entry, args, env, cwd). */
  spawn(): EngineProcess;
  log: DesktopLog;
  /** First start runs the migrations: generous. */
  readyTimeoutMs?: number;
  /** Time for an in-flight sync page to commit before the process is killed. */
  stopTimeoutMs?: number;
  syncTimeoutMs?: number;
  /** After running this long, a restarted engine earns its one automatic restart back. */
  stableAfterMs?: number;
}

export type SyncNowResult = Extract<EngineMessage, { type: 'sync-result' }>['outcome'] | 'not-running';

const failed = (
  code: StartupProblemCode,
  detail: string,
  engineCode: string | null = null,
): EngineStatus => ({
  state: 'failed',
  code,
  engineCode,
  detail,
});

export class EngineHost {
  private child: EngineProcess | null = null;
  private current: EngineStatus = { state: 'stopped' };
  private starting: Promise<EngineStatus> | null = null;
  private stopping = false;
  private restartsLeft = 1;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;
  private syncSeq = 0;
  private readonly pendingSyncs = new Map<number, (result: SyncNowResult) => void>();
  private readonly listeners = new Set<(status: EngineStatus) => void>();

  constructor(private readonly options: EngineHostOptions) {}

  status(): EngineStatus {
    return this.current;
  }

  /** Called on every status change (running with a possibly new URL after a restart, failed, stopped). */
  onStatus(listener: (status: EngineStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the engine unless it runs or is starting; never rejects, resolves with the status. */
  start(): Promise<EngineStatus> {
    if (this.starting) return this.starting;
    if (this.current.state === 'running') return Promise.resolve(this.current);
    this.restartsLeft = 1;
    return this.launch();
  }

  async restart(): Promise<EngineStatus> {
    await this.stop();
    return this.start();
  }

  /** Asks the engine to close cleanly; kills it after stopTimeoutMs. */
  async stop(): Promise<void> {
    const child = this.child;
    clearTimeout(this.stableTimer);
    if (!child) {
      this.setStatus({ state: 'stopped' });
      return;
    }
    this.stopping = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.options.log.warn('the engine did not stop in time; killing it');
        child.kill();
      }, this.options.stopTimeoutMs ?? 10_000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.postMessage({ type: 'stop' });
    });
    this.stopping = false;
    this.setStatus({ state: 'stopped' });
  }

  /** One pull now, through the engine itself (no staff token needed, unlike the admin API). */
  syncNow(): Promise<SyncNowResult> {
    const child = this.child;
    if (!child || this.current.state !== 'running') return Promise.resolve('not-running');
    const id = ++this.syncSeq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle('failed'), this.options.syncTimeoutMs ?? 15 * 60_000);
      const settle = (result: SyncNowResult) => {
        clearTimeout(timer);
        this.pendingSyncs.delete(id);
        resolve(result);
      };
      this.pendingSyncs.set(id, settle);
      child.postMessage({ type: 'sync-now', id });
    });
  }

  private launch(): Promise<EngineStatus> {
    const child = this.options.spawn();
    this.child = child;
    this.starting = new Promise((resolve) => {
      let settled = false;
      let reported: { code: string; message: string } | null = null;
      const finish = (status: EngineStatus) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.starting = null;
        this.setStatus(status);
        if (status.state === 'running') this.armStableTimer();
        resolve(status);
      };
      const timer = setTimeout(() => {
        finish(failed('ENGINE_TIMEOUT', `no ready message within ${this.readyTimeoutMs / 1000} s`));
        child.kill();
      }, this.readyTimeoutMs);
      child.on('message', (raw) => {
        const parsed = engineMessageSchema.safeParse(raw);
        if (!parsed.success) return this.options.log.warn('ignored an invalid message from the engine');
        const message = parsed.data;
        if (message.type === 'ready') finish(this.readyStatus(message.url, child));
        else if (message.type === 'failed') reported = message;
        else this.pendingSyncs.get(message.id)?.(message.outcome);
      });
      child.on('exit', (code) => {
        if (this.child === child) this.child = null;
        for (const settle of [...this.pendingSyncs.values()]) settle('failed');
        if (!settled) {
          const r = reported as { code: string; message: string } | null;
          finish(
            r ? failed('ENGINE_FAILED', r.message, r.code) : failed('ENGINE_EXITED', `exit code ${code}`),
          );
        } else this.afterExit(code);
      });
    });
    return this.starting;
  }

  private readyStatus(url: string, child: EngineProcess): EngineStatus {
    try {
      return { state: 'running', url: loopbackOrigin(url) };
    } catch {
      child.kill();
      return failed('ENGINE_FAILED', `the engine reported an unexpected address: ${url}`);
    }
  }

  /** An exit after ready that nobody asked for is a crash: one automatic restart, then failed. */
  private afterExit(code: number): void {
    clearTimeout(this.stableTimer);
    if (this.stopping || this.current.state !== 'running') return;
    if (this.restartsLeft > 0) {
      this.restartsLeft--;
      this.options.log.warn(`the engine exited unexpectedly (code ${code}); restarting it once`);
      void this.launch();
      return;
    }
    this.options.log.error(`the engine exited again (code ${code}); not restarting`);
    this.setStatus(failed('ENGINE_CRASHED', `exit code ${code}, after one automatic restart`));
  }

  private armStableTimer(): void {
    clearTimeout(this.stableTimer);
    this.stableTimer = setTimeout(
      () => {
        this.restartsLeft = 1;
      },
      this.options.stableAfterMs ?? 10 * 60_000,
    );
    this.stableTimer.unref?.();
  }

  private get readyTimeoutMs(): number {
    return this.options.readyTimeoutMs ?? 90_000;
  }

  private setStatus(status: EngineStatus): void {
    this.current = status;
    for (const listener of [...this.listeners]) listener(status);
  }
}
