import type { SimBooks } from '../../core/mahak-sim/sim-control.js';
import type { DeskAction } from '../../core/mahak-sim/sim-desk-actions.js';
import type { SimSettings } from '../../core/mahak-sim/sim-engine.js';
import type { FaultRule } from '../../core/mahak-sim/sim-faults.js';

/**
 * The simulator's control API (`/__sim/…`, core/mahak-sim/README.md) over HTTP: the simulator runs in
 * its own process here (bench/sim-process.ts), so the runner is staff at the Mahak desk, the chaos
 * monkey and the referee through plain fetch, never through the engine's own Mahak client.
 */
export interface SimInfo {
  products: number;
  productDetails: number;
  people: number;
  lastRowVersion: number;
}

export class SimRemote {
  constructor(private readonly origin: string) {}

  info = () => this.call<SimInfo>('GET', '/__sim');
  stats = () => this.call<{ faultsFired: number; lastRowVersion: number }>('GET', '/__sim/stats');
  books = () => this.call<SimBooks>('GET', '/__sim/books');
  settings = (patch: Partial<SimSettings>) => this.call<SimSettings>('PATCH', '/__sim/settings', patch);
  addFaults = (rules: FaultRule[]) => this.call<unknown>('POST', '/__sim/faults', rules);
  clearFaults = () => this.call<unknown>('DELETE', '/__sim/faults');
  desk = (action: DeskAction) => this.call<unknown>('POST', '/__sim/desk', action);
  row = (entity: string, id: number) =>
    this.call<Record<string, unknown>>('GET', `/__sim/rows/${entity}/${id}`).catch(() => undefined);

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.origin + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator ${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
}
