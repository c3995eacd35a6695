import schedule from 'node-schedule';
import { isHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SyncRunRecord } from '../store/storage.js';

/** What the runner drives: PushWorker (push) or DriftCheck (drift). */
export interface RunnableTask {
  runOnce(): Promise<SyncRunRecord | undefined>;
}

/**
 * Runs a task on a cron schedule, on demand (`runNow`, joins a run in progress) and on a cheap
 * in-process nudge (`nudge`, e.g. right after a checkout: debounced, and a nudge during a run makes
 * one more run afterwards so the new order does not wait for the next tick).
 */
export class TaskRunner {
  private job?: schedule.Job;
  private running?: Promise<SyncRunRecord | undefined>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly task: RunnableTask,
    private readonly logger: Logger,
    private readonly options: { cron?: string; debounceMs?: number } = {},
  ) {}

  start(options: { schedule?: boolean } = {}): void {
    this.stopped = false;
    if (options.schedule && this.options.cron) {
      this.job = schedule.scheduleJob(`hamgam-${this.name}`, this.options.cron, () => this.nudge());
    }
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  runNow(): Promise<SyncRunRecord | undefined> {
    this.running ??= this.task.runOnce().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.nudge();
      }
    });
    return this.running;
  }

  /** Fire and forget. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.runNow().catch((e: unknown) => {
        const level = isHamgamError(e) && e.code === 'MAHAK_UNAVAILABLE' ? 'warn' : 'error';
        this.logger[level]({ err: e, task: this.name }, `${this.name} run did not complete`);
      });
    }, this.options.debounceMs ?? 100);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.job?.cancel();
    this.job = undefined;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
