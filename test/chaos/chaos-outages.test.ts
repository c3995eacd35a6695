import { describe, expect, it } from 'vitest';
import type { RoundContext } from '../../bench/chaos/chaos-context.js';
import { chaosDefaults, seededRandom } from '../../bench/chaos/chaos-options.js';
import { outagePlan } from '../../bench/chaos/chaos-outages.js';

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
