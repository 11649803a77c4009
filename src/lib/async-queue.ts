// An unbounded queue that is consumed as an AsyncIterable. Used to adapt
// emitters (etcd3 watchers, gRPC streams, ssh2 channels) to `for await`: the
// producer calls push/end/fail, the consumer iterates. `break` in the
// consumer's loop calls `onReturn`, which the producer uses to cancel.

export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void } | undefined;
  #done = false;
  #error: Error | undefined;
  #returned = false;

  constructor(private readonly onReturn?: () => void) {}

  /** number of items waiting to be consumed */
  get size(): number {
    return this.#items.length;
  }

  get isClosed(): boolean {
    return this.#done || this.#returned;
  }

  push(item: T): void {
    if (this.#done || this.#returned) return;
    const w = this.#waiter;
    if (w) {
      this.#waiter = undefined;
      w.resolve({ value: item, done: false });
    } else this.#items.push(item);
  }

  /** ends the iteration after the queued items are consumed */
  end(): void {
    if (this.#done) return;
    this.#done = true;
    const w = this.#waiter;
    if (w && this.#items.length === 0) {
      this.#waiter = undefined;
      w.resolve({ value: undefined, done: true });
    }
  }

  /** ends the iteration with an error, after the queued items are consumed */
  fail(err: Error): void {
    if (this.#done) return;
    this.#error = err;
    this.#done = true;
    const w = this.#waiter;
    if (w && this.#items.length === 0) {
      this.#waiter = undefined;
      w.reject(err);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift()!, done: false });
        if (this.#returned) return Promise.resolve({ value: undefined, done: true });
        if (this.#done) {
          if (this.#error) {
            const e = this.#error;
            this.#error = undefined;
            this.#returned = true;
            return Promise.reject(e);
          }
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => {
          this.#waiter = { resolve, reject };
        });
      },
      return: () => {
        if (!this.#returned) {
          this.#returned = true;
          this.#items.length = 0;
          this.onReturn?.();
        }
        const w = this.#waiter;
        this.#waiter = undefined;
        w?.resolve({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
