import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { syncStreamEventSchema, type RunProgress } from '../../../core/contracts/admin-sync';
import { apiClient } from './api-client';
import { isRunning, reduceSyncStream } from './sync-progress-state';

export const syncEventsPath = '/admin/api/sync/events';

export interface SyncProgress {
  /** The run going on, or the last one the server ran (its phase says done or failed), or null. */
  run: RunProgress | null;
  running: boolean;
  /** The stream is open (false while reconnecting, e.g. the server restarted). */
  connected: boolean;
}

/** Queries that change when a run starts or ends. */
const touchedByRuns = ['/admin/api/sync/status', '/admin/api/sync/history', '/admin/api/sync/runs'];

/**
 * The desk's one live view of the sync: the server's run progress over Server-Sent Events
 * (GET /admin/api/sync/events). The server keeps the run, so after a reload the first event is a
 * snapshot of it and the bar goes on where it was. Reconnects with back-off when the stream drops.
 * Used by the status screen and the first-run wizard.
 */
export function useSyncProgress(): SyncProgress {
  const [run, setRun] = useState<RunProgress | null>(null);
  const [connected, setConnected] = useState(false);
  const queryClient = useQueryClient();
  useEffect(() => {
    const abort = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      for (const key of touchedByRuns) void queryClient.invalidateQueries({ queryKey: [key] });
    };
    const connect = async (attempt: number): Promise<void> => {
      let opened = false;
      try {
        await apiClient.stream(
          syncEventsPath,
          ({ data }) => {
            opened = true;
            setConnected(true);
            setRun((current) => reduceSyncStream(current, data));
            if (data.type !== 'progress') refresh();
          },
          { schema: syncStreamEventSchema, signal: abort.signal },
        );
      } catch {
        // Dropped or refused: reconnect below.
      }
      if (abort.signal.aborted) return;
      setConnected(false);
      const next = opened ? 0 : attempt + 1;
      retry = setTimeout(() => void connect(next), Math.min(10_000, 1_000 * 2 ** next));
    };
    void connect(0);
    return () => {
      abort.abort();
      clearTimeout(retry);
    };
  }, [queryClient]);
  return { run, running: isRunning(run), connected };
}
