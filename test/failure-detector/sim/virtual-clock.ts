// A discrete-event virtual clock for simulations: one binary heap of timers,
// run synchronously in time order (ties in creation order) with no microtask
// flushing, so thousands of protocol rounds run per wall second. Each
// simulated member gets a view (MemberClock) that can be paused, so its
// timers fire late all at once on resume like after a GC pause or SIGSTOP,
// or killed, so they never fire. Unlike test/helpers/fake-clock.ts, nothing
// here awaits.

import { sleepOnTimer, type Clock, type Timer } from '../../../src/lib/clock.js';

interface Entry {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #heap: Entry[] = [];
  /** timers fired so far */
  fired = 0;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const e: Entry = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#push(e);
    return { cancel: () => void (e.cancelled = true) };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOnTimer((t, fn) => this.setTimer(t, fn), ms, signal);
  }

  /** fires every timer due up to now + ms, in order, and leaves the clock at now + ms */
  advance(ms: number): void {
    this.runUntil(this.#now + ms);
  }

  runUntil(t: number): void {
    const heap = this.#heap;
    while (heap.length > 0 && heap[0].at <= t) {
      const e = this.#pop();
      if (e.cancelled) continue;
      this.#now = e.at;
      this.fired++;
      e.fn();
    }
    if (t > this.#now) this.#now = t;
  }

  /** a per-member view that can be paused or killed */
  view(): MemberClock {
    return new MemberClock(this);
  }

  #push(e: Entry): void {
    const h = this.#heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  #pop(): Entry {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** one member's clock: the shared time, but its timers can be held (paused) or dropped (killed) */
export class MemberClock implements Clock {
  readonly #base: VirtualClock;
  #paused = false;
  #killed = false;
  #held: (() => void)[] = [];

  constructor(base: VirtualClock) {
    this.#base = base;
  }

  now(): number {
    return this.#base.now();
  }

  setTimer(ms: number, fn: () => void): Timer {
    let cancelled = false;
    const t = this.#base.setTimer(ms, () => {
      if (cancelled || this.#killed) return;
      if (this.#paused) this.#held.push(() => cancelled || this.#killed || fn());
      else fn();
    });
    return {
      cancel: () => {
        cancelled = true;
        t.cancel();
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const t = this.setTimer(ms, resolve);
      signal?.addEventListener('abort', () => {
        t.cancel();
        reject(signal.reason as Error);
      }, { once: true });
    });
  }

  pause(): void {
    this.#paused = true;
  }

  /** held timers fire now, in the order they fell due */
  resume(): void {
    this.#paused = false;
    const held = this.#held;
    this.#held = [];
    for (const fn of held) this.#base.setTimer(0, fn);
  }

  kill(): void {
    this.#killed = true;
    this.#held = [];
  }
}
