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
