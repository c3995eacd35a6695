import type { PulledEntityName } from '../contracts/mahak-wire.js';
import type { PictureSyncStats } from './picture-sync.js';

/** Progress of a run, for the terminal (`hamgam sync`), the desktop status screen and logs. */
export type SyncEvent =
  | { type: 'run-started'; runId: string; kind: 'pull' | 'push' | 'drift' }
  | {
      type: 'page-fetched';
      runId: string;
      entity: PulledEntityName;
      records: number;
      quarantined: number;
      seq: number;
    }
  | { type: 'page-applied'; runId: string; entity: PulledEntityName; changed: number; seq: number }
  // Picture downloads after a pull (picture-sync.ts): cumulative counts, `done` on the last one.
  | ({ type: 'pictures-progress'; runId: string; done: boolean } & PictureSyncStats)
  | {
      type: 'run-finished';
      runId: string;
      kind: 'pull' | 'push' | 'drift';
      status: 'ok' | 'failed';
      stats: Record<string, unknown>;
      error?: string;
    };

export type SyncListener = (event: SyncEvent) => void;

/** A tiny typed fan-out; a throwing listener never breaks the sync. */
export class SyncEvents {
  private readonly listeners = new Set<SyncListener>();

  on(listener: SyncListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SyncEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken progress display must not stop a sync.
      }
    }
  }
}
