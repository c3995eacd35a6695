import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/pino-logger.js';
import type { SyncRunRecord } from '../store/storage.js';
import { TaskRunner } from './push-runner.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function countingTask(ms: number) {
  const task = {
    runs: 0,
    async runOnce(): Promise<SyncRunRecord | undefined> {
      task.runs++;
      await sleep(ms);
      return undefined;
    },
  };
  return task;
}

describe('TaskRunner', () => {
  it('joins a run in progress instead of starting a second one', async () => {
    const task = countingTask(30);
    const runner = new TaskRunner('push', task, createSilentLogger());
    await Promise.all([runner.runNow(), runner.runNow(), runner.runNow()]);
    expect(task.runs).toBe(1);
  });

  it('debounces nudges, and a nudge during a run makes exactly one more run after it', async () => {
    const task = countingTask(40);
    const runner = new TaskRunner('push', task, createSilentLogger(), { debounceMs: 5 });
    runner.nudge();
    runner.nudge();
    await sleep(20);
    expect(task.runs).toBe(1);
    runner.nudge();
    runner.nudge();
    await sleep(120);
    expect(task.runs).toBe(2);
    await runner.stop();
  });

  it('does nothing after stop', async () => {
    const task = countingTask(1);
    const runner = new TaskRunner('push', task, createSilentLogger(), { debounceMs: 1 });
    await runner.stop();
    runner.nudge();
    await sleep(20);
    expect(task.runs).toBe(0);
  });
});
