import { createRandomStream } from './sim-random.js';

/**
 * Faults on demand. Each rule fires on matching requests (optionally only `times` times, or with a seeded
 * `probability`), so a test can script "the next two GetAllData calls fail with 503".
 *
 * - latency: wait `ms` before handling.
 * - http5xx: answer `status` (default 503) with a plain-text body; `phase: 'after'` handles (commits) first.
 * - http429: answer 429 with Retry-After: 1.
 * - timeout: never answer — hang until the client gives up; `phase: 'after'` commits first.
 * - truncate: handle, then send half of the body; `mode: 'abort'` (default) cuts the connection under a
 *   full Content-Length, `mode: 'invalidJson'` sends half the JSON as a complete response.
 * - tokenExpiry: invalidate every token before handling (the request then gets 401).
 * - appError: HTTP 200 with Result false, Code 500 and a Persian message, without handling.
 * - phantomSave: SaveAllData answers Result true with ids and RowVersions but persists nothing (reported by
 *   integrators; API.md §4.3 notes Result true does not guarantee the effect).
 * - late: SaveAllData commits, but its rows become visible to GetAllData only after `ms` (default 2000) —
 *   their RowVersions are lower than rows committed meanwhile (a long transaction; ARCHITECTURE invariant 1).
 */
export const faultKinds = [
  'latency',
  'http5xx',
  'http429',
  'timeout',
  'truncate',
  'tokenExpiry',
  'appError',
  'phantomSave',
  'late',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultRule {
  kind: FaultKind;
  /** Operation name, case-insensitive; `GetAllData` also matches `GetAllDataV2`; `Image` = picture GETs. */
  operation?: string;
  times?: number;
  probability?: number;
  ms?: number;
  status?: number;
  phase?: 'before' | 'after';
  mode?: 'abort' | 'invalidJson';
}

export interface ActiveFault extends FaultRule {
  id: number;
  fired: number;
}

export interface FaultPlan {
  latencyMs: number;
  terminal?: ActiveFault;
  truncate?: ActiveFault;
  phantom: boolean;
  lateMs?: number;
}

const terminalKinds: ReadonlySet<FaultKind> = new Set([
  'http5xx',
  'http429',
  'timeout',
  'tokenExpiry',
  'appError',
]);
const saveOnlyKinds: ReadonlySet<FaultKind> = new Set(['phantomSave', 'late']);
const isSave = (op: string) => /^saveall(data|datav2)$/i.test(op);

export class FaultEngine {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  private readonly random: () => number;
  private firedTotal = 0;

  constructor(seed: number) {
    this.random = createRandomStream(seed ^ 0x5eed);
  }

  add(rule: FaultRule): ActiveFault {
    if (!faultKinds.includes(rule.kind)) throw new Error(`unknown fault kind: ${String(rule.kind)}`);
    const active: ActiveFault = { ...rule, id: this.nextId++, fired: 0 };
    this.rules.push(active);
    return active;
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  get totalFired(): number {
    return this.firedTotal;
  }

  /** Decide which faults hit this request (consumes `times` and the seeded random stream). */
  plan(operation: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, phantom: false };
    for (const rule of [...this.rules]) {
      if (!matches(rule, operation)) continue;
      if (saveOnlyKinds.has(rule.kind) && !isSave(operation)) continue;
      if (terminalKinds.has(rule.kind) && plan.terminal) continue;
      if (rule.kind === 'truncate' && plan.truncate) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      this.fire(rule);
      if (rule.kind === 'latency') plan.latencyMs += rule.ms ?? 0;
      else if (rule.kind === 'phantomSave') plan.phantom = true;
      else if (rule.kind === 'late') plan.lateMs = rule.ms ?? 2000;
      else if (rule.kind === 'truncate') plan.truncate = rule;
      else plan.terminal = rule;
    }
    return plan;
  }

  private fire(rule: ActiveFault): void {
    rule.fired++;
    this.firedTotal++;
    if (rule.times !== undefined && rule.fired >= rule.times) this.remove(rule.id);
  }
}

function matches(rule: FaultRule, operation: string): boolean {
  if (!rule.operation) return true;
  const want = rule.operation.toLowerCase();
  const op = operation.toLowerCase();
  return op === want || op === `${want}v2`;
}
