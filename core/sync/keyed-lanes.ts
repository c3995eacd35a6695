/**
 * Per-key FIFO lanes: work of one key runs strictly one after another, in the order it was handed in,
 * while work of different keys runs side by side. The pull consumer keys its pages by entity, so an
 * entity's pages are applied in the order the queue delivered them (as with prefetch 1) and pages of
 * different entities overlap.
 */
export class KeyedLanes {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // The map forgets a key once its last piece of work is done, so it never grows with the run.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests). */
  get busy(): number {
    return this.tails.size;
  }
}
