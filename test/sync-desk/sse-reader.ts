import { syncStreamEventSchema, type SyncStreamEvent } from '../../core/contracts/admin-sync.js';

/** Reads /admin/api/sync/events over a real socket, each event parsed with the shared contract. */
export interface SseReader {
  status: number;
  contentType: string | null;
  /** Resolves with the next event matching `match` (events before it are kept in `seen`). */
  until(match: (e: SyncStreamEvent) => boolean, timeoutMs?: number): Promise<SyncStreamEvent>;
  seen: SyncStreamEvent[];
  close(): void;
}

export async function openSse(url: string, token: string): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: SyncStreamEvent[] = [];
  const queue: SyncStreamEvent[] = [];
  let buffer = '';
  let wake: (() => void) | undefined;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) queue.push(syncStreamEventSchema.parse(JSON.parse(data.slice(6))));
        }
        wake?.();
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    seen,
    async until(match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (queue.length > 0) {
          const e = queue.shift()!;
          seen.push(e);
          if (match(e)) return e;
        }
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    },
    close: () => abort.abort(),
  };
}
