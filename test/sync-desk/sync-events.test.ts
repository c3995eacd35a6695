import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunProgress, SyncStreamEvent } from '../../core/contracts/admin-sync.js';
import type { AdminEnv } from '../push/admin-env.js';
import { openSse } from './sse-reader.js';
import { settle, startSyncDeskEnv } from './sync-desk-env.js';

const runOf = (e: SyncStreamEvent): RunProgress | null =>
  e.type === 'snapshot' || e.type === 'finished' ? e.run : null;

describe('live sync progress over Server-Sent Events (real pull against the simulator)', () => {
  let env: AdminEnv;
  let url: string;
  beforeAll(async () => {
    env = await startSyncDeskEnv();
    const address = await env.server.listen({ host: '127.0.0.1', port: 0 });
    url = `${address}/admin/api/sync/events`;
  });
  afterAll(() => env.close());

  it('streams snapshot, deltas and finished; a reconnect mid-run resumes from a snapshot of the run', async () => {
    // Each GetAllData round waits: with 20-row pages the pull takes many rounds, so "mid-run" is certain.
    env.sim.control.addFault({ kind: 'latency', operation: 'GetAllData', ms: 60 });
    const first = await openSse(url, env.token);
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^text\/event-stream/);
    expect(await first.until(() => true)).toEqual({ type: 'snapshot', run: null });

    const start = await env.call<{ runId: string }>('POST', '/admin/api/sync/start');
    const runId = start.body.runId;
    const started = await first.until((e) => e.type === 'snapshot');
    expect(runOf(started)).toMatchObject({ runId, phase: 'starting' });
    await first.until((e) => e.type === 'progress' && e.totals.pagesApplied >= 3);

    // The page is reloaded: a new connection gets the run as it stands, then its deltas.
    const second = await openSse(url, env.token);
    const resumed = runOf(await second.until(() => true));
    expect(resumed).toMatchObject({ runId, phase: 'fetching' });
    expect(resumed!.totals.pagesApplied).toBeGreaterThanOrEqual(3);
    expect(resumed!.fraction).toBeGreaterThan(0);
    expect(resumed!.fraction).toBeLessThan(1);

    const [end1, end2] = await Promise.all([
      first.until((e) => e.type === 'finished'),
      second.until((e) => e.type === 'finished'),
    ]);
    expect(end2).toEqual(end1);
    const done = runOf(end1)!;
    expect(done).toMatchObject({ runId, phase: 'done', fraction: 1, error: null });
    const products = done.entities.find((e) => e.entity === 'Products')!;
    expect(products.applied).toBe(products.read);
    expect(products.pagesRead).toBeGreaterThan(1);

    // Deltas name only the entities that moved, and the bar never goes back.
    const progress = first.seen.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((e) => e.runId === runId)).toBe(true);
    // The first round reads every entity; later rounds only the big ones.
    expect(progress.some((e) => e.entities.length > 0 && e.entities.length < 13)).toBe(true);
    const fractions = progress.map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    first.close();
    second.close();
    env.sim.control.clearFaults();
    await settle(env);
  });

  it('a stream open when the server shuts down does not hold the shutdown', async () => {
    const stream = await openSse(url, env.token);
    expect((await stream.until(() => true)).type).toBe('snapshot');
    await env.server.close();
    stream.close();
  });
});
