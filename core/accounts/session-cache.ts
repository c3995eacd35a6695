/** How long a looked-up session state is trusted; other instances see a logout within this. */
export const defaultSessionCacheTtlMs = 5_000;
const defaultMaxEntries = 10_000;

interface Entry {
  active: boolean;
  until: number;
}

/**
 * Remembers for a few seconds whether a session (refresh-token family) is still active, so checking the
 * session of every authenticated request costs a Map lookup, not a query. This instance's own logouts
 * and revocations write `inactive` at once (`revoked`); another instance's are seen when the entry ages
 * out. An epoch counter keeps a lookup that started before a revocation from caching its stale `active`.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = defaultSessionCacheTtlMs,
    private readonly maxEntries = defaultMaxEntries,
  ) {}

  /** The cached state, or the lookup's answer (then cached unless a revocation happened meanwhile). */
  async isActive(sessionId: string, lookup: () => Promise<boolean>): Promise<boolean> {
    const hit = this.entries.get(sessionId);
    if (hit && hit.until > this.now()) return hit.active;
    const epoch = this.epoch;
    const active = await lookup();
    if (epoch === this.epoch) this.put(sessionId, active);
    return active;
  }

  /** The sessions were revoked here: their access tokens stop working now. */
  revoked(sessionIds: readonly string[]): void {
    this.epoch++;
    for (const id of sessionIds) this.put(id, false);
  }

  /** Revocations whose session ids are not known here (sign out everywhere): forget everything. */
  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  private put(sessionId: string, active: boolean): void {
    this.entries.delete(sessionId);
    // Map keeps insertion order: the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { active, until: this.now() + this.ttlMs });
  }
}
