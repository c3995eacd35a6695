import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../core/contracts/desktop-bridge.js';
import { EngineHost } from './engine-host.js';
import { FakeLog, fakeSpawner } from './test-fakes.js';

const url = 'http://127.0.0.1:47380';

function setup(options: Partial<ConstructorParameters<typeof EngineHost>[0]> = {}) {
  const procs = fakeSpawner();
  const log = new FakeLog();
  const host = new EngineHost({ spawn: procs.spawn, log, readyTimeoutMs: 5_000, ...options });
  const statuses: EngineStatus[] = [];
  host.onStatus((s) => statuses.push(s));
  return { procs, log, host, statuses };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('EngineHost start', () => {
  it('resolves running with the reported origin once the engine says ready', async () => {
    const { procs, host } = setup();
    const started = host.start();
    expect(procs.spawned).toHaveLength(1);
    procs.latest().send({ type: 'ready', url: `${url}/` });
    await expect(started).resolves.toEqual({ state: 'running', url });
    // A second start while running does not fork again.
    await expect(host.start()).resolves.toEqual({ state: 'running', url });
    expect(procs.spawned).toHaveLength(1);
  });

  it('fails with ENGINE_TIMEOUT and kills the process when no ready message comes', async () => {
    const { procs, host } = setup();
    const started = host.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(procs.latest().killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(started).resolves.toMatchObject({ state: 'failed', code: 'ENGINE_TIMEOUT' });
    expect(procs.latest().killed).toBe(true);
    // The timed-out process exiting afterwards is not a crash to restart from.
    await vi.runAllTimersAsync();
    expect(procs.spawned).toHaveLength(1);
  });

  it("reports the engine's own error code when it fails before ready", async () => {
    const { procs, host } = setup();
    const started = host.start();
    procs.latest().send({ type: 'failed', code: 'CONFIG_INVALID', message: 'HAMGAM_PORT: must be a number' });
    procs.latest().exit(1);
    await expect(started).resolves.toEqual({
      state: 'failed',
      code: 'ENGINE_FAILED',
      engineCode: 'CONFIG_INVALID',
      detail: 'HAMGAM_PORT: must be a number',
    });
  });

  it('fails with ENGINE_EXITED when the process dies silently before ready (no retry)', async () => {
    const { procs, host } = setup();
    const started = host.start();
    procs.latest().exit(3);
    await expect(started).resolves.toMatchObject({
      state: 'failed',
      code: 'ENGINE_EXITED',
      detail: 'exit code 3',
    });
    expect(procs.spawned).toHaveLength(1);
  });

  it('refuses a ready message with an address that is not the IPv4 loopback', async () => {
    const { procs, host } = setup();
    const started = host.start();
    procs.latest().send({ type: 'ready', url: 'http://0.0.0.0:47380' });
    await expect(started).resolves.toMatchObject({ state: 'failed', code: 'ENGINE_FAILED' });
    expect(procs.latest().killed).toBe(true);
    await vi.runAllTimersAsync();
    expect(procs.spawned).toHaveLength(1);
  });

  it('ignores malformed messages and keeps waiting', async () => {
    const { procs, host, log } = setup();
    const started = host.start();
    procs.latest().send('ready');
    procs.latest().send({ type: 'ready' });
    procs.latest().send({ type: 'ready', url });
    await expect(started).resolves.toEqual({ state: 'running', url });
    expect(log.lines.filter((l) => l.includes('invalid message'))).toHaveLength(2);
  });
});

describe('EngineHost crashes', () => {
  async function running() {
    const s = setup();
    const started = s.host.start();
    s.procs.latest().send({ type: 'ready', url });
    await started;
    return s;
  }

  it('restarts once after a crash and reports the new URL', async () => {
    const { procs, host, statuses } = await running();
    procs.latest().exit(139);
    expect(procs.spawned).toHaveLength(2);
    procs.latest().send({ type: 'ready', url: 'http://127.0.0.1:51000' });
    await vi.advanceTimersByTimeAsync(0);
    expect(host.status()).toEqual({ state: 'running', url: 'http://127.0.0.1:51000' });
    expect(statuses.map((s) => s.state)).toEqual(['running', 'running']);
  });

  it('gives up after the second crash with ENGINE_CRASHED', async () => {
    const { procs, host } = await running();
    procs.latest().exit(139);
    procs.latest().send({ type: 'ready', url });
    await vi.advanceTimersByTimeAsync(0);
    procs.latest().exit(139);
    expect(procs.spawned).toHaveLength(2);
    expect(host.status()).toMatchObject({ state: 'failed', code: 'ENGINE_CRASHED' });
  });

  it('earns the restart back after running stably, and a manual restart resets it', async () => {
    const { procs, host } = await running();
    procs.latest().exit(139);
    procs.latest().send({ type: 'ready', url });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    procs.latest().exit(139);
    expect(procs.spawned).toHaveLength(3);
    procs.latest().send({ type: 'ready', url });
    await vi.advanceTimersByTimeAsync(0);
    procs.latest().exit(139);
    expect(host.status()).toMatchObject({ state: 'failed', code: 'ENGINE_CRASHED' });

    const again = host.restart();
    await vi.advanceTimersByTimeAsync(0);
    procs.latest().send({ type: 'ready', url });
    await expect(again).resolves.toEqual({ state: 'running', url });
    expect(procs.spawned).toHaveLength(4);
  });
});

describe('EngineHost stop and sync', () => {
  it('asks the engine to stop and does not restart it', async () => {
    const { procs, host } = setup();
    const started = host.start();
    procs.latest().send({ type: 'ready', url });
    await started;
    await host.stop();
    expect(procs.latest().received).toEqual([{ type: 'stop' }]);
    expect(procs.latest().killed).toBe(false);
    expect(host.status()).toEqual({ state: 'stopped' });
    expect(procs.spawned).toHaveLength(1);
  });

  it('kills an engine that does not stop in time', async () => {
    const procs = fakeSpawner((p) => (p.onStop = 'hang'));
    const host = new EngineHost({ spawn: procs.spawn, log: new FakeLog(), stopTimeoutMs: 2_000 });
    const started = host.start();
    procs.latest().send({ type: 'ready', url });
    await started;
    const stopped = host.stop();
    await vi.advanceTimersByTimeAsync(2_000);
    await stopped;
    expect(procs.latest().killed).toBe(true);
    expect(procs.spawned).toHaveLength(1);
  });

  it('passes Sync now to the engine and resolves with its outcome', async () => {
    const { procs, host } = setup();
    await expect(host.syncNow()).resolves.toBe('not-running');
    const started = host.start();
    procs.latest().send({ type: 'ready', url });
    await started;
    const result = host.syncNow();
    expect(procs.latest().received).toEqual([{ type: 'sync-now', id: 1 }]);
    procs.latest().send({ type: 'sync-result', id: 1, outcome: 'ran' });
    await expect(result).resolves.toBe('ran');
    // An engine that dies mid-sync settles the pending call as failed.
    const second = host.syncNow();
    procs.latest().exit(1);
    await expect(second).resolves.toBe('failed');
  });
});
