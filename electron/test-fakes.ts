import { EventEmitter } from 'node:events';
import type { DesktopLog } from './desktop-log.js';
import type { EngineProcess } from './engine-host.js';
import type { HostMessage } from './engine-protocol.js';

/** Test doubles for the main-process modules (the real `electron` module cannot load under Node). */

export class FakeLog implements DesktopLog {
  readonly lines: string[] = [];
  info = (m: string) => void this.lines.push(`info ${m}`);
  warn = (m: string) => void this.lines.push(`warn ${m}`);
  error = (m: string) => void this.lines.push(`error ${m}`);
}

/** A utility process: the test plays the engine with send()/exit(). */
export class FakeEngineProcess extends EventEmitter implements EngineProcess {
  readonly received: HostMessage[] = [];
  killed = false;
  exited = false;
  /** How this fake answers a stop request; 'exit' = closes at once like the real entry. */
  onStop: 'exit' | 'hang' = 'exit';
  /** stdio: 'pipe', as main forks it. */
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();

  postMessage(message: HostMessage): void {
    this.received.push(message);
    if (message.type === 'stop' && this.onStop === 'exit') queueMicrotask(() => this.exit(0));
  }

  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.exit(-1));
    return true;
  }

  send(message: unknown): void {
    this.emit('message', message);
  }

  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code);
  }
}

/** Records every forked fake, newest last. */
export function fakeSpawner(configure: (p: FakeEngineProcess) => void = () => {}) {
  const spawned: FakeEngineProcess[] = [];
  return {
    spawned,
    spawn: (): FakeEngineProcess => {
      const p = new FakeEngineProcess();
      configure(p);
      spawned.push(p);
      return p;
    },
    latest: (): FakeEngineProcess => spawned[spawned.length - 1],
  };
}

/** A BrowserWindow: records what it loaded and whether it is shown. */
export class FakeWindow extends EventEmitter {
  loaded: string[] = [];
  visible = false;
  focused = 0;
  destroyed = false;
  loadURL = async (u: string) => void this.loaded.push(u);
  loadFile = async (f: string, o?: { query?: Record<string, string> }) =>
    void this.loaded.push(`file:${f}?${new URLSearchParams(o?.query)}`);
  show = () => void (this.visible = true);
  hide = () => void (this.visible = false);
  focus = () => void this.focused++;
  restore = () => {};
  isMinimized = () => false;
  isDestroyed = () => this.destroyed;
  /** Like the title-bar close button: tells whether the app kept the window (preventDefault). */
  close(): boolean {
    let kept = false;
    this.emit('close', { preventDefault: () => (kept = true) });
    return kept;
  }
}

/** Electron's app: single-instance lock and quit, with before-quit as Electron fires it. */
export class FakeApp extends EventEmitter {
  locked = true;
  quits = 0;
  requestSingleInstanceLock = () => this.locked;
  quit = () => {
    this.quits++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    return prevented;
  };
  getVersion = () => '0.1.0';
}
