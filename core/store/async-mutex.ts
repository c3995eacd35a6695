/**
 * A FIFO async mutex. better-sqlite3 is synchronous, but a transaction that awaits between statements
 * would let another caller's statement run inside it on the one connection; everything on the SQLite
 * connection therefore takes turns through this.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn);
    // The next caller waits for this one to settle, whether it succeeded or not.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
