// Time as an injected dependency. Subsystem code takes a Clock and never calls
// Date.now() or setTimeout directly, so tests can drive time with a fake clock
// (test/helpers/fake-clock.ts) and timing math stays testable.

export interface Timer {
  /** stops the timer; safe to call more than once and after it fired */
  cancel(): void;
}

export interface Clock {
  /** epoch milliseconds */
  now(): number;
  /** resolves after `ms`; rejects with the signal's reason when aborted first */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** calls `fn` once after `ms` unless cancelled; the timer does not keep the process alive */
  setTimer(ms: number, fn: () => void): Timer;
}

/**
 * Clock.sleep built on a clock's own setTimer: resolves when the timer fires,
 * rejects with the signal's reason (cancelling the timer) when aborted first.
 * For clocks whose time is not the wall clock's (tests, simulation).
 */
export function sleepOnTimer(setTimer: Clock['setTimer'], ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const t = setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    const onAbort = () => {
      t.cancel();
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = () => {
        clearTimeout(t);
        reject(signal!.reason as Error);
      };
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};
