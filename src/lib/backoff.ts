// Exponential backoff with full jitter, for reconnect and retry loops.

export interface BackoffOptions {
  /** first delay, ms */
  initialMs: number;
  /** upper bound of any delay, ms */
  maxMs: number;
  /** growth per attempt; default 2 */
  factor?: number;
  /** random source in [0,1); default Math.random (tests pass a fixed one) */
  random?: () => number;
}

export class Backoff {
  #attempt = 0;
  constructor(private readonly opts: BackoffOptions) {}

  /** the next delay in ms: a random value in [delay/2, delay] where delay grows by factor */
  next(): number {
    const { initialMs, maxMs, factor = 2, random = Math.random } = this.opts;
    const ceiling = Math.min(maxMs, initialMs * factor ** this.#attempt);
    this.#attempt++;
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  reset(): void {
    this.#attempt = 0;
  }
}
