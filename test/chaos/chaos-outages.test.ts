import { describe, expect, it } from 'vitest';
import type { RoundContext } from '../../bench/chaos/chaos-context.js';
import { chaosDefaults, seededRandom } from '../../bench/chaos/chaos-options.js';
import { killAfterOutage, outagePlan } from '../../bench/chaos/chaos-outages.js';

/**
 * Run D, PostgreSQL round 2 (seed 140305): the push phase's PostgreSQL restart was planned for the
 * fifth pusher, the last one, which does not look at the plan; the round passed with no restart
 * under a pusher and no word about it. Every planned outage must fall on a run that takes it.
 */
describe('outagePlan', () => {
  it('puts every outage on a distinct run within the runs that take one, for any seed', () => {
    for (let seed = 0; seed < 500; seed++) {
      const ctx = {
        stack: 'postgres',
        options: { ...chaosDefaults, log: () => {} },
        random: seededRandom(seed),
      } as unknown as RoundContext;
      const push = outagePlan(ctx, ['postgres'], ctx.options.kills);
      const pull = outagePlan(ctx, ['rabbitmq', 'postgres'], ctx.options.kills + 1);
      expect([...push.values()]).toEqual(['postgres']);
      expect([...push.keys()].every((run) => run >= 1 && run <= ctx.options.kills)).toBe(true);
      expect(new Set(pull.values())).toEqual(new Set(['rabbitmq', 'postgres']));
      expect([...pull.keys()].every((run) => run >= 1 && run <= ctx.options.kills + 1)).toBe(true);
    }
  });
});

/**
 * The kill of a pusher that has the restart used to come 0-1.5 s after `pg_ctl restart` was started;
 * on a loaded machine pg_ctl had often not signalled the server by then, so the pusher was gone before
 * the database went down. Here pg_ctl takes 300 ms to get to the server and the seed draws the
 * shortest waits: the pusher must still be running when the server goes down and when it is back.
 */
describe('killAfterOutage', () => {
  it('keeps the worker running through the whole restart and kills it only after', async () => {
    const seen: string[] = [];
    const worker = {
      running: true,
      kill: async () => {
        seen.push('kill');
        worker.running = false;
        return 'killed';
      },
    };
    const ctx = {
      stack: 'postgres',
      options: { ...chaosDefaults, log: () => {} },
      random: () => 0,
      log: () => {},
      services: {
        pg: {
          restart: async () => {
            await new Promise((r) => setTimeout(r, 300));
            seen.push(`down, pusher running: ${worker.running}`);
            await new Promise((r) => setTimeout(r, 200));
            seen.push(`up, pusher running: ${worker.running}`);
          },
        },
      },
    } as unknown as RoundContext;
    const { exit, outageText } = await killAfterOutage(ctx, worker, 'postgres', 'pusher 2');
    expect(seen).toEqual(['down, pusher running: true', 'up, pusher running: true', 'kill']);
    expect(exit).toBe('killed');
    expect(outageText).toMatch(/^postgres \d+\.\ds under pusher 2$/);
  });

  it('kills a worker with no outage without waiting for one', async () => {
    const worker = { running: true, kill: async () => 'killed' };
    const ctx = { random: () => 0, log: () => {} } as unknown as RoundContext;
    expect(await killAfterOutage(ctx, worker, undefined, 'pusher 1')).toEqual({
      exit: 'killed',
      outageText: undefined,
    });
  });
});
