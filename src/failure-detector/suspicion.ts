// Lifeguard dynamic suspicion (memberlist suspicion.go): a suspicion starts
// at the max timeout and every independent confirmation (a suspect message
// from a member not yet counted; the accuser is pre-counted) pulls the
// deadline toward the min on a log curve, so one lossy link waits long while
// several members agreeing act fast.

import type { Clock, Timer } from '../lib/clock.js';

/**
 * Milliseconds left of a suspicion with `n` of `k` expected confirmations,
 * `elapsedMs` after it started: max − (max − min) × log(n + 1) / log(k + 1),
 * never below min, minus what already elapsed (may be negative).
 */
export function remainingSuspicionMs(n: number, k: number, elapsedMs: number, minMs: number, maxMs: number): number {
  const frac = k < 1 ? 1 : Math.log(n + 1) / Math.log(k + 1);
  const raw = maxMs - frac * (maxMs - minMs);
  return Math.max(minMs, Math.floor(raw)) - elapsedMs;
}

export interface SuspicionOptions {
  /** the accuser, counted from the start */
  readonly from: string;
  /** expected confirmations; below 1 the suspicion simply waits minMs */
  readonly k: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly clock: Clock;
  /** called once when the timeout passes; not called after cancel() */
  readonly onTimeout: () => void;
}

export class Suspicion {
  readonly #opts: SuspicionOptions;
  readonly #confirmers = new Set<string>();
  readonly #start: number;
  #confirmations = 0;
  #timer: Timer | undefined;

  constructor(opts: SuspicionOptions) {
    this.#opts = opts;
    this.#start = opts.clock.now();
    this.#confirmers.add(opts.from);
    this.#arm(opts.k < 1 ? opts.minMs : opts.maxMs);
  }

  /** independent confirmations so far (the accuser not included) */
  get confirmations(): number {
    return this.#confirmations;
  }

  /** the absolute clock time the suspicion times out at, as now scheduled */
  #deadline = 0;
  get deadline(): number {
    return this.#deadline;
  }

  /** counts `from` once; true when it was a new confirmation (the caller re-broadcasts it) */
  confirm(from: string): boolean {
    const { k, minMs, maxMs, clock } = this.#opts;
    if (this.#timer === undefined || this.#confirmations >= k || this.#confirmers.has(from)) return false;
    this.#confirmers.add(from);
    this.#confirmations++;
    const remaining = remainingSuspicionMs(this.#confirmations, k, clock.now() - this.#start, minMs, maxMs);
    this.#timer.cancel();
    this.#arm(Math.max(0, remaining));
    return true;
  }

  cancel(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #arm(ms: number): void {
    this.#deadline = this.#opts.clock.now() + ms;
    this.#timer = this.#opts.clock.setTimer(ms, () => {
      this.#timer = undefined;
      this.#opts.onTimeout();
    });
  }
}
