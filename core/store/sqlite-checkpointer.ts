import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses 1,000 WAL pages, on the thread that committed: it copies those pages into the database file
 * and waits for two fsyncs. better-sqlite3 is synchronous, so that wait stopped the whole process: a
 * quarter of a 100,000-product pull's main thread was COMMIT, most of it checkpoints. A second
 * connection in a worker thread checkpoints (PASSIVE: never blocks the writer, never waits for it)
 * while the main thread goes on writing. PASSIVE alone never lets the WAL start over under a writer
 * that keeps committing, so the main connection's own automatic checkpoint stays, at ten times the
 * mark (about 40 MB of WAL): when it fires the worker has copied nearly every frame, so it copies only
 * the last commit's and syncs, and the next transaction starts the WAL from its beginning. Should the
 * worker fall behind or fail, that checkpoint does the whole work as before. At 100,000 products the
 * pull's COMMITs took 2.6 s instead of 9.9 s (load 6; docs/benchmarks.md).
 */
export interface CheckpointerOptions {
  /** Write transactions before the worker is started: a short-lived or read-mostly database never pays for it. */
  startAfterCommits: number;
  /** At most one checkpoint per this many ms: back-to-back commits share one. */
  minIntervalMs: number;
  /** Sets the main connection's automatic checkpoint (pages); called with the valve or the default. */
  setAutoCheckpoint(pages: number): void;
  /** A worker that could not start or died: the main connection checkpoints itself again. */
  onFailure?(error: Error): void;
}

/** SQLite's default automatic checkpoint (about 4 MB of WAL), and the main connection's while the worker works. */
export const defaultAutoCheckpointPages = 1_000;
export const valveAutoCheckpointPages = 10_000;

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

// Plain CommonJS so it runs the same under tsx, node and Electron; `require` of the driver by its
// resolved path, so the worker loads the very module the main thread uses.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ result: db.pragma('wal_checkpoint(PASSIVE)')[0] });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
`;

export class SqliteCheckpointer {
  /** Checkpoints the worker finished (tests and diagnostics). */
  completed = 0;
  /** About how many WAL frames the worker copied: what each run found checkpointed beyond the run before. */
  copiedFrames = 0;
  last?: CheckpointResult;
  private worker?: Worker;
  private commits = 0;
  private inFlight = false;
  private wanted = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private exited?: Promise<void>;

  constructor(
    private readonly path: string,
    private readonly options: CheckpointerOptions,
  ) {}

  /** Called after each committed write. */
  committed(): void {
    if (this.stopped) return;
    if (!this.worker && ++this.commits < this.options.startAfterCommits) return;
    this.worker ??= this.start();
    if (this.inFlight) this.wanted = true;
    else this.schedule();
  }

  /** Stops the worker after the checkpoint it may be running; the main connection's close does the last one. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.worker) return;
    // Unreferenced, the worker would not keep the process alive for its own exit, and a caller
    // awaiting close with nothing else pending would see the process end instead.
    this.worker.ref();
    this.worker.postMessage('close');
    await this.exited;
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(workerSource, { eval: true, workerData: { driver, path: this.path } });
    worker.unref();
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (m: { result?: CheckpointResult; error?: string }) => this.finished(m));
    worker.on('error', (e) => this.fail(e));
    worker.once('exit', (code) => {
      if (!this.stopped) this.fail(new Error(`checkpoint worker exited with ${code}`));
    });
    this.options.setAutoCheckpoint(valveAutoCheckpointPages);
    return worker;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped || !this.worker) return;
      this.inFlight = true;
      this.wanted = false;
      this.worker.postMessage('checkpoint');
    }, this.options.minIntervalMs);
    this.timer.unref();
  }

  private finished(m: { result?: CheckpointResult; error?: string }): void {
    this.inFlight = false;
    // A failed checkpoint (busy, I/O) is retried by the next commit; the valve bounds the WAL meanwhile.
    if (m.result) {
      this.completed++;
      const before =
        this.last && m.result.checkpointed >= this.last.checkpointed ? this.last.checkpointed : 0;
      this.copiedFrames += Math.max(0, m.result.checkpointed - before);
      this.last = m.result;
    }
    if (this.wanted && !this.stopped) this.schedule();
  }

  private fail(error: Error): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.options.setAutoCheckpoint(defaultAutoCheckpointPages);
    this.options.onFailure?.(error);
  }
}
