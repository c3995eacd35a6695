import type { PulledEntityName } from '../contracts/mahak-wire.js';
import type { PictureSyncStats } from './picture-sync.js';

/** Progress of a run, for the terminal (`hamgam sync`), the desktop status screen and logs. */
export type SyncEvent =
  | {
      type: 'run-started';
      runId: string;
      kind: 'pull' | 'push' | 'drift';
      /** A pull of only these entities (absent: all of them). */
      entities?: PulledEntityName[];
    }
  | {
      type: 'page-fetched';
      runId: string;
      entity: PulledEntityName;
      records: number;
      quarantined: number;
      seq: number;
    }
  | {
      type: 'page-applied';
      runId: string;
      entity: PulledEntityName;
      changed: number;
      seq: number;
      /** Records on the page (absent from emitters that do not know). */
      records?: number;
    }
  // The fetcher read an entity's last page (`records`: how many it read in this run).
  | { type: 'entity-fetched'; runId: string; entity: PulledEntityName; records: number }
  // Picture downloads after a pull (picture-sync.ts): cumulative counts, `done` on the last one.
  | ({ type: 'pictures-progress'; runId: string; done: boolean } & PictureSyncStats)
  | {
      type: 'run-finished';
      runId: string;
      kind: 'pull' | 'push' | 'drift';
      status: 'ok' | 'failed';
      stats: Record<string, unknown>;
      error?: string;
      /** The HamgamError code and details of a failure, so the desk can explain it (sync-error-advice.ts). */
      errorCode?: string;
      errorDetails?: unknown;
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
