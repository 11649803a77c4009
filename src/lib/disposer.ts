// A LIFO stack of cleanups (Node 20 has no AsyncDisposableStack). The daemon
// pushes each subsystem as it starts, so a start that fails halfway unwinds
// exactly what already started, in reverse order.

export class Disposer implements AsyncDisposable {
  readonly #stack: Array<() => PromiseLike<void> | void> = [];
  #disposed = false;

  /** registers `resource` for disposal and returns it */
  use<T extends AsyncDisposable | Disposable>(resource: T): T {
    const r = resource as Partial<AsyncDisposable & Disposable>;
    const asyncDispose = r[Symbol.asyncDispose];
    const syncDispose = r[Symbol.dispose];
    if (asyncDispose) this.defer(() => asyncDispose.call(resource));
    else if (syncDispose) this.defer(() => syncDispose.call(resource));
    return resource;
  }

  /** registers a cleanup function */
  defer(fn: () => PromiseLike<void> | void): void {
    if (this.#disposed) throw new Error('disposer already disposed');
    this.#stack.push(fn);
  }

  /**
   * Runs every cleanup in reverse order. A failing cleanup does not stop the
   * others; the first error is rethrown at the end. Safe to call twice.
   */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    let first: unknown;
    while (this.#stack.length > 0) {
      const fn = this.#stack.pop()!;
      try {
        await fn();
      } catch (err) {
        first ??= err;
      }
    }
    if (first !== undefined) throw first instanceof Error ? first : new Error('cleanup failed', { cause: first });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
