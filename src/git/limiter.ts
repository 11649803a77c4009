// A counting semaphore with abortable waits: at most `limit` callers run at
// once, the rest wait in FIFO order. The cache uses one for fetches across
// repositories, one for other git processes, and a limit-1 instance per
// repository as its lock. (Generic; a candidate for lib/ if others need it.)

export class Limiter {
  #active = 0;
  readonly #waiting: Array<{ start: () => void }> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  /** true while someone holds a slot or waits for one */
  get isBusy(): boolean {
    return this.#active > 0 || this.#waiting.length > 0;
  }

  /**
   * Runs `fn` once a slot is free. Rejects with the signal's reason when it
   * aborts while waiting (fn never starts); once started, fn owns the signal.
   */
  async run<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await fn();
    } finally {
      this.#release();
    }
  }

  #acquire(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          signal.removeEventListener('abort', onAbort);
          this.#active++;
          resolve();
        },
      };
      const onAbort = () => {
        const i = this.#waiting.indexOf(entry);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(entry);
    });
  }

  #release(): void {
    this.#active--;
    this.#waiting.shift()?.start();
  }
}
